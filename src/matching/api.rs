//! Server functions for discovery: finding a mentor.
use super::{DiscoverPage, Filters};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub fn reason_text(locale: crate::i18n::Locale, r: &crate::matching::Reason) -> String {
    use crate::accounts::profiles::Place;
    use crate::form::Choice;
    use crate::i18n::k;
    use crate::matching::Reason;
    match r {
        Reason::SharesSkill(s) => locale.tf(k::REASON_SHARES_SKILL, &[("skill", s)]),
        Reason::SameField(f) => locale.tf(k::REASON_SAME_FIELD, &[("field", f)]),
        Reason::Speaks(l) => locale.tf(k::REASON_SPEAKS, &[("language", locale.t(l.label()))]),
        Reason::SameRegion(code) => {
            let place = Place::from_stored(Some(code), None)
                .map(|p| p.label(locale))
                .unwrap_or_default();
            locale.tf(k::REASON_SAME_REGION, &[("region", &place)])
        }
        Reason::International => locale.t(k::REASON_INTERNATIONAL).to_string(),
        Reason::Experienced(y) => locale.count(k::REASON_EXPERIENCED, *y),
        Reason::LikesStage => locale.t(k::REASON_LIKES_STAGE).to_string(),
        Reason::Hours(h) => locale.count(k::REASON_HOURS, *h),
        Reason::Goals => locale.t(k::REASON_GOALS).to_string(),
    }
}

/// Approved mentors for any signed-in person; sorted by fit for a mentee with a profile.
#[server(endpoint = "discover_mentors")]
pub async fn discover_mentors(
    #[server(default)] filters: Filters,
) -> Result<DiscoverPage, AppError> {
    use super::{store, MentorCard, PAGE_SIZE, QUERY_MAX};
    use crate::accounts::profiles::{languages_label, Place};
    use crate::auth::{guard::*, Role};
    use crate::matching::score_with;
    let cx = guard(Access::SignedIn)?;
    let me = cx.me()?;
    let locale = cx.viewer.locale;
    let mut f = filters;
    f.q = f.q.trim().chars().take(QUERY_MAX).collect();

    let mentee = (me.role == Role::Mentee).then_some(me.id);
    let memo = cx.state.caches.get::<store::LookMemo>();
    let store::Look {
        version,
        seeker,
        weights,
        excluded,
    } = store::look(cx.pool(), &memo, mentee, locale).await?;
    let all = cx
        .state
        .caches
        .get::<super::store::DiscoveryCache>()
        .all(cx.pool(), locale, version)
        .await?;
    let found: Option<std::collections::HashSet<i64>> = store::search_ids(cx.pool(), &f.q)
        .await?
        .map(|ids| ids.into_iter().collect());
    // how much each mentor's profile speaks to her goals (the text criterion)
    let similar = seeker
        .as_ref()
        .map(|s| all.index.similarities(&s.goals))
        .unwrap_or_default();
    let candidates = all
        .all
        .iter()
        .enumerate()
        .filter(|(_, c)| store::matches(c, &f) && !excluded.contains(&c.id))
        .filter(|(_, c)| {
            found
                .as_ref()
                .is_none_or(|ids| ids.contains(&c.id) || store::name_matches(&c.name, &f.q))
        });
    let mut rows: Vec<(Option<crate::matching::Fit>, &store::Candidate)> = candidates
        .filter(|(_, c)| f.include_full || (c.open && c.spots_left() > 0))
        .map(|(i, c)| {
            let offer = crate::matching::Offer {
                text: similar.get(i).copied().unwrap_or(0.0),
                ..c.offer()
            };
            (
                seeker
                    .as_ref()
                    .and_then(|s| score_with(s, &offer, &weights)),
                c,
            )
        })
        .collect();
    rows.sort_by(|a, b| {
        let sa = a.0.as_ref().map(|f| f.score as i32).unwrap_or(-1);
        let sb = b.0.as_ref().map(|f| f.score as i32).unwrap_or(-1);
        sb.cmp(&sa).then_with(|| a.1.name.cmp(&b.1.name))
    });
    let total = rows.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = f.page.clamp(1, pages);
    let shown: Vec<_> = rows
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .collect();
    let reply_text = |c: &store::Candidate| {
        use crate::i18n::k;
        match c.reply_seconds.map(store::reply_days) {
            None => locale.t(k::DISCOVER_REPLIES_NEW).to_string(),
            Some(d) if d <= 1 => locale.t(k::DISCOVER_REPLIES_DAY).to_string(),
            Some(d) => locale.count(k::DISCOVER_REPLIES, d),
        }
    };
    let cards = shown
        .into_iter()
        .map(|(fit, c)| MentorCard {
            replies: reply_text(c),
            id: c.id,
            place: Place::from_stored(c.region.as_deref(), c.district.as_deref())
                .map(|p| p.label(locale))
                .unwrap_or_default(),
            languages: languages_label(locale, &c.languages),
            skills: c.skills.iter().map(|s| s.name.clone()).collect(),
            spots_left: c.spots_left(),
            capacity: c.capacity,
            open: c.open,
            score: fit.as_ref().map(|f| f.score),
            reasons: fit
                .map(|f| f.reasons.iter().map(|r| reason_text(locale, r)).collect())
                .unwrap_or_default(),
            name: c.name.clone(),
            title: c.title.clone(),
            organisation: c.organisation.clone(),
        })
        .collect();
    Ok(DiscoverPage {
        cards,
        total,
        page,
        pages,
        scored: seeker.is_some(),
    })
}

/// The same search for the discovery island: the result cards rendered on the server (with the
/// page's own `results_section`) and the count, so the browser renders nothing itself.
#[server(endpoint = "discover_results")]
pub async fn discover_results(
    #[server(default)] filters: Filters,
) -> Result<super::ui::DiscoverFragment, AppError> {
    let f = filters.clone();
    let page = discover_mentors(filters).await?;
    let html = crate::ui::render_fragment(|| super::ui::results_section(&page, &f));
    Ok(super::ui::DiscoverFragment {
        total: page.total,
        html,
    })
}
