//! The held texts' part of the administrators' held queue (`/admin/messages`), and the reported
//! content beside it.
use super::api::{load_held_texts, load_reported, DecideHeldText};
use crate::i18n::{k, t, use_locale};
use crate::ui::form::{FormAlert, FormView, PendingForm, DANGER_BUTTON_CLASS};
use crate::ui::page_error;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Held texts from every channel but mentorship messages, each with Release and Remove.
#[component]
pub fn HeldTexts() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Reported/>
        <section aria-labelledby="held-texts-h" class="mt-8">
            <h2 id="held-texts-h" class="text-xl font-bold">{t(k::HELD_TEXTS_TITLE)}</h2>
            <FormAlert form=FormView::new("held_text")/>
            <Await future=load_held_texts() let:data>
                {match data.clone() {
                    Ok(list) if list.is_empty() => view! { <p class="mt-2">{t(k::HELD_TEXTS_EMPTY)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="mt-3 space-y-3">
                            {list.into_iter().map(|h| view! {
                                <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="held-text">
                                    <p class="text-sm font-medium">{t(h.channel.label())}" · "{h.author_name}" · "{locale.date(h.created_at)}</p>
                                    <p class="mt-1 whitespace-pre-line">{h.text}</p>
                                    <div class="mt-3 flex flex-wrap gap-3">
                                        <PendingForm action=DecideHeldText::PATH.to_string() label=t(k::HELD_RELEASE).to_string() pending=t(k::REVIEW_WORKING).to_string()>
                                            <input type="hidden" name="held_id" value=h.id.to_string()/>
                                            <input type="hidden" name="decision" value="release"/>
                                        </PendingForm>
                                        <PendingForm action=DecideHeldText::PATH.to_string() label=t(k::HELD_REMOVE).to_string() pending=t(k::REVIEW_WORKING).to_string()
                                            button_class=DANGER_BUTTON_CLASS.to_string()>
                                            <input type="hidden" name="held_id" value=h.id.to_string()/>
                                            <input type="hidden" name="decision" value="remove"/>
                                        </PendingForm>
                                    </div>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => page_error(e),
                }}
            </Await>
        </section>
    }
}

/// Reported content: the item as it reads now (through `readable`), how many reported it, the
/// latest reason and details, and a link to where it is.
#[component]
fn Reported() -> impl IntoView {
    use crate::form::Choice;
    let locale = use_locale();
    view! {
        <section id="reports" aria-labelledby="reports-h" class="mt-8">
            <h2 id="reports-h" class="text-xl font-bold">{t(k::REPORT_LIST_TITLE)}</h2>
            <Await future=load_reported() let:data>
                {match data.clone() {
                    Ok(list) if list.is_empty() => view! { <p class="mt-2">{t(k::REPORT_LIST_EMPTY)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="mt-3 space-y-3">
                            {list.into_iter().map(|r| {
                                let kind = super::ItemKind::from_code(&r.item_kind).map(|k| t(k.label())).unwrap_or("");
                                let reason = super::ReportReason::from_code(&r.reason).map(|x| t(x.label())).unwrap_or("");
                                view! {
                                    <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="reported">
                                        <p class="text-sm font-medium">{kind}" · "{locale.count(k::REPORT_COUNT, r.reports)}" · "{locale.date(r.last_at)}</p>
                                        <p class="mt-1 whitespace-pre-line break-words">{crate::ui::readable(&r.text)}</p>
                                        <p class="mt-1 text-sm">{reason}{(!r.details.is_empty()).then(|| format!(": {}", r.details))}</p>
                                        <p class="mt-1"><a class="underline" href=r.page>{t(k::REPORT_OPEN_PLACE)}</a></p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => page_error(e),
                }}
            </Await>
        </section>
    }
}
