//! Server functions for lectures: anyone reads the list and a lecture's page; a signed-in
//! person registers, joins the waiting list, cancels and rates; administrators and the
//! speakers they name publish and manage lectures (anyone else gets 404, as if the lecture
//! were not theirs to manage); administrators name speakers.
use super::{LectureList, LecturePage, LectureSummary, Speaker};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
mod server {
    pub use super::super::store::{self, LectureInput, Manager};
    pub use super::super::*;
    pub use crate::auth::{guard::*, Role};
    pub use crate::form::{Checker, FormPost};
    pub use crate::i18n::{k, Locale, Msg};

    /// The person asking as a lecture's possible manager.
    pub fn manager(cx: &Cx) -> Option<Manager> {
        cx.user.as_ref().map(|u| Manager {
            id: u.id,
            admin: u.role == Role::Admin,
        })
    }

    /// An administrator or a named speaker (anyone else: 404).
    pub async fn publisher(cx: &Cx) -> Result<Manager, crate::error::AppError> {
        let me = cx.me()?;
        let admin = me.role == Role::Admin;
        if admin || store::is_speaker(cx.pool(), me.id).await? {
            Ok(Manager { id: me.id, admin })
        } else {
            Err(crate::error::AppError::NotFound)
        }
    }
}

/// A page of upcoming (or, `past`, ended) lectures.
#[server(endpoint = "lectures")]
pub async fn load_lectures(
    #[server(default)] past: bool,
    #[server(default)] page: i64,
) -> Result<LectureList, AppError> {
    use server::*;
    let cx = guard(Access::Anyone)?;
    let me = manager(&cx);
    let (lectures, total) = store::list(
        cx.pool(),
        me.map(|m| m.id),
        !past,
        page.max(1),
        crate::db::now(),
    )
    .await?;
    let may_publish = match me {
        Some(m) => m.admin || store::is_speaker(cx.pool(), m.id).await?,
        None => false,
    };
    Ok(LectureList {
        lectures,
        total,
        may_publish,
    })
}

/// The next lectures (the home page).
#[server(endpoint = "next_lectures")]
pub async fn load_next_lectures() -> Result<Vec<LectureSummary>, AppError> {
    use server::*;
    let cx = guard(Access::Anyone)?;
    let me = manager(&cx).map(|m| m.id);
    Ok(store::next(cx.pool(), me, crate::db::now(), 3).await?)
}

/// The lectures the viewer registered or waits for (her account page).
#[server(endpoint = "my_lectures")]
pub async fn load_my_lectures() -> Result<Vec<LectureSummary>, AppError> {
    use server::*;
    let cx = guard(Access::SignedIn)?;
    let me = cx.me()?.id;
    Ok(store::mine(cx.pool(), me, crate::db::now(), 10).await?)
}

/// One lecture as the viewer may see it.
#[server(endpoint = "lecture")]
pub async fn load_lecture(id: i64) -> Result<LecturePage, AppError> {
    use server::*;
    let cx = guard(Access::Anyone)?;
    Ok(store::page(cx.pool(), id, manager(&cx), crate::db::now()).await?)
}

/// The lecture form's fields, as posted (`starts_at` as a `datetime-local` input gives it, in
/// the publisher's own zone).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LectureFields {
    pub title: String,
    pub topic: String,
    pub speaker: String,
    pub description: String,
    pub language: String,
    pub starts_at: String,
    pub minutes: String,
    pub capacity: String,
    pub online_link: String,
    pub materials: String,
}

