//! `/community/documents`: the documents the viewer may download, each with its current
//! version and its history; for administrators the upload form (a new document, or a new
//! version of one).
use super::api::load_documents;
use super::*;
use crate::community::organisations::ui::file_input;
use crate::community::ui::{file_href, options, tabs};
use crate::form::Choice;
use crate::i18n::{k, t, use_locale};
use crate::ui::form::{FormAlert, FormView, PendingForm, SelectField, TextField};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;

fn version_line(v: &Version) -> String {
    let locale = use_locale();
    crate::i18n::fill(
        t(k::DOCUMENT_VERSION),
        &[
            ("n", &v.version.to_string()),
            ("date", &locale.date(v.created_at)),
            ("size", &size_label(locale, v.size)),
        ],
    )
}

fn document_card(d: Document) -> impl IntoView {
    let audience = DocAudience::from_code(&d.audience)
        .map(|a| t(a.label()))
        .unwrap_or("");
    let mut versions = d.versions.into_iter();
    let current = versions.next();
    let older: Vec<Version> = versions.collect();
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="document">
            <h3 class="text-lg font-semibold">{d.title.clone()}</h3>
            <p class="text-sm text-stone-700">{audience}</p>
            {current.map(|v| view! {
                <p class="mt-2">
                    <a class="underline" href=file_href(&v.file) download=v.file_name.clone()>{t(k::DOCUMENT_DOWNLOAD)}" (PDF)"</a>
                    " · "{version_line(&v)}
                </p>
                {(!v.note.is_empty()).then(|| view! { <p class="text-sm">{v.note.clone()}</p> })}
            })}
            {(!older.is_empty()).then(|| view! {
                <details class="mt-2">
                    <summary class="cursor-pointer">{t(k::DOCUMENT_HISTORY)}</summary>
                    <ul class="mt-1 space-y-1">
                        {older.into_iter().map(|v| view! {
                            <li><a class="underline" href=file_href(&v.file)>{version_line(&v)}</a>{(!v.note.is_empty()).then(|| format!(" — {}", v.note))}</li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </li>
    }
}

fn upload_form(documents: &[Document]) -> impl IntoView + use<> {
    let f = FormView::new("document");
    let existing: Vec<(String, String)> = documents
        .iter()
        .map(|d| (d.id.to_string(), d.title.clone()))
        .collect();
    view! {
        <section id="upload" aria-labelledby="upload-h" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="upload-h" class="text-xl font-bold">{t(k::DOCUMENT_UPLOAD)}</h2>
            <p class="text-sm text-stone-700">{t(k::DOCUMENT_UPLOAD_LEAD)}</p>
            <FormAlert form=f.clone()/>
            <PendingForm action="/community/documents".to_string() enctype="multipart/form-data".to_string() label=t(k::DOCUMENT_SEND).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                <SelectField form=f.clone() name="document_id" label=k::DOCUMENT_FIELD_OF options=existing placeholder=k::DOCUMENT_FIELD_NEW required=false/>
                <TextField form=f.clone() name="title" label=k::DOCUMENT_FIELD_TITLE maxlength=TITLE_MAX/>
                <SelectField form=f.clone() name="audience" label=k::DOCUMENT_FIELD_AUDIENCE hint=k::DOCUMENT_FIELD_AUDIENCE_HINT options={options::<DocAudience>()} placeholder=k::COMMUNITY_PICK/>
                <TextField form=f.clone() name="note" label=k::DOCUMENT_FIELD_NOTE maxlength=NOTE_MAX required=false/>
                {file_input(&f, k::DOCUMENT_FIELD_FILE, "application/pdf,.pdf")}
            </PendingForm>
        </section>
    }
}

#[component]
pub fn DocumentsPage() -> impl IntoView {
    view! {
        <PageTitle key=k::DOCUMENT_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::DOCUMENT_TITLE)}</h1>
        <p class="mt-1 text-stone-700">{t(k::DOCUMENT_LEAD)}</p>
        {tabs("/community/documents")}
        <Await future=load_documents() let:data>
            {match data.clone() {
                Ok(d) => view! {
                    <h2 class="sr-only">{t(k::DOCUMENT_TITLE)}</h2>
                    {if d.documents.is_empty() {
                        view! { <p class="mt-4">{t(k::DOCUMENT_NONE)}</p> }.into_any()
                    } else {
                        view! { <ul class="mt-4 space-y-3">{d.documents.clone().into_iter().map(document_card).collect_view()}</ul> }.into_any()
                    }}
                    {d.admin.then(|| upload_form(&d.documents))}
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}
