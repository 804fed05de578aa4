//! The "Learned ranking" part of `/admin/matching`: the past outcomes there are to learn from,
//! training a version, each version's held-out measures and weights beside the hand-set ones,
//! and which one the fit score uses (a version, or the hand-set weights: a roll-back).
use super::api::{load_models, ActivateModel, TrainModel};
use super::{ModelVersion, MIN_OUTCOMES};
use crate::i18n::{fill, k, t, use_locale, Locale};
use crate::matching::Criterion;
use crate::ui::form::{FormAlert, FormView, PendingForm, SECONDARY_BUTTON_CLASS};
use crate::ui::page_error;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// "Skills 45 · Language 15 · …": points per criterion, rounded.
fn weights_line(w: &[f64; 6]) -> String {
    Criterion::ALL
        .iter()
        .zip(w)
        .map(|(c, w)| format!("{} {}", t(c.label()), w.round() as i64))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A measure from 0 to 1 with two decimals in the reader's way of writing them ("—" for none).
fn measure(locale: Locale, x: Option<f64>) -> String {
    x.map(|x| locale.decimal(x, 2))
        .unwrap_or_else(|| "—".into())
}

fn version_item(v: ModelVersion) -> impl IntoView {
    let locale = use_locale();
    let title = fill(
        t(k::MODEL_VERSION_OF),
        &[
            ("id", &v.id.to_string()),
            ("date", &locale.date(v.trained_at)),
        ],
    );
    let by = v
        .trained_by
        .clone()
        .unwrap_or_else(|| t(k::MODEL_NIGHTLY).to_string());
    let learned = fill(
        t(k::MODEL_LEARNED_FROM),
        &[
            ("good", &locale.count(k::MODEL_GOOD, v.positives)),
            ("bad", &locale.count(k::MODEL_BAD, v.negatives)),
            ("held", &locale.count(k::MODEL_HELD, v.held_out)),
        ],
    );
    let measures = fill(
        t(k::MODEL_MEASURES),
        &[
            ("auc", &measure(locale, v.auc)),
            ("hand", &measure(locale, v.hand_auc)),
            ("accuracy", &measure(locale, v.accuracy)),
        ],
    );
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="model-version">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h3 class="font-semibold">{title}</h3>
                {v.active.then(|| view! {
                    <span class="rounded-full bg-emerald-100 px-3 py-1 text-sm font-semibold text-emerald-950">{t(k::MODEL_ACTIVE)}</span>
                })}
            </div>
            <p class="text-sm text-stone-700">{by}" · "{learned}</p>
            <p class="mt-1 text-sm">{measures}</p>
            <p class="mt-1 text-sm font-medium">{weights_line(&v.weights)}</p>
            {(!v.active).then(|| view! {
                <div class="mt-2">
                    <PendingForm action=ActivateModel::PATH.to_string() label=t(k::MODEL_USE).to_string() pending=t(k::MATCHING_WORKING).to_string()
                        button_class=SECONDARY_BUTTON_CLASS.to_string()>
                        <input type="hidden" name="model_id" value=v.id.to_string()/>
                    </PendingForm>
                </div>
            })}
        </li>
    }
}

/// The section, loaded on its own.
#[component]
pub fn ModelSection() -> impl IntoView {
    let f = FormView::new("model");
    view! {
        <section aria-labelledby="model-h" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="model-h" class="text-xl font-bold">{t(k::MODEL_TITLE)}</h2>
            <p class="text-sm text-stone-700">{t(k::MODEL_LEAD)}</p>
            <FormAlert form=f/>
            <Await future=load_models() let:data>
                {match data.clone() {
                    Ok(m) => {
                        let locale = use_locale();
                        let any_active = m.active.is_some();
                        let outcomes = fill(
                            t(k::MODEL_OUTCOMES),
                            &[
                                ("good", &locale.count(k::MODEL_GOOD, m.good)),
                                ("bad", &locale.count(k::MODEL_BAD, m.bad)),
                            ],
                        );
                        view! {
                            <p class="mt-2">{outcomes}</p>
                            <div class="mt-3">
                                <PendingForm action=TrainModel::PATH.to_string() label=t(k::MODEL_TRAIN).to_string() pending=t(k::MODEL_TRAINING).to_string()>
                                    <p class="mb-2 text-sm text-stone-700">{fill(t(k::MODEL_NEEDS), &[("n", &MIN_OUTCOMES.to_string())])}</p>
                                </PendingForm>
                            </div>
                            <div class="mt-4 rounded-md border border-stone-200 p-3">
                                <div class="flex flex-wrap items-center justify-between gap-2">
                                    <h3 class="font-semibold">{t(k::MODEL_HAND_SET)}</h3>
                                    {(!any_active).then(|| view! {
                                        <span class="rounded-full bg-emerald-100 px-3 py-1 text-sm font-semibold text-emerald-950">{t(k::MODEL_ACTIVE)}</span>
                                    })}
                                </div>
                                <p class="mt-1 text-sm font-medium">{weights_line(&m.hand_set)}</p>
                                {any_active.then(|| view! {
                                    <div class="mt-2">
                                        <PendingForm action=ActivateModel::PATH.to_string() label=t(k::MODEL_USE_HAND).to_string() pending=t(k::MATCHING_WORKING).to_string()
                                            button_class=SECONDARY_BUTTON_CLASS.to_string()>
                                            <input type="hidden" name="model_id" value=""/>
                                        </PendingForm>
                                    </div>
                                })}
                            </div>
                            {if m.versions.is_empty() {
                                view! { <p class="mt-3">{t(k::MODEL_NONE)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="mt-3 space-y-3">
                                        {m.versions.into_iter().map(version_item).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                    Err(e) => page_error(e),
                }}
            </Await>
        </section>
    }
}
