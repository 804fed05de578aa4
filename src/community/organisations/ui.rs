//! Organisation pages: `/community` (the directory: search and filters in a plain GET form,
//! pages, and the charts with their tables), `/community/:id` (the organisation, its practices
//! and initiatives; for its editors the form, the logo upload and what waits for approval; for
//! administrators its partner accounts) and `/community/new` (a partner proposes, an
//! administrator adds). Every page works without JavaScript.
use super::api::{
    load_directory, load_focus_areas, load_mine, load_organisation, LinkPartner, SaveOrganisation,
    UnlinkPartner,
};
use super::*;
use crate::community::ui::{body, file_href, kind_label, options, status_badge, tabs};
use crate::community::{region_label, OrgKind, Status};
use crate::form::Choice;
use crate::i18n::{k, t, use_locale};
use crate::ui::chart::BarChart;
use crate::ui::filter::{filter_form, filter_select, page_param, param};
use crate::ui::form::{
    checkbox_group, FormAlert, FormView, PendingForm, SelectField, TextArea, TextField,
    DANGER_BUTTON_CLASS,
};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The filters the page's address asks for.
fn filters() -> Filters {
    leptos_router::hooks::use_query_map().with_untracked(|q| Filters {
        q: param(q, "q"),
        kind: param(q, "kind"),
        region: param(q, "region"),
        field: param(q, "field"),
        page: page_param(q),
    })
}

fn org_card(o: OrgSummary) -> impl IntoView {
    let locale = use_locale();
    let name = o.names.in_locale(locale).to_string();
    let line = format!(
        "{} · {} · {}",
        kind_label(&o.kind),
        region_label(&o.region),
        crate::i18n::fill(
            t(k::COMMUNITY_SINCE),
            &[("year", &o.joined_year.to_string())]
        )
    );
    let short: String = o.description.chars().take(160).collect();
    view! {
        <li class="flex gap-3 rounded-lg border border-stone-200 bg-white p-4" data-testid="org">
            {o.logo.map(|l| view! { <img src=file_href(&l) alt="" width="48" height="48" loading="lazy" class="h-12 w-12 shrink-0 object-contain"/> })}
            <div>
                <h3 class="text-lg font-semibold"><a class="underline" href=format!("/community/{}", o.id)>{name}</a></h3>
                <p class="text-sm text-stone-700">{line}</p>
                {(!short.is_empty()).then(|| view! { <p class="mt-1 text-sm">{short}</p> })}
            </div>
        </li>
    }
}

fn region_options() -> Vec<(String, String)> {
    options::<crate::accounts::profiles::Region>()
}

fn filters_view(f: &Filters, fields: &[(i64, String)]) -> impl IntoView {
    let field_opts = fields
        .iter()
        .map(|(id, n)| (id.to_string(), n.clone()))
        .collect();
    let selects = view! {
        {filter_select("kind", k::COMMUNITY_FIELD_KIND, k::COMMUNITY_ALL_KINDS, options::<OrgKind>(), &f.kind)}
        {filter_select("region", k::COMMUNITY_FIELD_REGION, k::COMMUNITY_ALL_REGIONS, region_options(), &f.region)}
        {filter_select("field", k::COMMUNITY_FIELD_FOCUS, k::COMMUNITY_ALL_FOCUS, field_opts, &f.field)}
    };
    filter_form("/community", k::COMMUNITY_SEARCH, &f.q, selects)
}

