//! Lecture pages: `/lectures` (upcoming or past, paged; the viewer's calendar feed),
//! `/lectures/new` (publish), `/lectures/:id` (details, registering or the waiting list, the
//! link from an hour before, the recording, rating; for its manager: edit, attendance,
//! recording, ratings) and `/lectures/speakers` (administrators name speakers). Every action
//! is a plain form, so each page works without JavaScript. Times show in the reader's own zone
//! (or Bishkek's).
use super::api::{
    load_lecture, load_lecture_form, load_lectures, load_my_lectures, load_next_lectures,
    load_speakers, CancelLecturePlace, LectureAttendance, LectureRecording, NameSpeaker,
    RateLecture, RegisterLecture, SaveLecture, UnnameSpeaker,
};
use super::*;
use crate::form::Choice;
use crate::i18n::{fill, k, t, use_locale, Locale};
use crate::ui::form::{
    FormAlert, FormView, PendingForm, SelectField, TextArea, TextField, DANGER_BUTTON_CLASS,
};
use crate::ui::{page_error, readable, PageTitle};
use jiff::tz::TimeZone;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The reader's zone and its name in her language.
fn reader_zone() -> (TimeZone, String) {
    let viewer = crate::auth::use_viewer();
    (viewer.zone(), use_locale().zone(&viewer.zone_name()))
}

/// "Times are shown in Asia/Tokyo time."
fn zone_line(name: &str) -> impl IntoView {
    view! {
        <p class="mt-1 text-sm text-stone-700">
            {fill(t(k::LECTURE_ZONE), &[("zone", name)])}" "
            <a class="underline" href="/account#time-zone">{t(k::LECTURE_ZONE_CHANGE)}</a>
        </p>
    }
}

fn label_of<C: Choice>(code: &str) -> &'static str {
    C::from_code(code).map(|c| t(c.label())).unwrap_or("")
}

/// "12 of 40 places taken" (and "3 waiting").
fn places(locale: Locale, l: &LectureSummary) -> String {
    let mut s = locale.tf(
        k::LECTURE_PLACES,
        &[
            ("taken", &l.registered.to_string()),
            ("n", &l.capacity.to_string()),
        ],
    );
    if l.waiting > 0 {
        s.push_str(" · ");
        s.push_str(&locale.count(k::LECTURE_WAITING_COUNT, l.waiting));
    }
    s
}

/// One lecture in a list.
pub fn lecture_card(l: LectureSummary, zone: &TimeZone) -> impl IntoView + use<> {
    let locale = use_locale();
    let when = locale.moment(l.starts_at, zone);
    let length = locale.count(k::LECTURE_MINUTES, l.minutes);
    let mine = l.mine.as_deref().and_then(Place::from_code);
    let taken = places(locale, &l);
    let full = l.full();
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="lecture">
            <h3 class="text-lg font-semibold"><a class="underline" href=format!("/lectures/{}", l.id)>{l.title.clone()}</a></h3>
            <p class="text-sm text-stone-700">{label_of::<Topic>(&l.topic)}" · "{l.speaker.clone()}" · "{label_of::<Locale>(&l.language)}</p>
            <p class="mt-1"><span class="font-medium">{when}</span>" · "{length}</p>
            <p class="text-sm text-stone-700">{taken}{full.then(|| view! { " · "<strong>{t(k::LECTURE_FULL)}</strong> })}</p>
            {mine.map(|p| view! { <p class="mt-1 inline-block rounded bg-emerald-100 px-2 text-sm font-medium text-emerald-900">{t(p.label())}</p> })}
        </li>
    }
}

