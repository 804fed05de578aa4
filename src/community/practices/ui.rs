//! Best-practice pages: `/community/practices` (the showcase: search, region and audience
//! filters, pages), `/community/practices/:id` (one practice; for its editors the form and the
//! image upload) and `/community/practices/new`. Plain forms: every page works without
//! JavaScript.
use super::api::{load_practice, load_showcase, SavePractice};
use super::*;
use crate::community::organisations::ui::file_input;
use crate::community::ui::{audience_label, body, file_href, options, status_badge, tabs};
use crate::community::{region_label, Audience};
use crate::i18n::{k, t, use_locale};
use crate::ui::filter::{filter_form, filter_select, page_param, param};
use crate::ui::form::{FormAlert, FormView, PendingForm, SelectField, TextArea, TextField};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub fn practice_card(p: PracticeSummary) -> impl IntoView {
    let org = p.org.in_locale(use_locale()).to_string();
    let line = format!(
        "{org} · {} · {}",
        region_label(&p.region),
        audience_label(&p.audience)
    );
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="practice">
            <h3 class="text-lg font-semibold"><a class="underline" href=format!("/community/practices/{}", p.id)>{p.title.clone()}</a></h3>
            <p class="text-sm text-stone-700">{line}</p>
            {status_badge(&p.status, "")}
            <p class="mt-1 text-sm">{p.summary.clone()}</p>
        </li>
    }
}

fn filters() -> Filters {
    leptos_router::hooks::use_query_map().with_untracked(|q| Filters {
        q: param(q, "q"),
        region: param(q, "region"),
        audience: param(q, "audience"),
        page: page_param(q),
    })
}

fn filters_view(f: &Filters) -> impl IntoView {
    let selects = view! {
        {filter_select("region", k::COMMUNITY_FIELD_REGION, k::COMMUNITY_ALL_REGIONS, options::<crate::accounts::profiles::Region>(), &f.region)}
        {filter_select("audience", k::PRACTICE_FIELD_AUDIENCE, k::PRACTICE_ALL_AUDIENCES, options::<Audience>(), &f.audience)}
    };
    filter_form("/community/practices", k::PRACTICE_SEARCH, &f.q, selects)
}