fn charts(s: &crate::community::Stats) -> impl IntoView {
    let locale = use_locale();
    let years = s
        .years
        .iter()
        .map(|(y, _, total)| (y.to_string(), *total))
        .collect();
    let year_rows = s
        .years
        .iter()
        .map(|(y, n, total)| vec![y.to_string(), n.to_string(), total.to_string()])
        .collect();
    let by = |rows: &[(String, i64)], label: fn(&str) -> &'static str| {
        let bars: Vec<(String, i64)> = rows
            .iter()
            .map(|(c, n)| (label(c).to_string(), *n))
            .collect();
        let table = bars
            .iter()
            .map(|(l, n)| vec![l.clone(), n.to_string()])
            .collect::<Vec<_>>();
        (bars, table)
    };
    let (region_bars, region_rows) = by(&s.regions, region_label);
    let (kind_bars, kind_rows) = by(&s.kinds, kind_label);
    let total = s.years.last().map(|y| y.2).unwrap_or(0);
    view! {
        <section id="numbers" aria-labelledby="numbers-h" class="mt-8">
            <h2 id="numbers-h" class="text-xl font-bold">{t(k::COMMUNITY_NUMBERS)}</h2>
            <p class="text-stone-700">{locale.count(k::COMMUNITY_TOTAL, total)}</p>
            <BarChart id="growth" title=t(k::COMMUNITY_CHART_GROWTH).to_string() bars=years
                head=vec![t(k::COMMUNITY_COL_YEAR).into(), t(k::COMMUNITY_COL_JOINED).into(), t(k::COMMUNITY_COL_TOTAL).into()] rows=year_rows/>
            <BarChart id="by-region" title=t(k::COMMUNITY_CHART_REGIONS).to_string() bars=region_bars
                head=vec![t(k::COMMUNITY_FIELD_REGION).into(), t(k::COMMUNITY_COL_ORGS).into()] rows=region_rows/>
            <BarChart id="by-kind" title=t(k::COMMUNITY_CHART_KINDS).to_string() bars=kind_bars
                head=vec![t(k::COMMUNITY_FIELD_KIND).into(), t(k::COMMUNITY_COL_ORGS).into()] rows=kind_rows/>
        </section>
    }
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let f = filters();
    let writer = matches!(
        crate::auth::use_viewer().user.map(|u| u.role),
        Some(crate::auth::Role::Partner | crate::auth::Role::Admin)
    );
    let locale = use_locale();
    view! {
        <PageTitle key=k::COMMUNITY_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::COMMUNITY_TITLE)}</h1>
        <p class="mt-1 text-stone-700">{t(k::COMMUNITY_LEAD)}</p>
        {tabs("/community")}
        {writer.then(|| view! { <p class="mt-2"><a class="underline" href="/community/new">{t(k::COMMUNITY_NEW)}</a></p> })}
        <Await future=load_directory(f.clone()) let:data>
            {match data.clone() {
                Ok(d) => {
                    let pages = crate::ui::pages(d.total, crate::community::PER_PAGE);
                    let page = f.page as usize;
                    let found = locale.count(k::COMMUNITY_FOUND, d.total);
                    view! {
                        {filters_view(&f, &d.fields)}
                        <h2 class="mt-6 text-xl font-bold">{t(k::COMMUNITY_ORGS)}</h2>
                        <p class="text-sm text-stone-700" role="status">{found}</p>
                        {if d.orgs.is_empty() {
                            view! { <p class="mt-3">{t(k::COMMUNITY_NONE)}" "<a class="underline" href="/community">{t(k::COMMUNITY_CLEAR)}</a></p> }.into_any()
                        } else {
                            view! { <ul class="mt-3 space-y-3">{d.orgs.into_iter().map(org_card).collect_view()}</ul> }.into_any()
                        }}
                        {(pages > 1).then(|| crate::ui::pager(page, pages, &|p| f.href("/community", p)))}
                        {charts(&d.stats)}
                    }.into_any()
                }
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

/// The organisation form: empty to add one, or filled from `saved`.
fn org_form(
    id: Option<i64>,
    saved: Option<&OrgInput>,
    taxonomy: Vec<(i64, String)>,
) -> impl IntoView + use<> {
    let name = if id.is_some() { "org" } else { "org-new" };
    let f = FormView::new(name);
    let v = saved.map(OrgInput::fields).unwrap_or_default();
    let get = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let label = if id.is_some() {
        k::COMMUNITY_SAVE
    } else {
        k::COMMUNITY_CREATE
    };
    let chosen = saved.map(|s| s.fields.clone()).unwrap_or_default();
    view! {
        <FormAlert form=f.clone()/>
        <PendingForm action=SaveOrganisation::PATH.to_string() label=t(label).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
            <input type="hidden" name="org_id" value=id.map(|i| i.to_string()).unwrap_or_default()/>
            <p class="mb-2 text-sm text-stone-700">{t(k::COMMUNITY_NAMES_HINT)}</p>
            <TextField form=f.clone() name="name_ky" label=k::COMMUNITY_FIELD_NAME_KY maxlength=crate::community::NAME_MAX required=false saved=get(&v.name_ky)/>
            <TextField form=f.clone() name="name_ru" label=k::COMMUNITY_FIELD_NAME_RU maxlength=crate::community::NAME_MAX required=false saved=get(&v.name_ru)/>
            <TextField form=f.clone() name="name_en" label=k::COMMUNITY_FIELD_NAME_EN maxlength=crate::community::NAME_MAX required=false saved=get(&v.name_en)/>
            <SelectField form=f.clone() name="kind" label=k::COMMUNITY_FIELD_KIND options={options::<OrgKind>()} placeholder=k::COMMUNITY_PICK saved=get(&v.kind)/>
            <SelectField form=f.clone() name="region" label=k::COMMUNITY_FIELD_REGION options=region_options() placeholder=k::COMMUNITY_PICK saved=get(&v.region)/>
            <TextField form=f.clone() name="joined_year" label=k::COMMUNITY_FIELD_YEAR kind="number" saved=get(&v.joined_year).filter(|y| y != "0")/>
            <TextField form=f.clone() name="website" label=k::COMMUNITY_FIELD_WEBSITE kind="url" hint=k::COMMUNITY_FIELD_WEBSITE_HINT maxlength=crate::community::WEBSITE_MAX required=false saved=get(&v.website)/>
            <TextArea form=f.clone() name="description" label=k::COMMUNITY_FIELD_DESCRIPTION maxlength=crate::community::DESCRIPTION_MAX required=false saved=get(&v.description)/>
            {checkbox_group(&f, "fields", k::COMMUNITY_FIELD_FOCUS, taxonomy, &chosen)}
        </PendingForm>
    }
}

#[component]
pub fn NewOrganisationPage() -> impl IntoView {
    let writer = matches!(
        crate::auth::use_viewer().user.map(|u| u.role),
        Some(crate::auth::Role::Partner | crate::auth::Role::Admin)
    );
    if !writer {
        return page_error(crate::error::AppError::NotFound);
    }
    view! {
        <PageTitle key=k::COMMUNITY_NEW/>
        <h1 class="text-2xl font-bold">{t(k::COMMUNITY_NEW)}</h1>
        <p class="mt-1 text-stone-700">{t(k::COMMUNITY_NEW_LEAD)}</p>
        <Await future=load_focus_areas() let:data>
            {match data.clone() {
                Ok(fields) => view! { <div class="mt-4">{org_form(None, None, fields)}</div> }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
    .into_any()
}

/// `/community/mine`: a partner's own organisation, or how she gets one.
#[component]
pub fn MyOrganisationPage() -> impl IntoView {
    view! {
        <PageTitle key=k::COMMUNITY_MINE/>
        <Await future=load_mine() let:data>
            {match data.clone() {
                Ok(Some(id)) => view! {
                    <Await future=load_organisation(id) let:page>
                        {match page.clone() {
                            Ok(p) => org_view(p).into_any(),
                            Err(e) => page_error(e),
                        }}
                    </Await>
                }.into_any(),
                Ok(None) => view! {
                    <h1 class="text-2xl font-bold">{t(k::COMMUNITY_MINE)}</h1>
                    <p class="mt-2">{t(k::COMMUNITY_MINE_NONE)}" "<a class="underline" href="/community/new">{t(k::COMMUNITY_NEW)}</a></p>
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let id = crate::ui::param_id();
    view! {
        <PageTitle key=k::COMMUNITY_TITLE/>
        <Await future=load_organisation(id) let:data>
            {match data.clone() {
                Ok(p) => org_view(p).into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

fn org_view(p: OrgPage) -> impl IntoView {
    let locale = use_locale();
    let o = p.org.clone();
    let name = o.names.in_locale(locale).to_string();
    let other_names: Vec<String> = [&o.names.name_ky, &o.names.name_ru, &o.names.name_en]
        .into_iter()
        .filter(|n| !n.is_empty() && **n != name)
        .cloned()
        .collect();
    let line = format!(
        "{} · {} · {}",
        kind_label(&o.kind),
        region_label(&o.region),
        crate::i18n::fill(
            t(k::COMMUNITY_SINCE),
            &[("year", &o.joined_year.to_string())]
        )
    );
    let admin = crate::auth::use_viewer()
        .user
        .is_some_and(|u| u.role == crate::auth::Role::Admin);
    let saved = OrgInput {
        fields: p.field_ids.clone(),
        ..OrgInput::from(&o)
    };
    let practices = p.practices.clone();
    let initiatives = p.initiatives.clone();
    view! {
        <article>
            <div class="flex items-center gap-4">
                {o.logo.clone().map(|l| view! { <img src=file_href(&l) alt=crate::i18n::fill(t(k::COMMUNITY_LOGO_OF), &[("name", &name)]) width="80" height="80" class="h-20 w-20 object-contain"/> })}
                <div>
                    <h1 class="text-2xl font-bold">{name.clone()}</h1>
                    {(!other_names.is_empty()).then(|| view! { <p class="text-stone-700">{other_names.join(" · ")}</p> })}
                </div>
            </div>
            {tabs("")}
            {status_badge(&o.status, &o.reason)}
            <p class="mt-2 text-stone-700">{line}</p>
            {(!p.field_names.is_empty()).then(|| view! { <p class="mt-1 text-sm"><span class="font-medium">{t(k::COMMUNITY_FIELD_FOCUS)}": "</span>{p.field_names.join(", ")}</p> })}
            {(!o.website.is_empty()).then(|| view! { <p class="mt-1"><a class="underline break-all" href=o.website.clone() rel="nofollow noopener ugc">{o.website.clone()}</a></p> })}
            {body(&o.description)}
            <section aria-labelledby="practices-h" class="mt-6">
                <h2 id="practices-h" class="text-xl font-bold">{t(k::PRACTICE_TITLE)}</h2>
                {if practices.is_empty() {
                    view! { <p class="mt-2">{t(k::PRACTICE_NONE_HERE)}</p> }.into_any()
                } else {
                    view! { <ul class="mt-2 space-y-2">{practices.into_iter().map(crate::community::practices::ui::practice_card).collect_view()}</ul> }.into_any()
                }}
                {p.can_edit.then(|| view! { <p class="mt-2"><a class="underline" href=format!("/community/practices/new?org={}", o.id)>{t(k::PRACTICE_NEW)}</a></p> })}
            </section>
            <section aria-labelledby="initiatives-h" class="mt-6">
                <h2 id="initiatives-h" class="text-xl font-bold">{t(k::INITIATIVE_TITLE)}</h2>
                {if initiatives.is_empty() {
                    view! { <p class="mt-2">{t(k::INITIATIVE_NONE_HERE)}</p> }.into_any()
                } else {
                    view! { <ul class="mt-2 space-y-2">{initiatives.into_iter().map(crate::community::initiatives::ui::initiative_card).collect_view()}</ul> }.into_any()
                }}
            </section>
        </article>
        {p.can_edit.then(|| editor(&p, saved, admin))}
        {admin.then(|| partners(&p))}
    }
}

/// The editors' part: what waits for approval, the form, the logo.
fn editor(p: &OrgPage, saved: OrgInput, admin: bool) -> impl IntoView + use<> {
    let id = p.org.id;
    let waiting = p.edit.clone().map(|e| {
        let when = use_locale().date(e.submitted_at);
        let text = if e.status == Status::Rejected.code() {
            let reason = e.reason.clone();
            crate::i18n::fill(t(k::COMMUNITY_EDIT_REFUSED), &[("reason", &reason)])
        } else {
            crate::i18n::fill(t(k::COMMUNITY_EDIT_WAITING), &[("date", &when)])
        };
        view! { <p class="mt-2 rounded bg-amber-100 px-2 py-1 text-amber-950" data-testid="edit-status">{text}</p> }
    });
    // a partner's form shows what she proposed while it waits
    let shown = match &p.edit {
        Some(e) if e.status == Status::Pending.code() && !admin => {
            e.proposed.clone().unwrap_or(saved)
        }
        _ => saved,
    };
    let logo_form = FormView::new("logo");
    view! {
        <section id="edit" aria-labelledby="edit-h" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="edit-h" class="text-xl font-bold">{t(k::COMMUNITY_EDIT)}</h2>
            {(!admin && p.org.status == Status::Approved.code()).then(|| view! { <p class="text-sm text-stone-700">{t(k::COMMUNITY_EDIT_LEAD)}</p> })}
            {waiting}
            <div class="mt-3">{org_form(Some(id), Some(&shown), p.taxonomy.clone())}</div>
        </section>
        <section id="logo" aria-labelledby="logo-h" class="mt-6 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="logo-h" class="text-xl font-bold">{t(k::COMMUNITY_LOGO)}</h2>
            <p class="text-sm text-stone-700">{t(k::COMMUNITY_LOGO_HINT)}</p>
            <FormAlert form=logo_form.clone()/>
            <PendingForm action=format!("/community/{id}/logo") enctype="multipart/form-data".to_string() label=t(k::COMMUNITY_LOGO_SEND).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                {file_input(&logo_form, k::COMMUNITY_LOGO_FILE, "image/png,image/jpeg,image/webp")}
            </PendingForm>
        </section>
    }
}

/// A labelled file input named `file`, with its error.
pub fn file_input(
    f: &FormView,
    label: crate::i18n::Key,
    accept: &'static str,
) -> impl IntoView + use<> {
    let id = f.id("file", "input");
    let error = f.error("file");
    let error_id = f.id("file", "error");
    let described = error.as_ref().map(|_| error_id.clone());
    view! {
        <div class="mb-4">
            <label for=id.clone() class="block font-medium">{t(label)}</label>
            <input id=id type="file" name="file" accept=accept required=true aria-describedby=described aria-invalid=error.is_some().then_some("true") class="mt-1 block w-full text-base"/>
            {error.map(|e| view! { <p id=error_id class="mt-1 text-sm font-medium text-red-800">{e}</p> })}
        </div>
    }
}

/// Administrators: the organisation's partner accounts, linking and unlinking them.
fn partners(p: &OrgPage) -> impl IntoView + use<> {
    let id = p.org.id.to_string();
    let f = FormView::new("partner");
    let list = p.partners.clone();
    view! {
        <section id="partners" aria-labelledby="partners-h" class="mt-6 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="partners-h" class="text-xl font-bold">{t(k::COMMUNITY_PARTNERS)}</h2>
            {if list.is_empty() {
                view! { <p class="mt-2">{t(k::COMMUNITY_PARTNERS_NONE)}</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-2 space-y-2">
                        {list.into_iter().map(|a| {
                            let id = id.clone();
                            view! {
                                <li class="flex flex-wrap items-center gap-3">
                                    <span>{a.display_name}" ("{a.email}")"</span>
                                    <PendingForm action=UnlinkPartner::PATH.to_string() label=t(k::COMMUNITY_UNLINK).to_string() pending=t(k::ROADMAP_SAVING).to_string() button_class=DANGER_BUTTON_CLASS.to_string()>
                                        <input type="hidden" name="org_id" value=id/>
                                        <input type="hidden" name="account_id" value=a.account_id.to_string()/>
                                    </PendingForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <div class="mt-4">
                <FormAlert form=f.clone()/>
                <PendingForm action=LinkPartner::PATH.to_string() label=t(k::COMMUNITY_LINK).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                    <input type="hidden" name="org_id" value=id.clone()/>
                    <TextField form=f.clone() name="email" label=k::COMMUNITY_PARTNER_EMAIL kind="email" hint=k::COMMUNITY_PARTNER_EMAIL_HINT/>
                </PendingForm>
            </div>
        </section>
    }
}
