//! The administrators' import pages: `/admin/import` (upload a people or a past-outcomes file,
//! the columns each takes, the imports so far) and `/admin/import/:id` (one import's report:
//! what was added and updated, or every problem by line and column). The upload is a plain
//! multipart form, so the pages work without JavaScript.
use super::api::{load_batch, load_batches, BATCHES_PER_PAGE};
use super::*;
use crate::form::Choice;
use crate::i18n::{fill, k, t, use_locale};
use crate::ui::form::PendingForm;
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;

#[component]
pub fn AdminImportPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let before = query.with_untracked(|q| q.get("before").and_then(|b| b.parse::<i64>().ok()));
    crate::ui::admin_only(move || {
        view! {
            <PageTitle key=k::IMPORT_TITLE/>
            <h1 class="text-2xl font-bold">{t(k::IMPORT_TITLE)}</h1>
            <p class="mt-1 text-stone-700">{t(k::IMPORT_LEAD)}</p>
            {upload(Kind::People, k::IMPORT_PEOPLE_TITLE, k::IMPORT_PEOPLE_HINT, PEOPLE_COLUMNS)}
            {upload(Kind::Outcomes, k::IMPORT_OUTCOMES_TITLE, k::IMPORT_OUTCOMES_HINT, OUTCOME_COLUMNS)}
            <section aria-labelledby="imports-h" class="mt-8">
                <h2 id="imports-h" class="text-xl font-bold">{t(k::IMPORT_LIST)}</h2>
                <Await future=load_batches(before) let:data>
                    {match data.clone() {
                        Ok(mut batches) => {
                            let more = batches.len() as i64 > BATCHES_PER_PAGE;
                            batches.truncate(BATCHES_PER_PAGE as usize);
                            let next = more.then(|| batches.last().map(|b| b.id)).flatten();
                            if batches.is_empty() {
                                view! { <p class="mt-2">{t(k::IMPORT_LIST_NONE)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="mt-3 space-y-3">
                                        {batches.into_iter().map(batch_item).collect_view()}
                                    </ul>
                                    {next.map(|id| view! {
                                        <p class="mt-4"><a class="underline" href=format!("/admin/import?before={id}")>{t(k::IMPORT_OLDER)}</a></p>
                                    })}
                                }.into_any()
                            }
                        }
                        Err(e) => page_error(e),
                    }}
                </Await>
            </section>
        }
        .into_any()
    })
}

fn upload(
    kind: Kind,
    title: crate::i18n::Key,
    hint: crate::i18n::Key,
    columns: &'static [&'static str],
) -> impl IntoView {
    let id = format!("file-{}", kind.code());
    let heading = format!("{}-h", kind.code());
    let labelled = heading.clone();
    view! {
        <section aria-labelledby=labelled class="mt-6 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id=heading class="text-xl font-bold">{t(title)}</h2>
            <p class="text-sm text-stone-700">{t(hint)}</p>
            <p class="mt-2 text-sm">{t(k::IMPORT_COLUMNS)}" "<code class="break-words">{columns.join(", ")}</code></p>
            <PendingForm action="/admin/import/upload".to_string() enctype="multipart/form-data".to_string() label=t(k::IMPORT_SEND).to_string() pending=t(k::IMPORT_WORKING).to_string()>
                <input type="hidden" name="kind" value=kind.code()/>
                <div class="mb-4 mt-3">
                    <label for=id.clone() class="block font-medium">{t(k::IMPORT_FILE)}</label>
                    <input id=id type="file" name="file" accept=".csv,text/csv" class="mt-1 block w-full text-base"/>
                </div>
            </PendingForm>
        </section>
    }
}

fn state_badge(s: BatchState) -> impl IntoView {
    let class = match s {
        BatchState::Imported => {
            "rounded-full bg-emerald-100 px-3 py-1 text-sm font-semibold text-emerald-950"
        }
        BatchState::Refused => {
            "rounded-full bg-red-100 px-3 py-1 text-sm font-semibold text-red-950"
        }
    };
    view! { <span class=class>{t(s.label())}</span> }
}

