//! Peer group pages: `/groups` (the groups, hers first, and a form to start one) and
//! `/groups/:id` (the group, its next meeting, joining and leaving; for members the members
//! and the discussion, newest last, with a report form on each post; for the organiser the
//! group's form, the meeting's form and the hand-over). Plain forms: every page works without
//! JavaScript.
use super::api::{
    load_group, load_groups, HandOverGroup, JoinGroup, LeaveGroup, PostToGroup, SaveGroup,
    ScheduleGroup,
};
use super::*;
use crate::form::Choice;
use crate::i18n::Locale;
use crate::i18n::{fill, k, t, use_locale};
use crate::ui::form::{
    FormAlert, FormView, PendingForm, SelectField, TextArea, TextField, DANGER_BUTTON_CLASS,
    SECONDARY_BUTTON_CLASS,
};
use crate::ui::{page_error, readable, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// "Naryn" or "Online".
fn place_label(code: &str) -> &'static str {
    if code == ONLINE {
        return t(k::GROUP_ONLINE);
    }
    crate::accounts::profiles::Region::from_code(code)
        .map(|r| t(r.label()))
        .unwrap_or("")
}

fn language_label(code: &str) -> &'static str {
    Locale::from_code(code).map(|l| t(l.label())).unwrap_or("")
}

/// "Every week, next: 5 December 2026, 18:00" in the reader's zone.
fn next_meeting_line(g: &GroupSummary, now: i64) -> Option<String> {
    let locale = use_locale();
    let zone = crate::auth::use_viewer().zone();
    let freq = Frequency::from_code(g.meeting_frequency.as_deref()?)?;
    let next = g.next_meeting(now)?;
    Some(fill(
        t(k::GROUP_NEXT_MEETING),
        &[
            ("how", t(freq.label())),
            ("when", &locale.moment(next, &zone)),
        ],
    ))
}

fn group_card(g: GroupSummary, now: i64) -> impl IntoView {
    let locale = use_locale();
    let members = locale.tf(
        k::GROUP_MEMBERS_COUNT,
        &[
            ("n", &g.members.to_string()),
            ("limit", &g.member_limit.to_string()),
        ],
    );
    let meeting = next_meeting_line(&g, now);
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="group">
            <h3 class="text-lg font-semibold"><a class="underline" href=format!("/groups/{}", g.id)>{g.name.clone()}</a></h3>
            <p class="text-sm text-stone-700">{place_label(&g.region)}" · "{language_label(&g.language)}" · "{members}</p>
            {meeting.map(|m| view! { <p class="text-sm">{m}</p> })}
            {g.mine.then(|| view! { <p class="mt-1 inline-block rounded bg-emerald-100 px-2 text-sm font-medium text-emerald-900">{t(k::GROUP_YOURS)}</p> })}
        </li>
    }
}

fn place_options() -> Vec<(String, String)> {
    let mut out = vec![(ONLINE.to_string(), t(k::GROUP_ONLINE).to_string())];
    out.extend(
        crate::accounts::profiles::Region::ALL
            .iter()
            .filter(|r| **r != crate::accounts::profiles::Region::Abroad)
            .map(|r| (r.code().to_string(), t(r.label()).to_string())),
    );
    out
}

/// The form to start (`None`) or change a group.
fn group_form(saved: Option<&GroupPage>) -> impl IntoView + use<> {
    let name = if saved.is_some() {
        "group"
    } else {
        "group-new"
    };
    let f = FormView::new(name);
    let id = saved.map(|p| p.group.id.to_string()).unwrap_or_default();
    let languages: Vec<(String, String)> = Locale::ALL
        .iter()
        .map(|c| (c.code().to_string(), t(c.label()).to_string()))
        .collect();
    let get = |pick: fn(&GroupPage) -> String| saved.map(pick);
    let label = if saved.is_some() {
        k::GROUP_SAVE
    } else {
        k::GROUP_CREATE
    };
    let (name_v, region_v, language_v, limit_v, description_v) = (
        get(|p| p.group.name.clone()),
        get(|p| p.group.region.clone()).or(Some(ONLINE.into())),
        get(|p| p.group.language.clone()).or(Some(use_locale().code().into())),
        get(|p| p.group.member_limit.to_string()).or(Some("12".into())),
        get(|p| p.description.clone()),
    );
    view! {
        <FormAlert form=f.clone()/>
        <PendingForm action=SaveGroup::PATH.to_string() label=t(label).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
            <input type="hidden" name="group_id" value=id/>
            <TextField form=f.clone() name="name" label=k::GROUP_FIELD_NAME maxlength=NAME_MAX saved=name_v/>
            <SelectField form=f.clone() name="region" label=k::GROUP_FIELD_PLACE options=place_options() saved=region_v/>
            <SelectField form=f.clone() name="language" label=k::GROUP_FIELD_LANGUAGE options=languages saved=language_v/>
            <TextField form=f.clone() name="member_limit" label=k::GROUP_FIELD_LIMIT kind="number" hint=k::GROUP_FIELD_LIMIT_HINT saved=limit_v/>
            <TextArea form=f.clone() name="description" label=k::GROUP_FIELD_DESCRIPTION maxlength=DESCRIPTION_MAX required=false saved=description_v/>
        </PendingForm>
    }
}