/// Checks a lecture form; times are read in `zone`.
#[cfg(feature = "ssr")]
pub fn validate(
    form: &LectureFields,
    zone: &jiff::tz::TimeZone,
    now: i64,
) -> Result<server::LectureInput, AppError> {
    use server::*;
    let mut c = Checker::default();
    let title = c.name("title", &form.title, TITLE_MAX, false);
    let topic = c.choice::<Topic>("topic", &form.topic);
    let speaker = c.name("speaker", &form.speaker, SPEAKER_MAX, false);
    // everyone reads them: no contact details (a description with them waits for a check)
    c.no_contact("title", &title);
    c.no_contact("speaker", &speaker);
    let description = c.text("description", &form.description, DESCRIPTION_MAX, true);
    let language = c.choice::<Locale>("language", &form.language);
    let starts_at = match crate::time::parse_datetime_local(&form.starts_at, zone) {
        Some(t) if t > now + AHEAD_MAX => {
            c.fail("starts_at", Msg::new(k::LECTURE_ERR_FAR));
            None
        }
        Some(t) => Some(t),
        None if form.starts_at.trim().is_empty() => {
            c.fail("starts_at", Msg::new(k::ERR_REQUIRED));
            None
        }
        None => {
            c.fail("starts_at", Msg::new(k::LECTURE_ERR_TIME));
            None
        }
    };
    let minutes = c.number("minutes", &form.minutes, MINUTES_MIN, MINUTES_MAX);
    let capacity = c.number("capacity", &form.capacity, 1, CAPACITY_MAX);
    let online_link = form.online_link.trim().to_string();
    if !online_link.is_empty() && !crate::roadmaps::valid_url(&online_link) {
        c.fail("online_link", Msg::new(k::ERR_URL));
    }
    let materials_text = c.text("materials", &form.materials, 6_000, true);
    let materials = match parse_materials(&materials_text) {
        Ok(m) => Some(m),
        Err(line) => {
            c.fail(
                "materials",
                Msg::new(k::LECTURE_ERR_MATERIAL).with("line", line),
            );
            None
        }
    };
    // everyone reads these: no contact details, no link to a messenger or a social profile
    for m in materials.iter().flatten() {
        c.no_contact("materials", &m.title);
        if crate::safeguard::messenger_link(&m.url) {
            c.fail("materials", Msg::new(k::ERR_CONTACT_HERE));
        }
    }
    let value = match (topic, language, starts_at, materials) {
        (Some(topic), Some(language), Some(starts_at), Some(materials)) => Some(LectureInput {
            title,
            topic,
            speaker,
            description,
            language,
            starts_at,
            minutes,
            capacity,
            online_link,
            materials,
        }),
        _ => None,
    };
    c.finish(value)
}

#[server(endpoint = "save_lecture")]
pub async fn save_lecture(
    #[server(default)] lecture_id: String,
    #[server(flatten)] form: LectureFields,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::SignedIn)?;
    let (name, back) = match lecture_id.trim() {
        "" => ("lecture-new".to_string(), "/lectures/new".to_string()),
        _ => ("lecture".to_string(), id_path("/lectures", &lecture_id)),
    };
    let result = async {
        let by = publisher(&cx).await?;
        let id = match lecture_id.trim() {
            "" => None,
            t => Some(AppError::id(t)?),
        };
        let now = crate::db::now();
        let input = validate(&form, &cx.viewer.zone(), now)?;
        Ok(store::save(cx.pool(), by, id, &input, now).await?)
    }
    .await;
    let post = FormPost::refill(&name, &back, &form);
    cx.finish(post, result, |id| {
        (format!("/lectures/{id}"), Some(Msg::new(k::LECTURE_SAVED)))
    })
    .await
    .map(|_| ())
}

/// Registers the viewer, or (`wait` = "1") puts her on the waiting list of a full lecture.
#[server(endpoint = "register_lecture")]
pub async fn register_lecture(
    lecture_id: String,
    #[server(default)] wait: String,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::SignedIn)?;
    let back = id_path("/lectures", &lecture_id);
    let result = async {
        let id = AppError::id(&lecture_id)?;
        let me = cx.me()?.id;
        Ok(store::register(cx.pool(), id, me, wait == "1", crate::db::now()).await?)
    }
    .await;
    cx.finish(FormPost::new("place", &back), result, |place| {
        let key = match place {
            Place::Registered => k::LECTURE_REGISTERED_NOTICE,
            Place::Waiting => k::LECTURE_WAITING_NOTICE,
        };
        (back.clone(), Some(Msg::new(key)))
    })
    .await
    .map(|_| ())
}

/// Gives up the viewer's place or her spot on the waiting list.
#[server(endpoint = "cancel_lecture_place")]
pub async fn cancel_lecture_place(lecture_id: String) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::SignedIn)?;
    let back = id_path("/lectures", &lecture_id);
    let result = async {
        let id = AppError::id(&lecture_id)?;
        let me = cx.me()?.id;
        Ok(store::cancel(cx.pool(), id, me, crate::db::now()).await?)
    }
    .await;
    cx.finish(FormPost::new("place", &back), result, |_| {
        (back.clone(), Some(Msg::new(k::LECTURE_CANCELLED_NOTICE)))
    })
    .await
}

/// Marks attendance: the registered people listed in `present` came, the others did not.
#[server(endpoint = "lecture_attendance")]
pub async fn lecture_attendance(
    lecture_id: String,
    #[server(default)] present: Vec<i64>,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::SignedIn)?;
    let back = id_path("/lectures", &lecture_id);
    let result = async {
        let id = AppError::id(&lecture_id)?;
        let by = manager(&cx).ok_or(AppError::SignInNeeded)?;
        Ok(store::mark_attendance(cx.pool(), id, by, &present, crate::db::now()).await?)
    }
    .await;
    cx.finish(FormPost::new("attendance", &back), result, |_| {
        (back.clone(), Some(Msg::new(k::LECTURE_ATTENDANCE_SAVED)))
    })
    .await
}

/// The recording form's fields (`recording_until` a date; empty: a month from today).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecordingFields {
    pub recording_link: String,
    pub recording_code: String,
    pub recording_until: String,
}

