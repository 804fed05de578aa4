//! Small DOM helpers for the islands (browser only): they read server-rendered forms.
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// The value of the control named `name` inside `scope`: an input, a textarea or a select
/// ("1" for a ticked checkbox, "" for an unticked one or a missing control).
pub fn field_value(scope: &Element, name: &str) -> String {
    let Ok(Some(el)) = scope.query_selector(&format!("[name=\"{name}\"]")) else {
        return String::new();
    };
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        match (i.type_().as_str(), i.checked()) {
            ("checkbox", true) => "1".into(),
            ("checkbox", false) => String::new(),
            _ => i.value(),
        }
    } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        t.value()
    } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

/// The form a submit event inside an island's root came from, the root, and the form's
/// action (the server function's path), or `None` when the island is not mounted.
pub fn submitted(
    ev: &web_sys::SubmitEvent,
    root: leptos::prelude::NodeRef<leptos::html::Div>,
) -> Option<(web_sys::HtmlFormElement, Element, String)> {
    use leptos::prelude::GetUntracked;
    let form = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())?;
    let container: Element = root.get_untracked()?.into();
    let action = form.get_attribute("action").unwrap_or_default();
    Some((form, container, action))
}