/// "12 added, 3 updated" or "7 problems", as the import went.
fn outcome_line(b: &BatchSummary) -> String {
    let locale = use_locale();
    match b.state {
        BatchState::Imported => format!(
            "{} · {}",
            locale.count(k::IMPORT_ADDED, b.added),
            locale.count(k::IMPORT_UPDATED, b.updated)
        ),
        BatchState::Refused => locale.count(k::IMPORT_PROBLEMS, b.problem_count),
    }
}

fn file_label(b: &BatchSummary) -> String {
    if b.file_name.is_empty() {
        t(k::IMPORT_NO_NAME).to_string()
    } else {
        b.file_name.clone()
    }
}

fn batch_item(b: BatchSummary) -> impl IntoView {
    let locale = use_locale();
    let by = if b.created_by.is_empty() {
        t(k::IMPORT_BY_COMMAND).to_string()
    } else {
        b.created_by.clone()
    };
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="import">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <a class="break-all text-lg font-semibold underline" href=format!("/admin/import/{}", b.id)>{file_label(&b)}</a>
                {state_badge(b.state)}
            </div>
            <p class="text-sm text-stone-700">{t(b.kind.label())}" · "{locale.date(b.created_at)}" · "{by}</p>
            <p class="text-sm">{outcome_line(&b)}</p>
        </li>
    }
}

#[component]
pub fn AdminImportBatchPage() -> impl IntoView {
    let id = crate::ui::param_id();
    crate::ui::admin_only(move || {
        view! {
            <PageTitle key=k::IMPORT_TITLE/>
            <p><a class="underline" href="/admin/import">{t(k::IMPORT_TITLE)}</a></p>
            <Await future=load_batch(id) let:data>
                {match data.clone() {
                    Ok(page) => batch_page(page).into_any(),
                    Err(e) => page_error(e),
                }}
            </Await>
        }
        .into_any()
    })
}

fn batch_page(page: BatchPage) -> impl IntoView {
    let locale = use_locale();
    let b = page.batch;
    let title = fill(t(k::IMPORT_OF), &[("file", &file_label(&b))]);
    let lead = match (b.state, b.kind) {
        (BatchState::Imported, Kind::People) => t(k::IMPORT_DONE_PEOPLE),
        (BatchState::Imported, Kind::Outcomes) => t(k::IMPORT_DONE_OUTCOMES),
        (BatchState::Refused, _) => t(k::IMPORT_REFUSED),
    };
    let more = b.problem_count - page.problems.len() as i64;
    view! {
        <div class="mt-2 flex flex-wrap items-center justify-between gap-2">
            <h1 class="break-all text-2xl font-bold">{title}</h1>
            {state_badge(b.state)}
        </div>
        <p class="text-sm text-stone-700">{t(b.kind.label())}" · "{locale.date(b.created_at)}" · "{locale.count(k::IMPORT_ROWS, b.rows)}</p>
        <p class="mt-3" role="status">{lead}</p>
        <p class="mt-1 font-semibold">{outcome_line(&b)}</p>
        {(!page.problems.is_empty()).then(|| view! {
            <div class="mt-4 overflow-x-auto">
                <table class="w-full border-collapse text-left text-sm">
                    <caption class="sr-only">{t(k::IMPORT_PROBLEMS_CAPTION)}</caption>
                    <thead>
                        <tr class="border-b border-stone-300">
                            <th scope="col" class="py-2 pr-3">{t(k::IMPORT_LINE)}</th>
                            <th scope="col" class="py-2 pr-3">{t(k::IMPORT_COLUMN)}</th>
                            <th scope="col" class="py-2">{t(k::IMPORT_PROBLEM)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page.problems.iter().map(|p| {
                            let line = if p.line == 0 { t(k::IMPORT_WHOLE_FILE).to_string() } else { p.line.to_string() };
                            view! {
                                <tr class="border-b border-stone-200 align-top" data-testid="problem">
                                    <td class="py-2 pr-3">{line}</td>
                                    <td class="py-2 pr-3"><code>{p.column.clone()}</code></td>
                                    <td class="py-2">{p.msg.render(locale)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        {(more > 0).then(|| view! { <p class="mt-2">{locale.count(k::IMPORT_MORE_PROBLEMS, more)}</p> })}
        <p class="mt-6"><a class="underline" href="/admin/import">{t(k::IMPORT_AGAIN)}</a></p>
    }
}
