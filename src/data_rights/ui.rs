//! `/account/data`: what the platform holds about her, and the two downloads; for
//! administrators, a person's data on her written request.
use super::api::{DeleteAccountOnRequest, DeleteMyAccount};
use crate::i18n::{k, t};
use crate::ui::form::{FormAlert, FormView, PendingForm, TextArea, TextField, DANGER_BUTTON_CLASS};
use crate::ui::PageTitle;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn DataPage() -> impl IntoView {
    let viewer = crate::auth::use_viewer();
    let Some(me) = viewer.user else {
        return crate::ui::page_error(crate::error::AppError::SignInNeeded);
    };
    let admin = me.role == crate::auth::Role::Admin;
    view! {
        <PageTitle key=k::DATA_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::DATA_TITLE)}</h1>
        <p class="mt-2">{t(k::DATA_LEAD)}</p>
        <ul class="mt-4 space-y-2">
            <li><a class="inline-flex min-h-11 items-center font-medium text-fuchsia-900 underline" href="/account/data.html" download="my-data.html">{t(k::DATA_HTML)}</a></li>
            <li><a class="inline-flex min-h-11 items-center font-medium text-fuchsia-900 underline" href="/account/data.json" download="my-data.json">{t(k::DATA_JSON)}</a></li>
        </ul>
        <p class="mt-2 text-sm text-stone-700">{t(k::DATA_AUDITED)}</p>
        {(!admin).then(|| view! {
            <section aria-labelledby="delete-h" class="mt-8 rounded-lg border-2 border-red-800 bg-white p-4">
                <h2 id="delete-h" class="text-xl font-bold">{t(k::DATA_DELETE_TITLE)}</h2>
                <p class="mt-1">{t(k::DATA_DELETE_LEAD)}</p>
                <FormAlert form=FormView::new("delete")/>
                <PendingForm
                    action=DeleteMyAccount::PATH.to_string()
                    label=t(k::DATA_DELETE_SUBMIT).to_string()
                    pending=t(k::DATA_DELETE_PENDING).to_string()
                    button_class=DANGER_BUTTON_CLASS.to_string()
                >
                    <TextField form=FormView::new("delete") name="password" label=k::DATA_DELETE_PASSWORD kind="password" autocomplete="current-password" maxlength=128 secret=true/>
                </PendingForm>
            </section>
        })}
        {admin.then(|| view! {
            <section aria-labelledby="on-request-h" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
                <h2 id="on-request-h" class="text-xl font-bold">{t(k::DATA_ON_REQUEST)}</h2>
                <p class="mt-1 text-sm text-stone-700">{t(k::DATA_ON_REQUEST_LEAD)}</p>
                <form method="get" action="/account/data.html" class="mt-3">
                    <label for="data-email" class="block font-medium">{t(k::FIELD_EMAIL)}</label>
                    <input id="data-email" type="email" name="email" required maxlength="254" autocomplete="off" class=crate::ui::form::INPUT_CLASS/>
                    <button type="submit" class=format!("mt-3 {}", crate::ui::form::BUTTON_CLASS)>{t(k::DATA_HTML)}</button>
                </form>
            </section>
            <section aria-labelledby="delete-on-request-h" class="mt-8 rounded-lg border-2 border-red-800 bg-white p-4">
                <h2 id="delete-on-request-h" class="text-xl font-bold">{t(k::DATA_DELETE_ON_REQUEST)}</h2>
                <p class="mt-1">{t(k::DATA_DELETE_LEAD)}</p>
                <p class="mt-1 text-sm text-stone-700">{t(k::DATA_DELETE_ON_REQUEST_LEAD)}</p>
                <FormAlert form=FormView::new("delete-on-request")/>
                <PendingForm
                    action=DeleteAccountOnRequest::PATH.to_string()
                    label=t(k::DATA_DELETE_ON_REQUEST_SUBMIT).to_string()
                    pending=t(k::DATA_DELETE_PENDING).to_string()
                    button_class=DANGER_BUTTON_CLASS.to_string()
                >
                    <TextField form=FormView::new("delete-on-request") name="email" label=k::FIELD_EMAIL kind="email" autocomplete="off" maxlength=254/>
                    <TextArea form=FormView::new("delete-on-request") name="request" label=k::DATA_REQUEST maxlength=super::REQUEST_MAX/>
                </PendingForm>
            </section>
        })}
    }
    .into_any()
}