#[component]
pub fn GroupsPage() -> impl IntoView {
    let page = leptos_router::hooks::use_query_map().with_untracked(|q| {
        q.get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(1, 10_000)
    });
    let role = crate::auth::use_viewer().user.map(|u| u.role);
    let participant = matches!(
        role,
        Some(crate::auth::Role::Mentee | crate::auth::Role::Mentor)
    );
    view! {
        <PageTitle key=k::GROUP_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::GROUP_TITLE)}</h1>
        <p class="mt-1 text-stone-700">{t(k::GROUP_LEAD)}</p>
        <Await future=load_groups(page) let:data>
            {match data.clone() {
                Ok(list) => {
                    let pages = crate::ui::pages(list.total, PER_PAGE);
                    let now = list.now;
                    if list.groups.is_empty() {
                        view! { <p class="mt-4">{t(k::GROUP_NONE)}</p> }.into_any()
                    } else {
                        view! {
                            <h2 class="sr-only">{t(k::GROUP_TITLE)}</h2>
                            <ul class="mt-4 space-y-3">{list.groups.into_iter().map(|g| group_card(g, now)).collect_view()}</ul>
                            {(pages > 1).then(|| crate::ui::pager(page as usize, pages, &|p| format!("/groups?page={p}")))}
                        }.into_any()
                    }
                }
                Err(e) => page_error(e),
            }}
        </Await>
        <crate::learning::calendar::ui::FeedSection/>
        {participant.then(|| view! {
            <section id="new" aria-labelledby="new-group-h" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
                <h2 id="new-group-h" class="text-xl font-bold">{t(k::GROUP_NEW)}</h2>
                <p class="text-sm text-stone-700">{t(k::GROUP_NEW_LEAD)}</p>
                {group_form(None)}
            </section>
        })}
    }
}