#[component]
pub fn LecturesPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let (past, page) = query.with_untracked(|q| {
        (
            q.get("past").is_some_and(|v| v == "1"),
            q.get("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(1)
                .clamp(1, 10_000),
        )
    });
    let (zone, zone_name) = reader_zone();
    let signed_in = crate::auth::use_viewer().user.is_some();
    let admin = crate::auth::use_viewer()
        .user
        .is_some_and(|u| u.role == crate::auth::Role::Admin);
    let tab = |on: bool, href: &'static str, key| {
        let class = if on {
            "rounded-md bg-fuchsia-800 px-3 py-2 font-semibold text-white"
        } else {
            "rounded-md border border-fuchsia-800 px-3 py-2 font-semibold text-fuchsia-900"
        };
        view! { <a class=class href=href aria-current=on.then_some("page")>{t(key)}</a> }
    };
    view! {
        <PageTitle key=k::LECTURE_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::LECTURE_TITLE)}</h1>
        <p class="mt-1 text-stone-700">{t(k::LECTURE_LEAD)}</p>
        {zone_line(&zone_name)}
        <nav class="mt-4 flex flex-wrap gap-2" aria-label=t(k::LECTURE_TITLE)>
            {tab(!past, "/lectures", k::LECTURE_UPCOMING)}
            {tab(past, "/lectures?past=1", k::LECTURE_PAST)}
        </nav>
        <Await future=load_lectures(past, page) let:data>
            {match data.clone() {
                Ok(list) => {
                    let pages = crate::ui::pages(list.total, PER_PAGE);
                    let zone = zone.clone();
                    view! {
                        {(list.may_publish || admin).then(|| view! {
                            <p class="mt-4 flex flex-wrap gap-4">
                                {list.may_publish.then(|| view! { <a class="font-semibold text-fuchsia-900 underline" href="/lectures/new">{t(k::LECTURE_NEW)}</a> })}
                                {admin.then(|| view! { <a class="underline" href="/lectures/speakers">{t(k::LECTURE_SPEAKERS)}</a> })}
                            </p>
                        })}
                        {if list.lectures.is_empty() {
                            view! { <p class="mt-4">{t(if past { k::LECTURE_NONE_PAST } else { k::LECTURE_NONE })}</p> }.into_any()
                        } else {
                            view! {
                                <h2 class="sr-only">{t(if past { k::LECTURE_PAST } else { k::LECTURE_UPCOMING })}</h2>
                                <ul class="mt-4 space-y-3">
                                    {list.lectures.into_iter().map(|l| lecture_card(l, &zone)).collect_view()}
                                </ul>
                                {(pages > 1).then(|| crate::ui::pager(page as usize, pages, &|p| {
                                    if past { format!("/lectures?past=1&page={p}") } else { format!("/lectures?page={p}") }
                                }))}
                            }.into_any()
                        }}
                    }.into_any()
                }
                Err(e) => page_error(e),
            }}
        </Await>
        {signed_in.then(|| view! { <crate::learning::calendar::ui::FeedSection/> })}
    }
}

