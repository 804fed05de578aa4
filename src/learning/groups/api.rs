//! Server functions for peer groups: mentees read the list and a group's page (its members,
//! meeting place and discussion only as a member; administrators read everything, to
//! moderate); mentees create, join and leave groups, post and report posts; the organiser
//! changes the group, schedules its meeting and hands her role over (anyone else: 404).
use super::{GroupList, GroupPage};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
mod server {
    pub use super::super::store::{self, GroupInput, MeetingInput};
    pub use super::super::*;
    pub use crate::auth::{guard::*, Role};
    pub use crate::form::{Checker, FormPost};
    pub use crate::i18n::{k, Msg};
    /// Who takes part in groups: mentees (peer groups; adults who mentor meet mentees only
    /// through mentorships, which administrators oversee).
    pub const PARTICIPANTS: &[Role] = &[Role::Mentee];
    /// Who reads groups: their participants, and administrators (to moderate).
    pub const READERS: &[Role] = &[Role::Mentee, Role::Admin];
}

#[server(endpoint = "groups")]
pub async fn load_groups(#[server(default)] page: i64) -> Result<GroupList, AppError> {
    use server::*;
    let cx = guard(Access::Roles(READERS))?;
    let (groups, total) = store::list(cx.pool(), cx.me()?.id, page.max(1)).await?;
    Ok(GroupList {
        groups,
        total,
        now: crate::db::now(),
    })
}

#[server(endpoint = "group")]
pub async fn load_group(id: i64, #[server(default)] page: i64) -> Result<GroupPage, AppError> {
    use server::*;
    let cx = guard(Access::Roles(READERS))?;
    let me = cx.me()?;
    Ok(store::page(
        cx.pool(),
        id,
        me.id,
        me.role == Role::Admin,
        page,
        crate::db::now(),
    )
    .await?)
}

/// The group form's fields, as posted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupFields {
    pub name: String,
    pub description: String,
    pub region: String,
    pub language: String,
    pub member_limit: String,
}

#[cfg(feature = "ssr")]
fn validate(form: &GroupFields) -> Result<server::GroupInput, AppError> {
    use server::*;
    let mut c = Checker::default();
    let name = c.name("name", &form.name, NAME_MAX, false);
    c.no_contact("name", &name);
    let description = c.text("description", &form.description, DESCRIPTION_MAX, true);
    let region = form.region.trim().to_string();
    if !valid_place(&region) {
        c.fail("region", Msg::new(k::ERR_CHOOSE_ONE));
    }
    let language = c.choice::<crate::i18n::Locale>("language", &form.language);
    let member_limit = c.number("member_limit", &form.member_limit, LIMIT_MIN, LIMIT_MAX);
    let value = language.map(|language| GroupInput {
        name,
        description,
        region,
        language,
        member_limit,
    });
    c.finish(value)
}

/// Creates a group (empty `group_id`) or, by its organiser, changes it.
#[server(endpoint = "save_group")]
pub async fn save_group(
    #[server(default)] group_id: String,
    #[server(flatten)] form: GroupFields,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(PARTICIPANTS))?;
    let (name, back) = match group_id.trim() {
        "" => ("group-new".to_string(), "/groups#new".to_string()),
        _ => ("group".to_string(), id_path("/groups", &group_id)),
    };
    let result = async {
        let me = cx.me()?.id;
        let input = validate(&form)?;
        let now = crate::db::now();
        match group_id.trim() {
            "" => Ok(store::create(cx.pool(), me, &input, now).await?),
            raw => {
                let id = AppError::id(raw)?;
                store::update(cx.pool(), id, me, &input, now).await?;
                Ok(id)
            }
        }
    }
    .await;
    cx.finish(FormPost::refill(&name, &back, &form), result, |id| {
        (format!("/groups/{id}"), Some(Msg::new(k::GROUP_SAVED)))
    })
    .await
    .map(|_| ())
}

/// The meeting form's fields (`first_at` as a `datetime-local` input gives it, in the
/// organiser's zone; an empty frequency ends the meeting).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingFields {
    pub frequency: String,
    pub first_at: String,
    pub minutes: String,
    pub place: String,
}

