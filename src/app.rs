//! The HTML shell and the router. Every page is server-rendered (SsrMode::Async: the whole
//! page, with its data, in one response, which is what works without JavaScript); only
//! `#[island]` components ship code to the browser.
use crate::accounts::profiles::ui::{MenteePage, MentorPage, ProfilePage, ReviewQueuePage};
use crate::accounts::ui::{AccountPage, ForgotPage, ResetPage, SignInPage, SignUpPage};
use crate::awards::admin::ui::{AdminAwardsPage, AdminCyclePage};
use crate::awards::ui::{AwardsPage, CyclePage, JuryPage, ReceiptPage, ResultsPage};
use crate::community::documents::ui::DocumentsPage;
use crate::community::initiatives::ui::{InitiativeEditPage, InitiativesPage};
use crate::community::organisations::ui::{
    DirectoryPage, MyOrganisationPage, NewOrganisationPage, OrganisationPage,
};
use crate::community::practices::ui::{NewPracticePage, PracticeViewPage, ShowcasePage};
use crate::community::review::ui::QueuePage;
use crate::home::ui::HomePage;
#[cfg(feature = "ssr")]
use crate::i18n::use_locale;
use crate::learning::groups::ui::{GroupPage, GroupsPage};
use crate::learning::lectures::ui::{LecturePage, LecturesPage, NewLecturePage, SpeakersPage};
use crate::matching::cohort::ui::{AdminDraftPage, AdminMatchingPage};
use crate::matching::import::ui::{AdminImportBatchPage, AdminImportPage};
use crate::matching::ui::MentorsPage;
use crate::mentoring::mentorships::ui::{HeldMessagesPage, MentorshipPage, MentorshipsPage};
use crate::mentoring::requests::ui::{RequestForm, RequestsPage};
use crate::notifications::ui::{NotificationsPage, OutboxPage};
use crate::roadmaps::templates::ui::TemplatesPage;
use crate::roadmaps::ui::{summary_list, PrintRoadmapPage, RoadmapPage, RoadmapsPage};
use crate::roadmaps::RoadmapSummary;
use crate::ui::{Layout, NotFound};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos_meta::MetaTags;
use leptos_meta::{provide_meta_context, Meta};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = use_locale().code();
    // what `HydrationScripts` does per page in islands mode: no hydration markers outside islands
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                {asset_links(&options, leptos::nonce::use_nonce())}
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <MetaTags/>
            </head>
            <body class="flex min-h-screen flex-col">
                <App/>
            </body>
        </html>
    }
}

