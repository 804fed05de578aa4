//! The administrators' queue of what partners proposed for the public to read
//! (`/admin/community`): new organisations, changes to an organisation's page (shown beside
//! the page as it reads now) and practices. Each is approved or refused with a reason the
//! partner reads; a proposal that changed after the administrator opened the page is not
//! decided (she reads it again).
use crate::community::organisations::{Edit, OrgDetail, OrgInput};
use crate::community::practices::Waiting;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How many of each kind the queue shows at once.
pub const QUEUE_MAX: i64 = 50;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    pub orgs: Vec<OrgDetail>,
    /// each proposed edit with the organisation as it reads now
    pub edits: Vec<(Edit, OrgInput)>,
    pub practices: Vec<Waiting>,
}

#[server(endpoint = "community_queue")]
pub async fn load_queue() -> Result<Queue, AppError> {
    use crate::auth::{guard::*, Role};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let (orgs, edits) =
        crate::community::organisations::store::waiting(cx.pool(), QUEUE_MAX).await?;
    let practices = crate::community::practices::store::waiting(cx.pool(), QUEUE_MAX).await?;
    Ok(Queue {
        orgs,
        edits,
        practices,
    })
}

/// What a decision form sends: which kind, which one, as of when it was read, approve or
/// not, and the reason (required to refuse).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionFields {
    pub kind: String,
    pub id: String,
    pub seen: String,
    pub decision: String,
    pub reason: String,
}

#[server(endpoint = "community_decide")]
pub async fn decide(#[server(flatten)] form: DecisionFields) -> Result<(), AppError> {
    use crate::auth::{guard::*, Role};
    use crate::community::{organisations, practices};
    use crate::form::{Checker, FormPost};
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let back = "/admin/community";
    let name = format!(
        "decide-{}-{}",
        form.kind,
        AppError::id(&form.id).unwrap_or(0)
    );
    let result = async {
        let id = AppError::id(&form.id)?;
        let seen = form.seen.trim().parse::<i64>().unwrap_or(0);
        let mut c = Checker::default();
        let approve = match form.decision.as_str() {
            "approve" => true,
            "reject" => false,
            _ => {
                c.fail("decision", Msg::new(k::ERR_CHOOSE_ONE));
                false
            }
        };
        let reason = c.text(
            "reason",
            &form.reason,
            crate::community::REASON_MAX,
            approve,
        );
        c.finish(Some(()))?;
        let now = crate::db::now();
        let pool = cx.pool();
        match form.kind.as_str() {
            "org" => organisations::store::decide(pool, id, seen, approve, &reason, now).await?,
            "edit" => {
                organisations::store::decide_edit(pool, id, seen, approve, &reason, now).await?;
            }
            "practice" => practices::store::decide(pool, id, seen, approve, &reason).await?,
            _ => return Err(AppError::NotFound),
        }
        Ok(approve)
    }
    .await;
    cx.finish(FormPost::refill(&name, back, &form), result, |approve| {
        let key = if *approve {
            k::COMMUNITY_APPROVED
        } else {
            k::COMMUNITY_REFUSED
        };
        (back.to_string(), Some(Msg::new(key)))
    })
    .await
    .map(|_| ())
}

pub mod ui {
    //! The queue's page.
    use super::*;
    use crate::community::region_label;
    use crate::community::ui::{audience_label, body, kind_label};
    use crate::i18n::{k, t, use_locale};
    use crate::ui::form::{FormAlert, FormView, PendingForm, TextField, DANGER_BUTTON_CLASS};
    use crate::ui::{page_error, PageTitle};
    use leptos::server_fn::ServerFn;

    /// Approve, and refuse with a reason, for one item.
    fn decision(kind: &'static str, id: i64, seen: i64) -> impl IntoView {
        let f = FormView::new(format!("decide-{kind}-{id}"));
        let hidden = move || {
            view! {
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="seen" value=seen.to_string()/>
            }
        };
        view! {
            <div class="mt-3 flex flex-wrap items-start gap-4">
                <PendingForm action=Decide::PATH.to_string() label=t(k::COMMUNITY_APPROVE).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                    {hidden()}
                    <input type="hidden" name="decision" value="approve"/>
                </PendingForm>
                <div>
                    <FormAlert form=f.clone()/>
                    <PendingForm action=Decide::PATH.to_string() label=t(k::COMMUNITY_REFUSE).to_string() pending=t(k::ROADMAP_SAVING).to_string() button_class=DANGER_BUTTON_CLASS.to_string()>
                        {hidden()}
                        <input type="hidden" name="decision" value="reject"/>
                        <TextField form=f.clone() name="reason" label=k::COMMUNITY_REASON maxlength=crate::community::REASON_MAX/>
                    </PendingForm>
                </div>
            </div>
        }
    }