#[component]
pub fn GroupPage() -> impl IntoView {
    let id = crate::ui::param_id();
    let page = leptos_router::hooks::use_query_map().with_untracked(|q| {
        q.get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(0)
            .clamp(0, 100_000)
    });
    view! {
        <PageTitle key=k::GROUP_TITLE/>
        <Await future=load_group(id, page) let:data>
            {match data.clone() {
                Ok(p) => group_view(p).into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

fn group_view(p: GroupPage) -> impl IntoView {
    let locale = use_locale();
    let me = crate::auth::use_viewer().user.map(|u| u.id);
    let organiser = me.is_some() && p.organiser_id == me;
    let g = p.group.clone();
    let id = g.id.to_string();
    let members_line = locale.tf(
        k::GROUP_MEMBERS_COUNT,
        &[
            ("n", &g.members.to_string()),
            ("limit", &g.member_limit.to_string()),
        ],
    );
    let meeting = next_meeting_line(&g, p.now);
    let place = readable(&p.meeting_place);
    let description = readable(&p.description);
    let membership = FormView::new("membership");
    let organiser_name = p
        .members
        .iter()
        .find(|m| Some(m.account_id) == p.organiser_id)
        .map(|m| m.name.clone());
    let participant = matches!(
        crate::auth::use_viewer().user.map(|u| u.role),
        Some(crate::auth::Role::Mentee | crate::auth::Role::Mentor)
    );
    view! {
        <h1 class="text-2xl font-bold">{g.name.clone()}</h1>
        <p class="text-stone-700">{place_label(&g.region)}" · "{language_label(&g.language)}" · "<span data-testid="group-members">{members_line}</span></p>
        {organiser_name.map(|n| view! { <p class="text-sm">{fill(t(k::GROUP_ORGANISER), &[("name", &n)])}</p> })}
        {(!description.is_empty()).then(|| view! { <p class="mt-3 whitespace-pre-line">{description}</p> })}
        <section aria-labelledby="meeting-h" class="mt-4">
            <h2 id="meeting-h" class="text-xl font-bold">{t(k::GROUP_MEETING)}</h2>
            <p data-testid="group-meeting">{meeting.unwrap_or_else(|| t(k::GROUP_NO_MEETING).to_string())}</p>
            {(!place.is_empty()).then(|| view! { <p class="text-sm">{fill(t(k::GROUP_MEETING_PLACE), &[("place", &place)])}</p> })}
        </section>
        <div class="mt-4">
            <FormAlert form=membership/>
            {if p.member {
                view! {
                    <details>
                        <summary class="min-h-11 cursor-pointer py-2 font-medium text-red-900">{t(k::GROUP_LEAVE)}</summary>
                        <p class="text-sm">{t(if organiser { k::GROUP_LEAVE_ORGANISER } else { k::GROUP_LEAVE_LEAD })}</p>
                        <PendingForm action=LeaveGroup::PATH.to_string() label=t(k::GROUP_LEAVE_CONFIRM).to_string() pending=t(k::ROADMAP_SAVING).to_string()
                            button_class=DANGER_BUTTON_CLASS.to_string()>
                            <input type="hidden" name="group_id" value=id.clone()/>
                        </PendingForm>
                    </details>
                }.into_any()
            } else if participant && g.members < g.member_limit {
                view! {
                    <PendingForm action=JoinGroup::PATH.to_string() label=t(k::GROUP_JOIN).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                        <input type="hidden" name="group_id" value=id.clone()/>
                    </PendingForm>
                }.into_any()
            } else if participant {
                view! { <p>{t(k::GROUP_FULL)}</p> }.into_any()
            } else {
                ().into_any()
            }}
        </div>
        {(p.member || !p.members.is_empty()).then(|| discussion(&p))}
        {organiser.then(|| organiser_part(&p))}
    }
}

fn discussion(p: &GroupPage) -> impl IntoView {
    let locale = use_locale();
    let zone = crate::auth::use_viewer().zone();
    let me = crate::auth::use_viewer().user.map(|u| u.id);
    let id = p.group.id;
    let f = FormView::new("post");
    let members = p.members.clone();
    let posts = p.posts.clone();
    let (page, pages) = (p.page, p.pages);
    let member = p.member;
    view! {
        <section aria-labelledby="members-h" class="mt-6">
            <h2 id="members-h" class="text-xl font-bold">{t(k::GROUP_MEMBERS)}</h2>
            <ul class="mt-2 flex flex-wrap gap-2">
                {members.into_iter().map(|m| view! { <li class="rounded bg-stone-100 px-2 py-1">{m.name}</li> }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="discussion-h" class="mt-6">
            <h2 id="discussion-h" class="text-xl font-bold">{t(k::GROUP_DISCUSSION)}</h2>
            {(pages > 1 && page > 1).then(|| view! {
                <p class="mt-2"><a class="underline" href=format!("/groups/{id}?page={}", page - 1)>{t(k::GROUP_OLDER)}</a></p>
            })}
            {if posts.is_empty() {
                view! { <p class="mt-2">{t(k::GROUP_NO_POSTS)}</p> }.into_any()
            } else {
                view! {
                    <ol class="mt-2 space-y-2">
                        {posts.into_iter().map(|post| {
                            let mine = post.author_id.is_some() && post.author_id == me;
                            let author = post.author_name.as_deref().map(crate::ui::readable).unwrap_or_else(|| t(k::GROUP_FORMER_MEMBER).to_string());
                            let when = locale.moment(post.created_at, &zone);
                            let body = readable(&post.body);
                            view! {
                                <li id=format!("post-{}", post.id) class="rounded-lg border border-stone-200 bg-white p-3" data-testid="group-post">
                                    <p class="text-sm text-stone-700"><span class="font-semibold text-stone-900">{author}</span>" · "{when}</p>
                                    <p class="mt-1 whitespace-pre-line break-words">{body}</p>
                                    {(member && !mine).then(|| crate::moderation::ui::report_form(crate::moderation::ItemKind::GroupPost, post.id, post.reported))}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {(pages > 1 && page < pages).then(|| view! {
                <p class="mt-2"><a class="underline" href=format!("/groups/{id}?page={}", page + 1)>{t(k::GROUP_NEWER)}</a></p>
            })}
            {member.then(|| view! {
                <div class="mt-4">
                    <FormAlert form=f.clone()/>
                    <PendingForm action=PostToGroup::PATH.to_string() label=t(k::GROUP_POST).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                        <input type="hidden" name="group_id" value=id.to_string()/>
                        <TextArea form=f.clone() name="body" label=k::GROUP_POST_LABEL hint=k::GROUP_POST_HINT maxlength=POST_MAX/>
                    </PendingForm>
                </div>
            })}
        </section>
    }
}

fn organiser_part(p: &GroupPage) -> impl IntoView + use<> {
    let id = p.group.id.to_string();
    let meeting = FormView::new("meeting");
    let hand = FormView::new("hand-over");
    let zone = crate::auth::use_viewer().zone();
    let zone_name = use_locale().zone(&crate::auth::use_viewer().zone_name());
    let frequencies: Vec<(String, String)> =
        std::iter::once((String::new(), t(k::GROUP_NO_MEETING_OPTION).to_string()))
            .chain(
                Frequency::ALL
                    .iter()
                    .map(|f| (f.code().to_string(), t(f.label()).to_string())),
            )
            .collect();
    // the series' own first meeting (re-saving keeps a monthly meeting on its day)
    let first = p
        .group
        .meeting_first_at
        .map(|t| crate::time::datetime_local(t, &zone));
    let others: Vec<(String, String)> = p
        .members
        .iter()
        .filter(|m| Some(m.account_id) != p.organiser_id)
        .map(|m| (m.account_id.to_string(), m.name.clone()))
        .collect();
    let (meeting_id, hand_id) = (id.clone(), id.clone());
    let frequency = p.group.meeting_frequency.clone();
    let minutes = p
        .meeting_minutes
        .map(|m| m.to_string())
        .or(Some("60".into()));
    let place = Some(p.meeting_place.clone());
    let form = group_form(Some(p));
    view! {
        <section aria-labelledby="organise-h" class="mt-8">
            <h2 id="organise-h" class="text-xl font-bold">{t(k::GROUP_ORGANISE)}</h2>
            <div class="mt-3 rounded-lg border border-stone-200 bg-white p-4">
                <h3 class="text-lg font-semibold">{t(k::GROUP_SCHEDULE)}</h3>
                <p class="text-sm text-stone-700">{fill(t(k::LECTURE_ZONE), &[("zone", &zone_name)])}</p>
                <FormAlert form=meeting.clone()/>
                <PendingForm action=ScheduleGroup::PATH.to_string() label=t(k::GROUP_SCHEDULE_SAVE).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                    <input type="hidden" name="group_id" value=meeting_id/>
                    <SelectField form=meeting.clone() name="frequency" label=k::GROUP_FIELD_FREQUENCY options=frequencies required=false saved=frequency/>
                    <TextField form=meeting.clone() name="first_at" label=k::GROUP_FIELD_FIRST kind="datetime-local" required=false saved=first/>
                    <TextField form=meeting.clone() name="minutes" label=k::LECTURE_FIELD_MINUTES kind="number" required=false saved=minutes/>
                    <TextField form=meeting.clone() name="place" label=k::GROUP_FIELD_MEETING_PLACE hint=k::GROUP_FIELD_MEETING_PLACE_HINT maxlength=PLACE_MAX required=false saved=place/>
                </PendingForm>
            </div>
            <div class="mt-3 rounded-lg border border-stone-200 bg-white p-4">
                <h3 class="text-lg font-semibold">{t(k::GROUP_EDIT)}</h3>
                {form}
            </div>
            {(!others.is_empty()).then(|| view! {
                <div class="mt-3 rounded-lg border border-stone-200 bg-white p-4">
                    <h3 class="text-lg font-semibold">{t(k::GROUP_HAND_OVER)}</h3>
                    <FormAlert form=hand.clone()/>
                    <PendingForm action=HandOverGroup::PATH.to_string() label=t(k::GROUP_HAND_OVER_SEND).to_string() pending=t(k::ROADMAP_SAVING).to_string()
                        button_class=SECONDARY_BUTTON_CLASS.to_string()>
                        <input type="hidden" name="group_id" value=hand_id/>
                        <SelectField form=hand.clone() name="to" label=k::GROUP_HAND_OVER_TO options=others placeholder=k::FIELD_CHOOSE/>
                    </PendingForm>
                </div>
            })}
        </section>
    }
}