#[server(endpoint = "lecture_recording")]
pub async fn lecture_recording(
    lecture_id: String,
    #[server(flatten)] form: RecordingFields,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::SignedIn)?;
    let back = id_path("/lectures", &lecture_id);
    let result = async {
        let id = AppError::id(&lecture_id)?;
        let by = manager(&cx).ok_or(AppError::SignInNeeded)?;
        let now = crate::db::now();
        let mut c = Checker::default();
        let link = form.recording_link.trim().to_string();
        if !link.is_empty() && !crate::roadmaps::valid_url(&link) {
            c.fail("recording_link", Msg::new(k::ERR_URL));
        }
        if crate::safeguard::messenger_link(&link) {
            c.fail("recording_link", Msg::new(k::ERR_CONTACT_HERE));
        }
        let code = c.name("recording_code", &form.recording_code, CODE_MAX, true);
        c.no_contact("recording_code", &code);
        let zone = cx.viewer.zone();
        let until = match form.recording_until.trim() {
            "" => Some(now + RECORDING_DAYS * 86_400),
            d => match crate::time::parse_date(d) {
                // available to the end of that day, in the publisher's zone
                Some(day) if crate::time::end_of_day(day, &zone) <= now => {
                    c.fail("recording_until", Msg::new(k::LECTURE_ERR_RECORDING_PAST));
                    None
                }
                Some(day)
                    if crate::time::end_of_day(day, &zone) > now + RECORDING_DAYS_MAX * 86_400 =>
                {
                    c.fail("recording_until", Msg::new(k::LECTURE_ERR_RECORDING_FAR));
                    None
                }
                Some(day) => Some(crate::time::end_of_day(day, &zone)),
                None => {
                    c.fail("recording_until", Msg::new(k::ERR_DATE_INVALID));
                    None
                }
            },
        };
        let until = c.finish(until)?;
        Ok(store::set_recording(cx.pool(), id, by, &link, &code, until, now).await?)
    }
    .await;
    cx.finish(FormPost::refill("recording", &back, &form), result, |_| {
        (back.clone(), Some(Msg::new(k::LECTURE_RECORDING_SAVED)))
    })
    .await
}

/// The rating form's fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LectureRatingFields {
    pub stars: String,
    pub comment: String,
}

#[server(endpoint = "rate_lecture")]
pub async fn rate_lecture(
    lecture_id: String,
    #[server(flatten)] form: LectureRatingFields,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::SignedIn)?;
    let back = id_path("/lectures", &lecture_id);
    let result = async {
        let id = AppError::id(&lecture_id)?;
        let me = cx.me()?.id;
        let mut c = Checker::default();
        let stars = c.number("stars", &form.stars, 1, 5);
        let comment = c.text("comment", &form.comment, COMMENT_MAX, true);
        c.finish(Some(()))?;
        Ok(store::rate(cx.pool(), id, me, stars, &comment, crate::db::now()).await?)
    }
    .await;
    cx.finish(FormPost::refill("rating", &back, &form), result, |_| {
        (back.clone(), Some(Msg::new(k::LECTURE_RATED)))
    })
    .await
}

/// The named speakers (administrators).
#[server(endpoint = "lecture_speakers")]
pub async fn load_speakers() -> Result<Vec<Speaker>, AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    Ok(store::speakers(cx.pool()).await?)
}

#[server(endpoint = "name_speaker")]
pub async fn name_speaker(
    #[server(flatten)] form: crate::form::EmailFields,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let result = async {
        let me = cx.me()?.id;
        let mut c = Checker::default();
        let email = c.text("email", &form.email, 254, false).to_lowercase();
        c.finish(Some(()))?;
        Ok(store::name_speaker(cx.pool(), me, &email, crate::db::now()).await?)
    }
    .await;
    cx.finish(
        FormPost::refill("speaker", "/lectures/speakers", &form),
        result,
        |_| {
            (
                "/lectures/speakers".into(),
                Some(Msg::new(k::LECTURE_SPEAKER_NAMED)),
            )
        },
    )
    .await
}

#[server(endpoint = "unname_speaker")]
pub async fn unname_speaker(account_id: String) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let result = async {
        let id = AppError::id(&account_id)?;
        Ok(store::unname_speaker(cx.pool(), id).await?)
    }
    .await;
    cx.finish(
        FormPost::new("speakers", "/lectures/speakers"),
        result,
        |_| {
            (
                "/lectures/speakers".into(),
                Some(Msg::new(k::LECTURE_SPEAKER_REMOVED)),
            )
        },
    )
    .await
}

/// Whether the viewer may publish lectures (an administrator or a named speaker; else 404).
#[server(endpoint = "lecture_form")]
pub async fn load_lecture_form() -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::SignedIn)?;
    publisher(&cx).await?;
    Ok(())
}