    /// One organisation's fields as a list (what it reads now, or what is proposed).
    fn fields(o: &OrgInput) -> impl IntoView {
        let names = [&o.names.name_ky, &o.names.name_ru, &o.names.name_en]
            .into_iter()
            .filter(|n| !n.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" · ");
        view! {
            <p class="font-semibold">{names}</p>
            <p class="text-sm">{kind_label(&o.kind)}" · "{region_label(&o.region)}" · "{o.joined_year.to_string()}</p>
            <p class="text-sm break-all">{o.website.clone()}</p>
            {body(&o.description)}
        }
    }

    #[component]
    pub fn QueuePage() -> impl IntoView {
        crate::ui::admin_only(|| {
            view! {
                <PageTitle key=k::COMMUNITY_QUEUE/>
                <h1 class="text-2xl font-bold">{t(k::COMMUNITY_QUEUE)}</h1>
                <p class="mt-1 text-stone-700">{t(k::COMMUNITY_QUEUE_LEAD)}</p>
                <Await future=load_queue() let:data>
                    {match data.clone() {
                        Ok(q) => queue(q).into_any(),
                        Err(e) => page_error(e),
                    }}
                </Await>
            }
            .into_any()
        })
    }

    fn queue(q: Queue) -> impl IntoView {
        let locale = use_locale();
        let empty = q.orgs.is_empty() && q.edits.is_empty() && q.practices.is_empty();
        view! {
            {empty.then(|| view! { <p class="mt-4" data-testid="queue-empty">{t(k::COMMUNITY_QUEUE_EMPTY)}</p> })}
            {(!q.orgs.is_empty()).then(|| view! {
                <h2 class="mt-6 text-xl font-bold">{t(k::COMMUNITY_QUEUE_ORGS)}</h2>
                <ul class="mt-2 space-y-3">
                    {q.orgs.into_iter().map(|o| {
                        let input = OrgInput::from(&o);
                        view! {
                            <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="queue-org">
                                {fields(&input)}
                                {o.logo.clone().map(|l| view! { <img src=crate::community::ui::file_href(&l) alt=t(k::COMMUNITY_LOGO) width="80" height="80" class="mt-2 h-20 w-20 object-contain"/> })}
                                <p><a class="underline" href=format!("/community/{}", o.id)>{t(k::COMMUNITY_OPEN)}</a></p>
                                {decision("org", o.id, o.updated_at)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(!q.edits.is_empty()).then(|| view! {
                <h2 class="mt-6 text-xl font-bold">{t(k::COMMUNITY_QUEUE_EDITS)}</h2>
                <ul class="mt-2 space-y-3">
                    {q.edits.into_iter().map(|(e, now)| view! {
                        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="queue-edit">
                            <p class="text-sm text-stone-700">{locale.date(e.submitted_at)}" · "<a class="underline" href=format!("/community/{}", e.org_id)>{t(k::COMMUNITY_OPEN)}</a></p>
                            <div class="mt-2 grid gap-4 sm:grid-cols-2">
                                <div><h3 class="font-medium">{t(k::COMMUNITY_NOW)}</h3>{fields(&now)}</div>
                                <div>
                                    <h3 class="font-medium">{t(k::COMMUNITY_PROPOSED)}</h3>
                                    {match &e.proposed {
                                        Some(p) => fields(p).into_any(),
                                        None => view! { <p>{t(k::COMMUNITY_ONLY_LOGO)}</p> }.into_any(),
                                    }}
                                    {e.logo.clone().map(|l| view! { <img src=crate::community::ui::file_href(&l) alt=t(k::COMMUNITY_LOGO) width="80" height="80" class="mt-2 h-20 w-20 object-contain"/> })}
                                </div>
                            </div>
                            {decision("edit", e.id, e.submitted_at)}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!q.practices.is_empty()).then(|| view! {
                <h2 class="mt-6 text-xl font-bold">{t(k::COMMUNITY_QUEUE_PRACTICES)}</h2>
                <ul class="mt-2 space-y-3">
                    {q.practices.into_iter().map(|w| {
                        let p = w.practice;
                        let s = p.summary.clone();
                        view! {
                            <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="queue-practice">
                                <h3 class="font-semibold"><a class="underline" href=format!("/community/practices/{}", s.id)>{s.title.clone()}</a></h3>
                                <p class="text-sm">{s.org.in_locale(locale).to_string()}" · "{region_label(&s.region)}" · "{audience_label(&s.audience)}</p>
                                {s.image.clone().map(|i| view! { <img src=crate::community::ui::file_href(&i) alt="" class="mt-2 max-h-40 w-auto"/> })}
                                <p class="mt-2 font-medium">{s.summary.clone()}</p>
                                {body(&p.body)}
                                {body(&p.results)}
                                {decision("practice", s.id, w.updated_at)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        }
    }
}
