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
