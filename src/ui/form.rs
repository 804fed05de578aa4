//! Form fields that work without JavaScript: a POST to a server function, then a redirect.
//! Errors and typed values come back in the request's [`Flash`] (see `crate::form`); the
//! fields below show them next to the right input. With JavaScript on, [`PendingForm`] (an island) adds a pending state.
use crate::form::Flash;
use crate::i18n::{t, use_locale, Key};
use leptos::prelude::*;

/// What one form on this page should show: its errors and the values to put back.
#[derive(Clone, Debug, Default)]
pub struct FormView {
    pub name: String,
    flash: Option<Flash>,
}

impl FormView {
    /// The flash of this request, if it belongs to the form called `name`.
    pub fn new(name: impl Into<String>) -> FormView {
        let name = name.into();
        let flash = use_context::<Flash>().filter(|f| f.form.as_deref() == Some(name.as_str()));
        FormView { name, flash }
    }

    pub fn value(&self, field: &str) -> String {
        self.flash
            .as_ref()
            .and_then(|f| f.values.iter().find(|(k, _)| k == field))
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub fn error(&self, field: &str) -> Option<String> {
        let locale = use_locale();
        self.flash
            .as_ref()
            .and_then(|f| f.errors.iter().find(|e| e.field == field))
            .map(|e| e.msg.render(locale))
    }

    pub fn has_errors(&self) -> bool {
        self.flash.as_ref().is_some_and(|f| !f.errors.is_empty())
    }

    /// What was typed (after a failed post), else the saved value.
    pub fn value_or(&self, field: &str, saved: Option<String>) -> String {
        match self
            .flash
            .as_ref()
            .and_then(|f| f.values.iter().find(|(k, _)| k == field))
        {
            Some((_, v)) => v.clone(),
            None => saved.unwrap_or_default(),
        }
    }

    /// Whether the form is coming back with typed values (a failed post).
    pub fn refilled(&self) -> bool {
        self.flash.is_some()
    }

    pub fn id(&self, field: &str, part: &str) -> String {
        format!("{}-{field}-{part}", self.name)
    }
}

/// The summary at the top of a form with errors (announced to screen readers).
#[component]
pub fn FormAlert(form: FormView) -> impl IntoView {
    let form_level = form.error("");
    form.has_errors().then(|| {
        view! {
            <div role="alert" class="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
                <p class="font-semibold">{t(crate::i18n::k::ERR_FORM)}</p>
                {form_level.map(|m| view! { <p class="mt-1">{m}</p> })}
            </div>
        }
    })
}

/// The ids and state one field needs to wire its label, hint and error together.
pub struct FieldIds {
    pub id: String,
    pub name: &'static str,
    pub described: Option<String>,
    pub invalid: bool,
    pub class: &'static str,
}

/// Label, hint, the input itself (built by `input` from the ids) and the error, in one frame.
pub fn field_frame(
    form: &FormView,
    name: &'static str,
    label: Key,
    hint: Option<Key>,
    required: bool,
    input: impl FnOnce(&FieldIds) -> AnyView,
) -> impl IntoView {
    let hint_id = form.id(name, "hint");
    let error_id = form.id(name, "error");
    let error = form.error(name);
    let described = [
        hint.map(|_| hint_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let ids = FieldIds {
        id: form.id(name, "input"),
        name,
        described: (!described.is_empty()).then_some(described),
        invalid: error.is_some(),
        class: if error.is_some() {
            INPUT_CLASS_INVALID
        } else {
            INPUT_CLASS
        },
    };
    let input = input(&ids);
    view! {
        <div class="mb-4">
            <label for=ids.id.clone() class="block font-medium">
                {t(label)}
                {required.then(|| view! { <span class="sr-only">" (" {t(crate::i18n::k::FIELD_REQUIRED)} ")"</span> })}
            </label>
            {hint.map(|h| view! { <p id=hint_id class="text-sm text-stone-600">{t(h)}</p> })}
            {input}
            {error.map(|e| view! { <p id=error_id class="mt-1 text-sm font-medium text-red-800">{e}</p> })}
        </div>
    }
}

/// A labelled input with its hint and its error, wired for assistive technology.
#[component]
pub fn TextField(
    form: FormView,
    name: &'static str,
    label: Key,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(default = 200)] maxlength: usize,
    #[prop(default = true)] required: bool,
    /// Never refill this field (passwords).
    #[prop(default = false)]
    secret: bool,
    /// The saved value, shown when the form is not coming back with what was typed.
    #[prop(default = None)]
    saved: Option<String>,
) -> impl IntoView {
    let value = if secret {
        String::new()
    } else {
        form.value_or(name, saved)
    };
    let inputmode = (kind == "number").then_some("numeric");
    field_frame(&form, name, label, hint, required, move |f| {
        view! {
            <input
                id=f.id.clone()
                name=f.name
                type=kind
                inputmode=inputmode
                value=value
                autocomplete=autocomplete
                maxlength=(kind != "number").then_some(maxlength)
                required=required
                aria-invalid=f.invalid.then_some("true")
                aria-describedby=f.described.clone()
                class=f.class
            />
        }
        .into_any()
    })
}

#[component]
pub fn TextArea(
    form: FormView,
    name: &'static str,
    label: Key,
    #[prop(optional)] hint: Option<Key>,
    #[prop(default = 1000)] maxlength: usize,
    #[prop(default = true)] required: bool,
    #[prop(default = None)] saved: Option<String>,
) -> impl IntoView {
    let value = form.value_or(name, saved);
    field_frame(&form, name, label, hint, required, move |f| {
        view! {
            <textarea
                id=f.id.clone()
                name=f.name
                rows="5"
                maxlength=maxlength
                required=required
                aria-invalid=f.invalid.then_some("true")
                aria-describedby=f.described.clone()
                class=f.class
            >{value}</textarea>
        }
        .into_any()
    })
}

/// A `<select>` over (value, label) options; `placeholder` adds an empty first option.
#[component]
pub fn SelectField(
    form: FormView,
    name: &'static str,
    label: Key,
    options: Vec<(String, String)>,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] placeholder: Option<Key>,
    #[prop(default = true)] required: bool,
    #[prop(default = None)] saved: Option<String>,
) -> impl IntoView {
    let chosen = form.value_or(name, saved);
    field_frame(&form, name, label, hint, required, move |f| {
        view! {
            <select
                id=f.id.clone()
                name=f.name
                required=required
                aria-invalid=f.invalid.then_some("true")
                aria-describedby=f.described.clone()
                class=f.class
            >
                {placeholder.map(|p| view! { <option value="">{t(p)}</option> })}
                {options.into_iter().map(|(value, text)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        }
        .into_any()
    })
}

/// The error line of a group of inputs (a fieldset), with the id its `aria-describedby` names.
pub fn group_error(form: &FormView, name: &'static str) -> (Option<String>, impl IntoView) {
    let id = form.id(name, "error");
    let error = form.error(name);
    let described = error.as_ref().map(|_| id.clone());
    (
        described,
        error.map(|e| view! { <p id=id class="mt-1 text-sm font-medium text-red-800">{e}</p> }),
    )
}

pub const INPUT_CLASS: &str =
    "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base";
pub const INPUT_CLASS_INVALID: &str =
    "mt-1 block w-full rounded-md border-2 border-red-700 bg-white px-3 py-2 text-base";
/// An outlined button for the second choice of a pair (ask instead of accept, withdraw).
pub const SECONDARY_BUTTON_CLASS: &str = "inline-flex min-h-11 items-center justify-center rounded-md border-2 border-fuchsia-800 px-5 py-2 font-semibold text-fuchsia-900";
/// An outlined red button for the refusing choice of a review (reject, do not deliver).
pub const DANGER_BUTTON_CLASS: &str = "inline-flex min-h-11 items-center justify-center rounded-md border-2 border-red-800 px-5 py-2 font-semibold text-red-900";
pub const BUTTON_CLASS: &str = "inline-flex min-h-11 items-center justify-center rounded-md bg-fuchsia-800 px-5 py-2 font-semibold text-white hover:bg-fuchsia-900 disabled:opacity-70";

/// A form posting to a server function; with JavaScript on, its button shows a pending label
/// and cannot be pressed twice on a slow link. Without JavaScript it is a plain form.
#[island]
pub fn PendingForm(
    action: String,
    label: String,
    pending: String,
    #[prop(optional)] button_class: Option<String>,
    /// `multipart/form-data` for a form with a file.
    #[prop(optional)]
    enctype: Option<String>,
    children: Children,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let class = button_class.unwrap_or_else(|| BUTTON_CLASS.to_string());
    view! {
        <form method="post" action=action enctype=enctype novalidate on:submit=move |_| busy.set(true)>
            {children()}
            <button type="submit" class=class disabled=move || busy.get() aria-busy=move || busy.get().then_some("true")>
                {move || if busy.get() { pending.clone() } else { label.clone() }}
            </button>
        </form>
    }
}

/// A closed list as a select's (code, label) options, labelled in the reader's language.
pub fn choice_options<C: crate::form::Choice>() -> Vec<(String, String)> {
    C::ALL
        .iter()
        .map(|c| (c.code().to_string(), t(c.label()).to_string()))
        .collect()
}

/// A group of checkboxes posting `{name}[]` (ids), ticked as saved or, when the form comes
/// back refused, as typed (the form's values carry them joined by commas under `name`).
pub fn checkbox_group(
    form: &FormView,
    name: &'static str,
    legend: Key,
    options: Vec<(i64, String)>,
    saved: &[i64],
) -> impl IntoView {
    let chosen: Vec<i64> = if form.refilled() {
        form.value(name)
            .split(',')
            .filter_map(|s| s.parse().ok())
            .collect()
    } else {
        saved.to_vec()
    };
    let (described, error) = group_error(form, name);
    let invalid = described.is_some();
    let prefix = form.id(name, "");
    view! {
        <fieldset class="mb-4 rounded-md border border-stone-300 p-3" aria-describedby=described aria-invalid=invalid.then_some("true")>
            <legend class="px-1 font-medium">{t(legend)}</legend>
            <div class="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {options.into_iter().map(|(value, label)| {
                    let id = format!("{prefix}{value}");
                    let checked = chosen.contains(&value);
                    view! {
                        <span class="flex min-h-11 items-center gap-2">
                            <input id=id.clone() type="checkbox" name=format!("{name}[]") value=value.to_string() checked=checked class="h-5 w-5"/>
                            <label for=id>{label}</label>
                        </span>
                    }
                }).collect_view()}
            </div>
            {error}
        </fieldset>
    }
}