/// The stylesheet and the island scripts, rendered by Leptos's own components once per process
/// (with hashed file names, each of them reads the hash file from disk on every page). They are
/// rendered on a thread of their own under a root owner (which leaves the request's reactive
/// owner alone), so no request's nonce is kept in them. Leptos gives the module preload its
/// `crossorigin` only from a nonce, so it is added here: the module loader's fetch then reuses
/// the preload (the wasm preload always has it).
///
/// The request's nonce (which its Content-Security-Policy names) is put on the inline module
/// script per page.
#[cfg(feature = "ssr")]
fn asset_links(
    options: &LeptosOptions,
    nonce: Option<leptos::nonce::Nonce>,
) -> leptos::tachys::html::InertElement {
    use leptos_meta::HashedStylesheet;
    static LINKS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let with_nonce = |html: &str| {
        let html = match &nonce {
            Some(n) => html.replace("<script", &format!("<script nonce=\"{n}\"")),
            None => html.to_string(),
        };
        leptos::tachys::html::InertElement::new(html)
    };
    if let Some(html) = LINKS.get() {
        return with_nonce(html);
    }
    let html = {
        let options = options.clone();
        let render = move || {
            Owner::new_root(None).with(move || {
                view! {
                    <HashedStylesheet options=options.clone() id="leptos"/>
                    <HydrationScripts options=options islands=true/>
                }
                .to_html()
            })
        };
        // an unreadable hash file panics in there: a 500 page, and the next page tries again
        std::thread::spawn(render)
            .join()
            .expect("the stylesheet and island scripts could not be rendered")
            .replace(
                "<link rel=\"modulepreload\" ",
                "<link rel=\"modulepreload\" crossorigin=\"\" ",
            )
    };
    // a missing hash file gives unhashed names (Leptos logs it): used, but not kept, so the
    // names are right once the file is in place
    let hash_file = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join(options.hash_file.as_ref())));
    if options.hash_files && !hash_file.is_some_and(|f| f.exists()) {
        return with_nonce(&html);
    }
    with_nonce(LINKS.get_or_init(|| html))
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Meta name="description" content=crate::i18n::t(crate::i18n::k::FOOTER_ABOUT)/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <HomePage lectures=next_lectures/> } ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/forgot") view=ForgotPage ssr=SsrMode::Async/>
                    <Route path=path!("/reset") view=ResetPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=|| view! { <AccountPage roadmaps=roadmap_list lectures=my_lectures/> } ssr=SsrMode::Async/>
                    <Route path=path!("/profile") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/mentors") view=MentorsPage ssr=SsrMode::Async/>
                    <Route path=path!("/requests") view=RequestsPage ssr=SsrMode::Async/>
                    <Route path=path!("/mentorships") view=MentorshipsPage ssr=SsrMode::Async/>
                    <Route path=path!("/mentorships/:id") view=MentorshipPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/messages") view=|| view! { <HeldMessagesPage held_texts=held_texts/> } ssr=SsrMode::Async/>
                    <Route path=path!("/admin/outbox") view=OutboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/data") view=crate::data_rights::ui::DataPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=crate::audit::ui::AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/dashboard") view=crate::dashboard::ui::DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/moderation") view=crate::moderation::ui::ModerationPage ssr=SsrMode::Async/>
                    <Route path=path!("/moderation/:id") view=crate::moderation::ui::CasePage ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/roadmaps") view=RoadmapsPage ssr=SsrMode::Async/>
                    <Route path=path!("/roadmaps/:id") view=RoadmapPage ssr=SsrMode::Async/>
                    <Route path=path!("/roadmaps/:id/print") view=PrintRoadmapPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/templates") view=TemplatesPage ssr=SsrMode::Async/>
                    <Route path=path!("/lectures") view=LecturesPage ssr=SsrMode::Async/>
                    <Route path=path!("/lectures/new") view=NewLecturePage ssr=SsrMode::Async/>
                    <Route path=path!("/lectures/speakers") view=SpeakersPage ssr=SsrMode::Async/>
                    <Route path=path!("/lectures/:id") view=LecturePage ssr=SsrMode::Async/>
                    <Route path=path!("/groups") view=GroupsPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups/:id") view=GroupPage ssr=SsrMode::Async/>
                    <Route path=path!("/community") view=DirectoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/community/new") view=NewOrganisationPage ssr=SsrMode::Async/>
                    <Route path=path!("/community/mine") view=MyOrganisationPage ssr=SsrMode::Async/>
                    <Route path=path!("/community/practices") view=ShowcasePage ssr=SsrMode::Async/>
                    <Route path=path!("/community/practices/new") view=NewPracticePage ssr=SsrMode::Async/>
                    <Route path=path!("/community/practices/:id") view=PracticeViewPage ssr=SsrMode::Async/>
                    <Route path=path!("/community/initiatives") view=InitiativesPage ssr=SsrMode::Async/>
                    <Route path=path!("/community/initiatives/:id") view=InitiativeEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/community/documents") view=DocumentsPage ssr=SsrMode::Async/>
                    <Route path=path!("/community/:id") view=OrganisationPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/community") view=QueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/awards") view=AwardsPage ssr=SsrMode::Async/>
                    <Route path=path!("/awards/receipt") view=ReceiptPage ssr=SsrMode::Async/>
                    <Route path=path!("/awards/:id") view=CyclePage ssr=SsrMode::Async/>
                    <Route path=path!("/awards/:id/results") view=ResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/jury") view=JuryPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/awards") view=AdminAwardsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/awards/:id") view=AdminCyclePage ssr=SsrMode::Async/>
                    <Route path=path!("/mentors/:id") view=|| view! { <MentorPage ask=request_form/> } ssr=SsrMode::Async/>
                    <Route path=path!("/mentees/:id") view=|| view! { <MenteePage roadmaps=roadmap_list/> } ssr=SsrMode::Async/>
                    <Route path=path!("/admin/mentors") view=ReviewQueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/matching") view=AdminMatchingPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/matching/:id") view=AdminDraftPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/import") view=AdminImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/import/:id") view=AdminImportBatchPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

// What one area's page shows of another area, handed to it here, where every area is known:
// no area reaches into another's `ui`.

/// Held texts from every channel (the moderation area), for the held queue's page.
fn held_texts() -> AnyView {
    view! { <crate::moderation::ui::HeldTexts/> }.into_any()
}

/// The next lectures, on the home page.
fn next_lectures() -> AnyView {
    view! { <crate::learning::lectures::ui::NextLectures/> }.into_any()
}

/// Her lectures, on the account page.
fn my_lectures() -> AnyView {
    view! { <crate::learning::lectures::ui::MyLectures/> }.into_any()
}

/// A list of roadmaps (the account page, a mentee's page).
fn roadmap_list(list: Vec<RoadmapSummary>) -> AnyView {
    summary_list(list, false).into_any()
}

/// "Ask for mentorship" on a mentor's page.
fn request_form(mentor_id: i64) -> AnyView {
    view! { <RequestForm mentor_id=mentor_id/> }.into_any()
}
