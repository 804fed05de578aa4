//! Forms that work without JavaScript: a POST to a server function, then a redirect. Errors and
//! typed values travel back in a one-shot flash cookie ([`Flash`]); the fields below show them
//! next to the right input. With JavaScript on, [`PendingForm`] (an island) adds a pending state.
use crate::error::FieldError;
use crate::i18n::{t, use_locale, Key, Msg};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Flash {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Msg>,
}

#[cfg(feature = "ssr")]
impl Flash {
    pub fn encode(&self) -> String {
        use base64::Engine;
        let json = serde_json::to_vec(self).unwrap_or_default();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    pub fn decode(value: &str) -> Option<Flash> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(value)
            .ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

/// What one form on this page should show: its errors and the values to put back.
#[derive(Clone, Debug, Default)]
pub struct FormView {
    pub name: &'static str,
    flash: Option<Flash>,
}

impl FormView {
    /// The flash of this request, if it belongs to the form called `name`.
    pub fn new(name: &'static str) -> FormView {
        let flash = use_context::<Flash>().filter(|f| f.form.as_deref() == Some(name));
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

    fn id(&self, field: &str, part: &str) -> String {
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
) -> impl IntoView {
    let id = form.id(name, "input");
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
    let value = if secret {
        String::new()
    } else {
        form.value(name)
    };
    let invalid = error.is_some();
    view! {
        <div class="mb-4">
            <label for=id.clone() class="block font-medium">
                {t(label)}
                {required.then(|| view! { <span class="sr-only">" (" {t(crate::i18n::k::FIELD_REQUIRED)} ")"</span> })}
            </label>
            {hint.map(|h| view! { <p id=hint_id.clone() class="text-sm text-stone-600">{t(h)}</p> })}
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                maxlength=maxlength
                required=required
                aria-invalid=invalid.then_some("true")
                aria-describedby=(!described.is_empty()).then_some(described)
                class=if invalid { INPUT_CLASS_INVALID } else { INPUT_CLASS }
            />
            {error.map(|e| view! { <p id=error_id class="mt-1 text-sm font-medium text-red-800">{e}</p> })}
        </div>
    }
}

pub const INPUT_CLASS: &str =
    "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base";
pub const INPUT_CLASS_INVALID: &str =
    "mt-1 block w-full rounded-md border-2 border-red-700 bg-white px-3 py-2 text-base";
pub const BUTTON_CLASS: &str = "inline-flex min-h-11 items-center justify-center rounded-md bg-fuchsia-800 px-5 py-2 font-semibold text-white hover:bg-fuchsia-900 disabled:opacity-70";

/// A form posting to a server function; with JavaScript on, its button shows a pending label
/// and cannot be pressed twice on a slow link. Without JavaScript it is a plain form.
#[island]
pub fn PendingForm(
    action: String,
    label: String,
    pending: String,
    #[prop(optional)] button_class: Option<String>,
    children: Children,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let class = button_class.unwrap_or_else(|| BUTTON_CLASS.to_string());
    view! {
        <form method="post" action=action novalidate on:submit=move |_| busy.set(true)>
            {children()}
            <button type="submit" class=class disabled=move || busy.get() aria-busy=move || busy.get().then_some("true")>
                {move || if busy.get() { pending.clone() } else { label.clone() }}
            </button>
        </form>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::i18n::k;

    #[test]
    fn flash_round_trips_and_rejects_garbage() {
        let flash = Flash {
            form: Some("sign_up".into()),
            errors: vec![FieldError::new(
                "email",
                Msg::new(k::ERR_TOO_LONG).with("max", 254),
            )],
            values: vec![("display_name".into(), "Айгерим".into())],
            notice: None,
        };
        let encoded = flash.encode();
        assert!(encoded
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(Flash::decode(&encoded), Some(flash));
        assert_eq!(Flash::decode("not base64!"), None);
        assert_eq!(Flash::decode("e30"), Some(Flash::default())); // "{}"
    }
}