/// The report form every reportable thing carries (folded; open again when it came back with
/// an error): `reasons` as (code, label), posted to `action` with `hidden` fields. Once she
/// has reported it, the words saying so instead.
pub fn report_form(
    name: String,
    action: String,
    hidden: Vec<(&'static str, String)>,
    reasons: Vec<(String, String)>,
    reported: bool,
) -> AnyView {
    use crate::i18n::k;
    if reported {
        return view! { <p class="mt-1 text-sm text-stone-700">{t(k::REPORT_DONE)}</p> }.into_any();
    }
    let f = FormView::new(name);
    let open = f.has_errors();
    view! {
        <details class="mt-1" open=open>
            <summary class="min-h-11 cursor-pointer py-2 text-sm font-medium text-stone-800">{t(k::REPORT_OPEN)}</summary>
            <FormAlert form=f.clone()/>
            <PendingForm action=action label=t(k::REPORT_SEND).to_string() pending=t(k::ROADMAP_SAVING).to_string()
                button_class=SECONDARY_BUTTON_CLASS.to_string()>
                {hidden.into_iter().map(|(n, v)| view! { <input type="hidden" name=n value=v/> }).collect_view()}
                <SelectField form=f.clone() name="reason" label=k::REPORT_REASON options=reasons placeholder=k::FIELD_CHOOSE/>
                <TextArea form=f.clone() name="details" label=k::REPORT_DETAILS maxlength=1000 required=false/>
            </PendingForm>
        </details>
    }
    .into_any()
}
