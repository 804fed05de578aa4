//! The administrators' page of roadmap templates: one form per template (edit or delete) and
//! one for a new template.
use super::api::{load_templates, DeleteTemplate, SaveTemplate};
use super::{template_steps_text, TemplateView};
use crate::i18n::{k, t};
use crate::roadmaps::{DESCRIPTION_MAX, TITLE_MAX};
use crate::ui::form::{
    FormAlert, FormView, PendingForm, SelectField, TextArea, TextField, DANGER_BUTTON_CLASS,
};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn TemplatesPage() -> impl IntoView {
    view! {
        <PageTitle key=k::TEMPLATES_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::TEMPLATES_TITLE)}</h1>
        <p class="mt-1 text-stone-700">{t(k::TEMPLATES_LEAD)}</p>
        <Await future=load_templates() let:data>
            {match data.clone() {
                Ok(list) => view! {
                    {if list.is_empty() { Some(view! { <p class="mt-4">{t(k::TEMPLATES_EMPTY)}</p> }) } else { None }}
                    <ul class="mt-4 space-y-4">
                        {list.into_iter().map(|tp| template_form(Some(tp))).collect_view()}
                    </ul>
                    <h2 class="mt-8 text-xl font-bold">{t(k::TEMPLATES_NEW)}</h2>
                    <ul>{template_form(None)}</ul>
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

fn template_form(tp: Option<TemplateView>) -> impl IntoView {
    let name = match &tp {
        Some(tp) => format!("template-{}", tp.id),
        None => "template-new".to_string(),
    };
    let f = FormView::new(name);
    let id = tp.as_ref().map(|tp| tp.id.to_string()).unwrap_or_default();
    let (delete_id, exists) = (id.clone(), tp.is_some());
    let heading = tp.as_ref().map(|tp| tp.title.clone());
    let lang_name = tp
        .as_ref()
        .and_then(|tp| crate::i18n::Locale::from_code(&tp.language))
        .map(|l| format!("· {}", t(crate::form::Choice::label(l))))
        .unwrap_or_default();
    let title = tp.as_ref().map(|t| t.title.clone());
    let description = tp.as_ref().map(|t| t.description.clone());
    let steps = tp.as_ref().map(|t| template_steps_text(&t.steps));
    let language = Some(
        tp.as_ref()
            .map(|t| t.language.clone())
            .unwrap_or_else(|| crate::i18n::use_locale().code().to_string()),
    );
    let languages: Vec<(String, String)> = crate::i18n::Locale::ALL
        .iter()
        .map(|l| {
            (
                l.code().to_string(),
                t(crate::form::Choice::label(*l)).to_string(),
            )
        })
        .collect();
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="template">
            {heading.map(|h| view! { <h2 class="text-lg font-semibold">{h}" "<span class="text-sm font-normal text-stone-700">{lang_name}</span></h2> })}
            <FormAlert form=f.clone()/>
            <PendingForm action=SaveTemplate::PATH.to_string() label=t(k::TEMPLATES_SAVE).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                <input type="hidden" name="template_id" value=id.clone()/>
                <TextField form=f.clone() name="title" label=k::TEMPLATES_NAME maxlength=TITLE_MAX saved=title.clone()/>
                <SelectField form=f.clone() name="language" label=k::TEMPLATES_LANGUAGE options=languages saved=language/>
                <TextArea form=f.clone() name="description" label=k::ROADMAP_DESCRIPTION maxlength=DESCRIPTION_MAX required=false saved=description.clone()/>
                <TextArea form=f.clone() name="steps" label=k::TEMPLATES_STEPS hint=k::TEMPLATES_STEPS_HINT maxlength=8_000 saved=steps.clone()/>
            </PendingForm>
            {exists.then(move || view! {
                <details class="mt-2">
                    <summary class="min-h-11 cursor-pointer py-2 font-medium text-red-900">{t(k::TEMPLATES_DELETE)}</summary>
                    <PendingForm action=DeleteTemplate::PATH.to_string() label=t(k::TEMPLATES_DELETE_CONFIRM).to_string() pending=t(k::ROADMAP_SAVING).to_string()
                        button_class=DANGER_BUTTON_CLASS.to_string()>
                        <input type="hidden" name="template_id" value=delete_id.clone()/>
                    </PendingForm>
                </details>
            })}
        </li>
    }
}