#[server(endpoint = "schedule_group")]
pub async fn schedule_group(
    group_id: String,
    #[server(flatten)] form: MeetingFields,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(PARTICIPANTS))?;
    let back = id_path("/groups", &group_id);
    let result = async {
        let id = AppError::id(&group_id)?;
        let me = cx.me()?.id;
        let now = crate::db::now();
        let meeting = if form.frequency.trim().is_empty() {
            None
        } else {
            let mut c = Checker::default();
            let frequency = c.choice::<Frequency>("frequency", &form.frequency);
            let zone = cx.viewer.zone();
            let first_at = match crate::time::parse_datetime_local(&form.first_at, &zone) {
                // a series may have begun long ago; its first meeting lies within a year ahead
                Some(t) if t < now + FIRST_WITHIN_DAYS * 86_400 => Some(t),
                Some(_) => {
                    c.fail("first_at", Msg::new(k::GROUP_ERR_FIRST));
                    None
                }
                None => {
                    c.fail("first_at", Msg::new(k::LECTURE_ERR_TIME));
                    None
                }
            };
            let minutes = c.number(
                "minutes",
                &form.minutes,
                MEETING_MINUTES_MIN,
                MEETING_MINUTES_MAX,
            );
            let place = c.text("place", &form.place, PLACE_MAX, false);
            let zone = cx.viewer.zone_name();
            Some(
                c.finish(
                    frequency
                        .zip(first_at)
                        .map(|(frequency, first_at)| MeetingInput {
                            frequency,
                            first_at,
                            zone,
                            minutes,
                            place,
                        }),
                )?,
            )
        };
        Ok(store::schedule(cx.pool(), id, me, meeting.as_ref(), now).await?)
    }
    .await;
    cx.finish(FormPost::refill("meeting", &back, &form), result, |_| {
        (back.clone(), Some(Msg::new(k::GROUP_SCHEDULED)))
    })
    .await
}

#[server(endpoint = "join_group")]
pub async fn join_group(group_id: String) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(PARTICIPANTS))?;
    let back = id_path("/groups", &group_id);
    let result = async {
        let id = AppError::id(&group_id)?;
        Ok(store::join(cx.pool(), id, cx.me()?.id, crate::db::now()).await?)
    }
    .await;
    cx.finish(FormPost::new("membership", &back), result, |_| {
        (back.clone(), Some(Msg::new(k::GROUP_JOINED)))
    })
    .await
}

#[server(endpoint = "leave_group")]
pub async fn leave_group(group_id: String) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(PARTICIPANTS))?;
    let back = id_path("/groups", &group_id);
    let result = async {
        let id = AppError::id(&group_id)?;
        Ok(store::leave(cx.pool(), id, cx.me()?.id, crate::db::now()).await?)
    }
    .await;
    cx.finish(FormPost::new("membership", &back), result, |_| {
        ("/groups".into(), Some(Msg::new(k::GROUP_LEFT)))
    })
    .await
}

#[server(endpoint = "hand_over_group")]
pub async fn hand_over_group(
    group_id: String,
    #[server(default)] to: String,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(PARTICIPANTS))?;
    let back = id_path("/groups", &group_id);
    let result = async {
        let id = AppError::id(&group_id)?;
        let to =
            AppError::id(&to).map_err(|_| AppError::invalid("to", Msg::new(k::ERR_CHOOSE_ONE)))?;
        Ok(store::hand_over(cx.pool(), id, cx.me()?.id, to, crate::db::now()).await?)
    }
    .await;
    cx.finish(FormPost::new("hand-over", &back), result, |_| {
        (back.clone(), Some(Msg::new(k::GROUP_HANDED_OVER)))
    })
    .await
}

#[server(endpoint = "post_to_group")]
pub async fn post_to_group(
    group_id: String,
    #[server(flatten)] form: crate::form::BodyFields,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(PARTICIPANTS))?;
    let back = id_path("/groups", &group_id);
    let result = async {
        let id = AppError::id(&group_id)?;
        let mut c = Checker::default();
        let body = c.text("body", &form.body, POST_MAX, false);
        c.finish(Some(()))?;
        Ok(store::post(cx.pool(), id, cx.me()?.id, &body, crate::db::now()).await?)
    }
    .await;
    cx.finish(FormPost::refill("post", &back, &form), result, |post| {
        (format!("{back}#post-{post}"), None)
    })
    .await
    .map(|_| ())
}