#[component]
pub fn ShowcasePage() -> impl IntoView {
    let f = filters();
    let locale = use_locale();
    view! {
        <PageTitle key=k::PRACTICE_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::PRACTICE_TITLE)}</h1>
        <p class="mt-1 text-stone-700">{t(k::PRACTICE_LEAD)}</p>
        {tabs("/community/practices")}
        <Await future=load_showcase(f.clone()) let:data>
            {match data.clone() {
                Ok(s) => {
                    let pages = crate::ui::pages(s.total, crate::community::PER_PAGE);
                    let page = f.page as usize;
                    view! {
                        {s.my_org.map(|_| view! { <p class="mt-2"><a class="underline" href="/community/practices/new">{t(k::PRACTICE_NEW)}</a></p> })}
                        {filters_view(&f)}
                        <h2 class="mt-6 text-xl font-bold">{t(k::PRACTICE_FOUND_H)}</h2>
                        <p class="text-sm text-stone-700" role="status">{locale.count(k::PRACTICE_FOUND, s.total)}</p>
                        {if s.practices.is_empty() {
                            view! { <p class="mt-3">{t(k::PRACTICE_NONE)}" "<a class="underline" href="/community/practices">{t(k::COMMUNITY_CLEAR)}</a></p> }.into_any()
                        } else {
                            view! { <ul class="mt-3 space-y-3">{s.practices.into_iter().map(practice_card).collect_view()}</ul> }.into_any()
                        }}
                        {(pages > 1).then(|| crate::ui::pager(page, pages, &|p| f.href(p)))}
                    }.into_any()
                }
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

fn practice_form(
    id: Option<i64>,
    org: Option<i64>,
    saved: Option<&Practice>,
) -> impl IntoView + use<> {
    let f = FormView::new(if id.is_some() {
        "practice"
    } else {
        "practice-new"
    });
    let v = saved.map(Practice::fields).unwrap_or_default();
    let get = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let label = if id.is_some() {
        k::COMMUNITY_SAVE
    } else {
        k::PRACTICE_PUBLISH
    };
    view! {
        <FormAlert form=f.clone()/>
        <PendingForm action=SavePractice::PATH.to_string() label=t(label).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
            <input type="hidden" name="practice_id" value=id.map(|i| i.to_string()).unwrap_or_default()/>
            <input type="hidden" name="org_id" value=org.map(|i| i.to_string()).unwrap_or_default()/>
            <TextField form=f.clone() name="title" label=k::PRACTICE_FIELD_TITLE maxlength=crate::community::TITLE_MAX saved=get(&v.title)/>
            <TextArea form=f.clone() name="summary" label=k::PRACTICE_FIELD_SUMMARY maxlength=crate::community::SUMMARY_MAX saved=get(&v.summary)/>
            <TextArea form=f.clone() name="body" label=k::PRACTICE_FIELD_BODY hint=k::PRACTICE_FIELD_BODY_HINT maxlength=crate::community::BODY_MAX saved=get(&v.body)/>
            <SelectField form=f.clone() name="region" label=k::COMMUNITY_FIELD_REGION options={options::<crate::accounts::profiles::Region>()} placeholder=k::COMMUNITY_PICK saved=get(&v.region)/>
            <SelectField form=f.clone() name="audience" label=k::PRACTICE_FIELD_AUDIENCE options={options::<Audience>()} placeholder=k::COMMUNITY_PICK saved=get(&v.audience)/>
            <TextArea form=f.clone() name="results" label=k::PRACTICE_FIELD_RESULTS maxlength=crate::community::RESULTS_MAX required=false saved=get(&v.results)/>
        </PendingForm>
    }
}

#[component]
pub fn NewPracticePage() -> impl IntoView {
    let user = crate::auth::use_viewer().user;
    let Some(role) = user.map(|u| u.role) else {
        return page_error(crate::error::AppError::NotFound);
    };
    if !matches!(role, crate::auth::Role::Partner | crate::auth::Role::Admin) {
        return page_error(crate::error::AppError::NotFound);
    }
    let org = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("org").and_then(|o| o.parse::<i64>().ok()));
    view! {
        <PageTitle key=k::PRACTICE_NEW/>
        <h1 class="text-2xl font-bold">{t(k::PRACTICE_NEW)}</h1>
        <p class="mt-1 text-stone-700">{t(k::PRACTICE_NEW_LEAD)}</p>
        <div class="mt-4">{practice_form(None, org, None)}</div>
    }
    .into_any()
}

#[component]
pub fn PracticeViewPage() -> impl IntoView {
    let id = crate::ui::param_id();
    view! {
        <PageTitle key=k::PRACTICE_TITLE/>
        <Await future=load_practice(id) let:data>
            {match data.clone() {
                Ok(p) => practice_view(p).into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

fn practice_view(page: PracticePage) -> impl IntoView {
    let p = page.practice.clone();
    let s = p.summary.clone();
    let org = s.org.in_locale(use_locale()).to_string();
    let image_form = FormView::new("image");
    let id = s.id;
    view! {
        <article>
            <h1 class="text-2xl font-bold">{s.title.clone()}</h1>
            {tabs("")}
            {status_badge(&s.status, &p.reason)}
            <p class="mt-2 text-stone-700">
                <a class="underline" href=format!("/community/{}", s.org_id)>{org}</a>
                " · "{region_label(&s.region)}" · "{audience_label(&s.audience)}
            </p>
            {s.image.clone().map(|i| view! { <img src=file_href(&i) alt="" loading="lazy" class="mt-3 max-h-80 w-auto rounded"/> })}
            <p class="mt-3 font-medium">{s.summary.clone()}</p>
            {body(&crate::ui::readable(&p.body))}
            {(!p.results.is_empty()).then(|| view! {
                <h2 class="mt-4 text-xl font-bold">{t(k::PRACTICE_FIELD_RESULTS)}</h2>
                {body(&p.results)}
            })}
        </article>
        {(!page.can_edit && crate::auth::use_viewer().user.is_some() && s.status == "approved").then(|| {
            crate::moderation::ui::report_form(crate::moderation::ItemKind::Practice, s.id, page.reported)
        })}
        {page.can_edit.then(|| view! {
            <section id="edit" aria-labelledby="edit-h" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
                <h2 id="edit-h" class="text-xl font-bold">{t(k::PRACTICE_EDIT)}</h2>
                <p class="text-sm text-stone-700">{t(k::PRACTICE_EDIT_LEAD)}</p>
                <div class="mt-3">{practice_form(Some(id), None, Some(&p))}</div>
            </section>
            <section id="image" aria-labelledby="image-h" class="mt-6 rounded-lg border border-stone-200 bg-white p-4">
                <h2 id="image-h" class="text-xl font-bold">{t(k::PRACTICE_IMAGE)}</h2>
                <p class="text-sm text-stone-700">{t(k::COMMUNITY_LOGO_HINT)}</p>
                <FormAlert form=image_form.clone()/>
                <PendingForm action=format!("/community/practices/{id}/image") enctype="multipart/form-data".to_string() label=t(k::COMMUNITY_LOGO_SEND).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                    {file_input(&image_form, k::PRACTICE_IMAGE_FILE, "image/png,image/jpeg,image/webp")}
                </PendingForm>
            </section>
        })}
    }
}