#[component]
pub fn LecturePage() -> impl IntoView {
    let id = crate::ui::param_id();
    view! {
        <PageTitle key=k::LECTURE_TITLE/>
        <Await future=load_lecture(id) let:data>
            {match data.clone() {
                Ok(page) => lecture_view(page).into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

fn lecture_view(page: LecturePage) -> impl IntoView {
    let locale = use_locale();
    let (zone, zone_name) = reader_zone();
    let l = page.lecture.clone();
    let id = l.id;
    let when = fill(
        t(k::LECTURE_WHEN),
        &[
            ("start", &locale.moment(l.starts_at, &zone)),
            ("length", &locale.count(k::LECTURE_MINUTES, l.minutes)),
        ],
    );
    let taken = places(locale, &l);
    let materials = page.materials.clone();
    let description = readable(&page.description);
    view! {
        <h1 class="text-2xl font-bold">{l.title.clone()}</h1>
        <p class="text-stone-700">{label_of::<Topic>(&l.topic)}" · "{label_of::<Locale>(&l.language)}</p>
        <p class="mt-1">{fill(t(k::LECTURE_BY), &[("speaker", &l.speaker)])}</p>
        <p class="mt-1 font-medium" data-testid="lecture-when">{when}</p>
        {zone_line(&zone_name)}
        <p class="mt-1 text-sm text-stone-700" data-testid="lecture-places">{taken}</p>
        <p class="mt-2"><a class="underline" href=format!("/lectures/{id}/calendar.ics")>{t(k::CALENDAR_ADD_ONE)}</a></p>
        {(!description.is_empty()).then(|| view! { <p class="mt-4 whitespace-pre-line">{description}</p> })}
        {(!materials.is_empty()).then(|| view! {
            <section aria-labelledby="materials-h" class="mt-4">
                <h2 id="materials-h" class="text-xl font-bold">{t(k::LECTURE_MATERIALS)}</h2>
                <ul class="mt-2 list-disc pl-6">
                    {materials.into_iter().map(|m| view! { <li><a class="underline" rel="noopener noreferrer nofollow" href=m.url>{m.title}</a></li> }).collect_view()}
                </ul>
            </section>
        })}
        {my_part(&page, &zone)}
        {page.manage.clone().map(|m| manage_part(&page, m, &zone_name))}
    }
}

/// Registering, the waiting list, the link, the recording and rating: the viewer's part.
fn my_part(page: &LecturePage, zone: &TimeZone) -> impl IntoView + use<> {
    let locale = use_locale();
    let l = &page.lecture;
    let id = l.id.to_string();
    let ended = page.now >= l.ends_at();
    let f = FormView::new("place");
    let signed_in = crate::auth::use_viewer().user.is_some();
    let content = match &page.me {
        _ if !signed_in => view! {
            <p><a class="font-semibold text-fuchsia-900 underline" href="/signin">{t(k::LECTURE_SIGN_IN)}</a></p>
        }.into_any(),
        None if ended => view! { <p>{t(k::LECTURE_OVER)}</p> }.into_any(),
        None if l.full() || l.waiting > 0 => view! {
            <p>{t(k::LECTURE_FULL_LEAD)}</p>
            <PendingForm action=RegisterLecture::PATH.to_string() label=t(k::LECTURE_WAIT).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                <input type="hidden" name="lecture_id" value=id.clone()/>
                <input type="hidden" name="wait" value="1"/>
            </PendingForm>
        }.into_any(),
        None => view! {
            <PendingForm action=RegisterLecture::PATH.to_string() label=t(k::LECTURE_REGISTER).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                <input type="hidden" name="lecture_id" value=id.clone()/>
            </PendingForm>
        }.into_any(),
        Some(me) => {
            let status = match (me.place, me.position) {
                (Place::Waiting, Some(n)) => locale.count(k::LECTURE_POSITION, n),
                _ => t(k::LECTURE_YOU_REGISTERED).to_string(),
            };
            let link = page.link.clone();
            let opens = (me.place == Place::Registered && link.is_none() && !ended && page.now < l.starts_at - LINK_OPENS_BEFORE)
                .then(|| fill(t(k::LECTURE_LINK_LATER), &[("time", &locale.moment(l.starts_at - LINK_OPENS_BEFORE, zone))]));
            let recording = page.recording.clone();
            let rate = me.attended == Some(true) && ended && !me.rated;
            let rated = me.rated;
            let leave = if me.place == Place::Waiting { k::LECTURE_LEAVE_WAITING } else { k::LECTURE_CANCEL };
            view! {
                <p class="font-semibold" data-testid="lecture-my-place">{status}</p>
                {link.map(|href| view! {
                    <p class="mt-2 rounded-md bg-emerald-50 p-3" data-testid="lecture-link">
                        {t(k::LECTURE_JOIN)}" "<a class="font-semibold underline" rel="noopener noreferrer" href=href.clone()>{href.clone()}</a>
                    </p>
                })}
                {opens.map(|s| view! { <p class="mt-2" data-testid="lecture-link-later">{s}</p> })}
                {recording.map(|r| view! {
                    <div class="mt-2 rounded-md bg-stone-100 p-3" data-testid="lecture-recording">
                        <p>{t(k::LECTURE_RECORDING)}" "<a class="font-semibold underline" rel="noopener noreferrer" href=r.link.clone()>{r.link.clone()}</a></p>
                        {(!r.code.is_empty()).then(|| view! { <p>{t(k::LECTURE_RECORDING_CODE)}" "<code>{r.code.clone()}</code></p> })}
                        <p class="text-sm">{fill(t(k::LECTURE_RECORDING_UNTIL), &[("date", &locale.moment(r.until, zone))])}</p>
                    </div>
                })}
                {rate.then(|| rating_form(l.id))}
                {rated.then(|| view! { <p class="mt-2">{t(k::LECTURE_THANKS)}</p> })}
                {(!ended).then(|| view! {
                    <details class="mt-3">
                        <summary class="min-h-11 cursor-pointer py-2 font-medium text-red-900">{t(leave)}</summary>
                        <p class="text-sm">{t(k::LECTURE_CANCEL_LEAD)}</p>
                        <PendingForm action=CancelLecturePlace::PATH.to_string() label=t(k::LECTURE_CANCEL_CONFIRM).to_string() pending=t(k::ROADMAP_SAVING).to_string()
                            button_class=DANGER_BUTTON_CLASS.to_string()>
                            <input type="hidden" name="lecture_id" value=id.clone()/>
                        </PendingForm>
                    </details>
                })}
            }.into_any()
        }
    };
    view! {
        <section aria-labelledby="place-h" class="mt-6 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="place-h" class="text-xl font-bold">{t(k::LECTURE_YOUR_PLACE)}</h2>
            <FormAlert form=f/>
            {content}
        </section>
    }
}

fn rating_form(id: i64) -> impl IntoView {
    let f = FormView::new("rating");
    let stars: Vec<(String, String)> = (1..=5)
        .rev()
        .map(|n| (n.to_string(), n.to_string()))
        .collect();
    view! {
        <div class="mt-3">
            <h3 class="font-semibold">{t(k::LECTURE_RATE)}</h3>
            <FormAlert form=f.clone()/>
            <PendingForm action=RateLecture::PATH.to_string() label=t(k::LECTURE_RATE_SEND).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                <input type="hidden" name="lecture_id" value=id.to_string()/>
                <SelectField form=f.clone() name="stars" label=k::LECTURE_STARS options=stars placeholder=k::RATING_PICK/>
                <TextArea form=f.clone() name="comment" label=k::LECTURE_COMMENT hint=k::LECTURE_COMMENT_HINT maxlength=COMMENT_MAX required=false/>
            </PendingForm>
        </div>
    }
}

/// What the lecture's manager sees: ratings, attendance, the recording and the edit form.
fn manage_part(page: &LecturePage, m: Manage, zone_name: &str) -> impl IntoView + use<> {
    let locale = use_locale();
    let l = page.lecture.clone();
    let id = l.id.to_string();
    let started = page.now >= l.starts_at;
    let rating = m.rating.map(|(avg, n)| {
        fill(
            t(k::LECTURE_AVERAGE),
            &[
                ("avg", &locale.decimal(avg as f64 / 100.0, 1)),
                ("count", &locale.count(k::LECTURE_RATINGS, n)),
            ],
        )
    });
    let attendance = FormView::new("attendance");
    let recording = FormView::new("recording");
    let until = m.recording_until.map(|u| {
        crate::time::iso_date(crate::time::day_in(
            u - 1,
            &crate::auth::use_viewer().zone(),
        ))
    });
    let attendees = m.attendees.clone();
    let comments = m.comments.clone();
    let (attendance_id, recording_id) = (id.clone(), id.clone());
    let (recording_link, recording_code) = (m.recording_link.clone(), m.recording_code.clone());
    view! {
        <section aria-labelledby="manage-h" class="mt-8">
            <h2 id="manage-h" class="text-xl font-bold">{t(k::LECTURE_MANAGE)}</h2>
            <p class="mt-1" data-testid="lecture-rating">{rating.unwrap_or_else(|| t(k::LECTURE_NO_RATINGS).to_string())}</p>
            {(!comments.is_empty()).then(|| view! {
                <ul class="mt-2 space-y-1">{comments.into_iter().map(|c| view! { <li class="rounded bg-stone-100 p-2">{readable(&c)}</li> }).collect_view()}</ul>
            })}
            <div class="mt-4 rounded-lg border border-stone-200 bg-white p-4">
                <h3 class="text-lg font-semibold">{t(k::LECTURE_ATTENDANCE)}</h3>
                <FormAlert form=attendance/>
                {if !started {
                    view! { <p class="text-sm">{t(k::LECTURE_ATTENDANCE_LATER)}</p> }.into_any()
                } else if attendees.is_empty() {
                    view! { <p class="text-sm">{t(k::LECTURE_NOBODY)}</p> }.into_any()
                } else {
                    view! {
                        <PendingForm action=LectureAttendance::PATH.to_string() label=t(k::LECTURE_ATTENDANCE_SAVE).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                            <input type="hidden" name="lecture_id" value=attendance_id.clone()/>
                            <fieldset class="mb-3">
                                <legend class="font-medium">{t(k::LECTURE_ATTENDANCE_LEAD)}</legend>
                                {attendees.into_iter().map(|a| {
                                    let box_id = format!("present-{}", a.account_id);
                                    view! {
                                        <div class="flex min-h-11 items-center gap-2">
                                            <input id=box_id.clone() type="checkbox" name="present[]" value=a.account_id.to_string() checked=a.attended == Some(true) class="h-5 w-5"/>
                                            <label for=box_id>{a.name}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                        </PendingForm>
                    }.into_any()
                }}
            </div>
            <div class="mt-4 rounded-lg border border-stone-200 bg-white p-4">
                <h3 class="text-lg font-semibold">{t(k::LECTURE_RECORDING_TITLE)}</h3>
                <FormAlert form=recording.clone()/>
                {if started {
                    view! {
                        <PendingForm action=LectureRecording::PATH.to_string() label=t(k::LECTURE_RECORDING_SAVE).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                            <input type="hidden" name="lecture_id" value=recording_id.clone()/>
                            <TextField form=recording.clone() name="recording_link" label=k::LECTURE_RECORDING_LINK kind="url" maxlength=500 required=false saved=Some(recording_link.clone())/>
                            <TextField form=recording.clone() name="recording_code" label=k::LECTURE_RECORDING_CODE_LABEL maxlength=CODE_MAX required=false saved=Some(recording_code.clone())/>
                            <TextField form=recording.clone() name="recording_until" label=k::LECTURE_RECORDING_UNTIL_LABEL kind="date" hint=k::LECTURE_RECORDING_UNTIL_HINT required=false saved=until/>
                        </PendingForm>
                    }.into_any()
                } else {
                    view! { <p class="text-sm">{t(k::LECTURE_RECORDING_LATER)}</p> }.into_any()
                }}
            </div>
            <div class="mt-4 rounded-lg border border-stone-200 bg-white p-4">
                <h3 class="text-lg font-semibold">{t(k::LECTURE_EDIT)}</h3>
                {lecture_form(Some((l, m)), zone_name)}
            </div>
        </section>
    }
}

/// The form to publish (`None`) or change a lecture.
fn lecture_form(saved: Option<(LectureSummary, Manage)>, zone_name: &str) -> impl IntoView + use<> {
    let name = if saved.is_some() {
        "lecture"
    } else {
        "lecture-new"
    };
    let f = FormView::new(name);
    let zone = crate::auth::use_viewer().zone();
    let id = saved
        .as_ref()
        .map(|(l, _)| l.id.to_string())
        .unwrap_or_default();
    let get =
        |pick: fn(&LectureSummary, &Manage) -> String| saved.as_ref().map(|(l, m)| pick(l, m));
    let title = get(|l, _| l.title.clone());
    let topic = get(|l, _| l.topic.clone());
    let speaker = get(|l, _| l.speaker.clone());
    let language = get(|l, _| l.language.clone());
    let minutes = get(|l, _| l.minutes.to_string()).or(Some("90".into()));
    let capacity = get(|l, _| l.capacity.to_string()).or(Some("100".into()));
    let online_link = get(|_, m| m.online_link.clone());
    let materials = get(|_, m| m.materials.clone());
    let description = get(|_, m| m.description.clone());
    let starts_at = saved
        .as_ref()
        .map(|(l, _)| crate::time::datetime_local(l.starts_at, &zone));
    let topics: Vec<(String, String)> = Topic::ALL
        .iter()
        .map(|c| (c.code().to_string(), t(c.label()).to_string()))
        .collect();
    let languages: Vec<(String, String)> = Locale::ALL
        .iter()
        .map(|c| (c.code().to_string(), t(c.label()).to_string()))
        .collect();
    let label = if saved.is_some() {
        k::LECTURE_SAVE
    } else {
        k::LECTURE_PUBLISH
    };
    let zone_text = fill(t(k::LECTURE_ZONE), &[("zone", zone_name)]);
    view! {
        <FormAlert form=f.clone()/>
        <PendingForm action=SaveLecture::PATH.to_string() label=t(label).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
            <input type="hidden" name="lecture_id" value=id/>
            <TextField form=f.clone() name="title" label=k::LECTURE_FIELD_TITLE maxlength=TITLE_MAX saved=title/>
            <SelectField form=f.clone() name="topic" label=k::LECTURE_FIELD_TOPIC options=topics placeholder=k::FIELD_CHOOSE saved=topic/>
            <TextField form=f.clone() name="speaker" label=k::LECTURE_FIELD_SPEAKER maxlength=SPEAKER_MAX saved=speaker/>
            <SelectField form=f.clone() name="language" label=k::LECTURE_FIELD_LANGUAGE options=languages placeholder=k::FIELD_CHOOSE saved=language/>
            <p class="text-sm text-stone-700">{zone_text}</p>
            <TextField form=f.clone() name="starts_at" label=k::LECTURE_FIELD_START kind="datetime-local" hint=k::LECTURE_FIELD_START_HINT saved=starts_at/>
            <TextField form=f.clone() name="minutes" label=k::LECTURE_FIELD_MINUTES kind="number" saved=minutes/>
            <TextField form=f.clone() name="capacity" label=k::LECTURE_FIELD_CAPACITY kind="number" saved=capacity/>
            <TextField form=f.clone() name="online_link" label=k::LECTURE_FIELD_LINK kind="url" hint=k::LECTURE_FIELD_LINK_HINT maxlength=500 required=false saved=online_link/>
            <TextArea form=f.clone() name="description" label=k::LECTURE_FIELD_DESCRIPTION maxlength=DESCRIPTION_MAX required=false saved=description/>
            <TextArea form=f.clone() name="materials" label=k::LECTURE_FIELD_MATERIALS hint=k::LECTURE_FIELD_MATERIALS_HINT maxlength=6_000 required=false saved=materials/>
        </PendingForm>
    }
}

#[component]
pub fn NewLecturePage() -> impl IntoView {
    view! {
        <PageTitle key=k::LECTURE_NEW/>
        <Await future=load_lecture_form() let:data>
            {match data.clone() {
                Ok(()) => view! {
                    <h1 class="text-2xl font-bold">{t(k::LECTURE_NEW)}</h1>
                    <div class="mt-4">{lecture_form(None, &use_locale().zone(&crate::auth::use_viewer().zone_name()))}</div>
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

#[component]
pub fn SpeakersPage() -> impl IntoView {
    crate::ui::admin_only(|| {
        let f = FormView::new("speaker");
        view! {
            <PageTitle key=k::LECTURE_SPEAKERS/>
            <h1 class="text-2xl font-bold">{t(k::LECTURE_SPEAKERS)}</h1>
            <p class="mt-1 text-stone-700">{t(k::LECTURE_SPEAKERS_LEAD)}</p>
            <Await future=load_speakers() let:data>
                {match data.clone() {
                    Ok(list) if list.is_empty() => view! { <p class="mt-4">{t(k::LECTURE_SPEAKERS_NONE)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="mt-4 space-y-2">
                            {list.into_iter().map(|s| view! {
                                <li class="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-stone-200 bg-white p-3">
                                    <span>{s.name}" · "<span class="text-sm text-stone-700">{s.email}</span></span>
                                    <PendingForm action=UnnameSpeaker::PATH.to_string() label=t(k::LECTURE_SPEAKER_REMOVE).to_string() pending=t(k::ROADMAP_SAVING).to_string()
                                        button_class=DANGER_BUTTON_CLASS.to_string()>
                                        <input type="hidden" name="account_id" value=s.account_id.to_string()/>
                                    </PendingForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => page_error(e),
                }}
            </Await>
            <h2 class="mt-6 text-xl font-bold">{t(k::LECTURE_SPEAKER_ADD)}</h2>
            <FormAlert form=f.clone()/>
            <PendingForm action=NameSpeaker::PATH.to_string() label=t(k::LECTURE_SPEAKER_ADD).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                <TextField form=f.clone() name="email" label=k::LECTURE_SPEAKER_EMAIL kind="email" maxlength=254/>
            </PendingForm>
        }
        .into_any()
    })
}

/// The next lectures (the home page): up to three, with a link to all.
#[component]
pub fn NextLectures() -> impl IntoView {
    let (zone, _) = reader_zone();
    view! {
        <section aria-labelledby="next-lectures-h" class="mt-8">
            <h2 id="next-lectures-h" class="text-xl font-bold">{t(k::LECTURE_NEXT)}</h2>
            <Await future=load_next_lectures() let:data>
                {match data.clone() {
                    Ok(list) if list.is_empty() => view! { <p class="mt-2">{t(k::LECTURE_NONE)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="mt-3 space-y-3">{list.into_iter().map(|l| lecture_card(l, &zone)).collect_view()}</ul>
                    }.into_any(),
                    Err(e) => page_error(e),
                }}
            </Await>
            <p class="mt-2"><a class="font-medium text-fuchsia-900 underline" href="/lectures">{t(k::LECTURE_ALL)}</a></p>
        </section>
    }
}

/// The lectures she registered for or waits for (her account page).
#[component]
pub fn MyLectures() -> impl IntoView {
    let (zone, _) = reader_zone();
    view! {
        <section aria-labelledby="my-lectures-h" class="mt-6">
            <h2 id="my-lectures-h" class="text-xl font-bold">{t(k::LECTURE_MINE)}</h2>
            <Await future=load_my_lectures() let:data>
                {match data.clone() {
                    Ok(list) if list.is_empty() => view! {
                        <p class="mt-2">{t(k::LECTURE_MINE_NONE)}" "<a class="font-medium text-fuchsia-900 underline" href="/lectures">{t(k::LECTURE_ALL)}</a></p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="mt-3 space-y-3">{list.into_iter().map(|l| lecture_card(l, &zone)).collect_view()}</ul>
                    }.into_any(),
                    Err(e) => page_error(e),
                }}
            </Await>
        </section>
    }
}
