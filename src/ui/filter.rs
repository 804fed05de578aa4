//! A list page's filters: a plain GET form (works without JavaScript, and the address it
//! leads to can be shared) with a search field and selects, and reading them back from the
//! page's query.
use crate::i18n::{k, t};
use leptos::prelude::*;

/// A list page's query value `name` (at most 100 characters; "" when absent).
pub fn param(q: &leptos_router::params::ParamsMap, name: &str) -> String {
    q.get(name).unwrap_or_default().chars().take(100).collect()
}

/// A list page's page number from its query (1 when absent or out of range).
pub fn page_param(q: &leptos_router::params::ParamsMap) -> i64 {
    param(q, "page")
        .parse::<i64>()
        .unwrap_or(1)
        .clamp(1, 10_000)
}

/// One of a filter form's selects: "All …" first, then `options`, `chosen` selected.
pub fn filter_select(
    name: &'static str,
    label: crate::i18n::Key,
    all: crate::i18n::Key,
    options: Vec<(String, String)>,
    chosen: &str,
) -> impl IntoView {
    let id = format!("filter-{name}");
    let chosen = chosen.to_string();
    view! {
        <div>
            <label for=id.clone() class="block text-sm font-medium">{t(label)}</label>
            <select id=id name=name class="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2">
                <option value="">{t(all)}</option>
                {options.into_iter().map(|(v, l)| {
                    let selected = v == chosen;
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A filter form: a plain GET form to `action` (works without JavaScript, and the address it
/// leads to can be shared) with `fields` ([`filter_input`], [`filter_select`]) and its button.
pub fn filter_fields(action: &'static str, fields: impl IntoView) -> impl IntoView {
    view! {
        <form method="get" action=action role="search" class="mt-4 grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2">
            {fields}
            <div class="flex items-end">
                <button type="submit" class=crate::ui::form::BUTTON_CLASS>{t(k::COMMUNITY_SHOW)}</button>
            </div>
        </form>
    }
}

/// A list page's filter form: the search field (`q`, the whole width) and `selects`.
pub fn filter_form(
    action: &'static str,
    search: crate::i18n::Key,
    q: &str,
    selects: impl IntoView,
) -> impl IntoView {
    let search = view! {
        <div class="sm:col-span-2">
            <label for="filter-q" class="block text-sm font-medium">{t(search)}</label>
            <input id="filter-q" type="search" name="q" value=q.to_string() maxlength="100" class="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2"/>
        </div>
    };
    filter_fields(action, (search, selects))
}

/// One of a filter form's fields: a search box or a date ("YYYY-MM-DD"), `value` as given.
pub fn filter_input(
    kind: &'static str,
    name: &'static str,
    label: crate::i18n::Key,
    value: &str,
) -> impl IntoView {
    let id = format!("filter-{name}");
    view! {
        <div>
            <label for=id.clone() class="block text-sm font-medium">{t(label)}</label>
            <input id=id type=kind name=name value=value.to_string() maxlength="100" class="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2"/>
        </div>
    }
}
