//! The profile form (mentor or mentee, by role), the public mentor page, the private mentee
//! page and the administrators' review queue.
use super::api::{
    get_mentee_profile, get_mentor_profile, load_profile_form, pending_mentors, ReviewMentor,
    SaveMenteeProfile, SaveMentorProfile,
};
use super::*;
use crate::i18n::{k, t, use_locale};
use crate::roadmaps::RoadmapSummary;
use crate::ui::form::{
    group_error, FormAlert, FormView, PendingForm, SelectField, TextArea, TextField,
    DANGER_BUTTON_CLASS,
};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::ui::form::choice_options as options;

pub fn place_text(place: &Option<Place>) -> String {
    place
        .as_ref()
        .map(|p| p.label(use_locale()))
        .unwrap_or_default()
}

fn languages_text(langs: &[(Language, Level)]) -> String {
    languages_label(use_locale(), langs)
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    view! {
        <PageTitle key=k::PROFILE_TITLE/>
        <Await future=load_profile_form() let:data>
            {match data.clone() {
                Ok(ProfileForm { taxonomy, mine: MyProfile::Mentor(p) }) => view! { <MentorForm taxonomy saved=p/> }.into_any(),
                Ok(ProfileForm { taxonomy, mine: MyProfile::Mentee(p) }) => view! { <MenteeForm taxonomy saved=p/> }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

/// Where she is: region (with district) or a country abroad.
fn place_fields(f: &FormView, saved: Option<&Place>) -> impl IntoView {
    view! {
        <SelectField form=f.clone() name="region" label=k::FIELD_REGION options={options::<Region>()}
            placeholder=k::FIELD_CHOOSE saved=saved.map(|p| p.region.code().to_string())/>
        <TextField form=f.clone() name="district" label=k::FIELD_DISTRICT hint=k::FIELD_DISTRICT_HINT required=false
            maxlength=DISTRICT_MAX saved=saved.map(|p| p.district.clone())/>
        <TextField form=f.clone() name="country" label=k::FIELD_COUNTRY hint=k::FIELD_COUNTRY_HINT required=false
            maxlength=COUNTRY_MAX saved=saved.map(|p| p.country.clone())/>
    }
}

/// One select per language: not spoken, or a level.
fn language_fields(f: &FormView, saved: &[(Language, Level)]) -> impl IntoView {
    let (described, error) = group_error(f, "languages");
    let invalid = described.is_some();
    view! {
        <fieldset class="mb-4 rounded-md border border-stone-300 p-3" aria-describedby=described aria-invalid=invalid.then_some("true")>
            <legend class="px-1 font-medium">{t(k::FIELD_LANGUAGES)}</legend>
            <p class="text-sm text-stone-600">{t(k::FIELD_LANGUAGES_HINT)}</p>
            <div class="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
                {Language::ALL.iter().map(|lang| {
                    let key = format!("lang:{}", lang.code());
                    let saved_level = saved.iter().find(|(l, _)| l == lang).map(|(_, v)| v.code().to_string());
                    let chosen = f.value_or(&key, saved_level);
                    let id = f.id(&key.replace(':', "-"), "input");
                    view! {
                        <div class="flex items-center justify-between gap-2">
                            <label for=id.clone()>{t(lang.label())}</label>
                            <select id=id name=format!("languages[{}]", lang.code()) class="rounded-md border border-stone-400 bg-white px-2 py-2">
                                <option value="">{t(k::LEVEL_NONE)}</option>
                                {Level::ALL.iter().map(|lv| {
                                    let selected = chosen == lv.code();
                                    view! { <option value=lv.code() selected=selected>{t(lv.label())}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view()}
            </div>
            {error}
        </fieldset>
    }
}

/// The career stages a mentor likes to mentor, as checkboxes (none ticked: anyone).
fn stage_fields(f: &FormView, saved: &[CareerStage]) -> impl IntoView {
    let chosen: Vec<CareerStage> = if f.refilled() {
        crate::accounts::profiles::stages_from_code(&f.value("stages"))
    } else {
        saved.to_vec()
    };
    let (described, error) = group_error(f, "stages");
    let invalid = described.is_some();
    view! {
        <fieldset class="mb-4 rounded-md border border-stone-300 p-3" aria-describedby=described aria-invalid=invalid.then_some("true")>
            <legend class="px-1 font-medium">{t(k::FIELD_STAGES_MENTOR)}</legend>
            <p class="text-sm text-stone-600">{t(k::FIELD_STAGES_MENTOR_HINT)}</p>
            <div class="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {CareerStage::ALL.iter().map(|s| {
                    let id = format!("stage-{}", s.code());
                    view! {
                        <span class="flex min-h-11 items-center gap-2">
                            <input id=id.clone() type="checkbox" name="stages[]" value=s.code() checked=chosen.contains(s) class="h-5 w-5"/>
                            <label for=id>{t(s.mentor_label())}</label>
                        </span>
                    }
                }).collect_view()}
            </div>
            {error}
        </fieldset>
    }
}

/// Checkboxes over the taxonomy, one group per field.
fn skill_fields(
    f: &FormView,
    taxonomy: Vec<FieldGroup>,
    saved: &[SkillName],
    legend: crate::i18n::Key,
) -> impl IntoView {
    let chosen: Vec<i64> = if f.refilled() {
        f.value("skills")
            .split(',')
            .filter_map(|s| s.parse().ok())
            .collect()
    } else {
        saved.iter().map(|s| s.id).collect()
    };
    let (described, error) = group_error(f, "skills");
    let invalid = described.is_some();
    view! {
        <fieldset class="mb-4 rounded-md border border-stone-300 p-3" aria-describedby=described aria-invalid=invalid.then_some("true")>
            <legend class="px-1 font-medium">{t(legend)}</legend>
            <p class="text-sm text-stone-600">{t(k::FIELD_SKILLS_HINT)}</p>
            {taxonomy.into_iter().map(|field| {
                let chosen = chosen.clone();
                view! {
                    <fieldset class="mt-3">
                        <legend class="text-sm font-semibold text-stone-800">{field.name}</legend>
                        <div class="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                            {field.skills.into_iter().map(|s| {
                                let id = format!("skill-{}", s.id);
                                let checked = chosen.contains(&s.id);
                                view! {
                                    <span class="flex min-h-11 items-center gap-2">
                                        <input id=id.clone() type="checkbox" name="skills[]" value=s.id.to_string() checked=checked class="h-5 w-5"/>
                                        <label for=id>{s.name}</label>
                                    </span>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                }
            }).collect_view()}
            {error}
        </fieldset>
    }
}

#[component]
fn MentorForm(taxonomy: Vec<FieldGroup>, saved: Option<MentorProfile>) -> impl IntoView {
    let f = FormView::new("mentor_profile");
    let s = saved.clone();
    let status_note = saved.as_ref().map(|p| {
        let (key, class) = match p.approval {
            Approval::Pending => (k::PROFILE_MENTOR_PENDING, "border-amber-300 bg-amber-50 text-amber-950"),
            Approval::Approved => (k::PROFILE_MENTOR_APPROVED, "border-emerald-300 bg-emerald-50 text-emerald-950"),
            Approval::Rejected => (k::PROFILE_MENTOR_REJECTED, "border-red-300 bg-red-50 text-red-950"),
        };
        let reason = p.review_reason.clone().filter(|_| p.approval == Approval::Rejected);
        let change = p.draft.is_some().then(|| view! {
            <p class="mt-2 font-medium" data-testid="change-waits">{t(k::PROFILE_CHANGE_WAITS)}</p>
        });
        let change_refused = p.draft_reason.clone().filter(|_| p.draft.is_none()).map(|r| view! {
            <p class="mt-2">{t(k::PROFILE_CHANGE_REFUSED)}</p>
            <p class="mt-1 whitespace-pre-line">{r}</p>
        });
        view! {
            <div class=format!("mb-4 rounded-md border p-3 {class}") data-testid="profile-status">
                <p>{t(key)}</p>
                {reason.map(|r| view! { <p class="mt-1 whitespace-pre-line">{r}</p> })}
                {change}
                {change_refused}
                <p class="mt-1"><a class="underline" href=format!("/mentors/{}", p.account_id)>{t(k::PROFILE_VIEW_PUBLIC)}</a></p>
            </div>
        }
    });
    // the form shows her waiting change, not the approved texts others still see
    let texts = saved.as_ref().map(|p| {
        p.draft.clone().unwrap_or_else(|| MentorTexts {
            organisation: p.organisation.clone(),
            title: p.title.clone(),
            bio: p.bio.clone(),
            style: p.style.clone(),
        })
    });
    view! {
        <h1 class="text-2xl font-bold">{t(k::PROFILE_MENTOR_HEADING)}</h1>
        <p class="mb-4 mt-1 text-stone-700">{t(k::PROFILE_MENTOR_LEAD)}</p>
        {status_note}
        <FormAlert form=f.clone()/>
        <PendingForm action=SaveMentorProfile::PATH.to_string() label=t(k::PROFILE_SAVE).to_string() pending=t(k::PROFILE_SAVING).to_string()>
            <TextField form=f.clone() name="organisation" label=k::FIELD_ORGANISATION maxlength=ORG_MAX saved=texts.as_ref().map(|x| x.organisation.clone())/>
            <TextField form=f.clone() name="title" label=k::FIELD_JOB_TITLE maxlength=TITLE_MAX saved=texts.as_ref().map(|x| x.title.clone())/>
            <TextField form=f.clone() name="years_experience" label=k::FIELD_YEARS kind="number" saved=s.as_ref().map(|p| p.years_experience.to_string())/>
            <TextField form=f.clone() name="capacity" label=k::FIELD_CAPACITY hint=k::FIELD_CAPACITY_HINT kind="number"
                saved=Some(s.as_ref().map(|p| p.capacity).unwrap_or(2).to_string())/>
            <SelectField form=f.clone() name="status" label=k::FIELD_MENTOR_STATUS options={options::<MentorStatus>()}
                saved=Some(s.as_ref().map(|p| p.status).unwrap_or(MentorStatus::Open).code().to_string())/>
            {stage_fields(&f, s.as_ref().map(|p| p.stages.as_slice()).unwrap_or_default())}
            <TextField form=f.clone() name="hours_per_month" label=k::FIELD_MENTOR_HOURS hint=k::FIELD_MENTOR_HOURS_HINT kind="number" required=false
                saved=s.as_ref().and_then(|p| p.hours_per_month).map(|h| h.to_string())/>
            {place_fields(&f, s.as_ref().and_then(|p| p.place.as_ref()))}
            {language_fields(&f, s.as_ref().map(|p| p.languages.as_slice()).unwrap_or_default())}
            {skill_fields(&f, taxonomy, s.as_ref().map(|p| p.skills.as_slice()).unwrap_or_default(), k::FIELD_SKILLS_MENTOR)}
            <TextArea form=f.clone() name="bio" label=k::FIELD_BIO hint=k::FIELD_BIO_HINT maxlength=BIO_MAX saved=texts.as_ref().map(|x| x.bio.clone())/>
            <TextArea form=f.clone() name="style" label=k::FIELD_STYLE hint=k::FIELD_STYLE_HINT maxlength=STYLE_MAX required=false saved=texts.as_ref().map(|x| x.style.clone())/>
        </PendingForm>
    }
}

#[component]
fn MenteeForm(taxonomy: Vec<FieldGroup>, saved: Option<MenteeProfile>) -> impl IntoView {
    let f = FormView::new("mentee_profile");
    let s = saved.clone();
    view! {
        <h1 class="text-2xl font-bold">{t(k::PROFILE_MENTEE_HEADING)}</h1>
        <p class="mb-4 mt-1 text-stone-700">{t(k::PROFILE_MENTEE_PRIVACY)}</p>
        <FormAlert form=f.clone()/>
        <PendingForm action=SaveMenteeProfile::PATH.to_string() label=t(k::PROFILE_SAVE).to_string() pending=t(k::PROFILE_SAVING).to_string()>
            <SelectField form=f.clone() name="age_band" label=k::FIELD_AGE_BAND hint=k::FIELD_AGE_BAND_HINT options={options::<AgeBand>()}
                placeholder=k::FIELD_CHOOSE saved=s.as_ref().map(|p| p.age_band.code().to_string())/>
            <SelectField form=f.clone() name="career_stage" label=k::FIELD_CAREER_STAGE options={options::<CareerStage>()}
                placeholder=k::FIELD_CHOOSE saved=s.as_ref().map(|p| p.career_stage.code().to_string())/>
            <TextArea form=f.clone() name="goals" label=k::FIELD_GOALS hint=k::FIELD_GOALS_HINT maxlength=GOALS_MAX saved=s.as_ref().map(|p| p.goals.clone())/>
            {skill_fields(&f, taxonomy, s.as_ref().map(|p| p.skills.as_slice()).unwrap_or_default(), k::FIELD_SKILLS_MENTEE)}
            {language_fields(&f, s.as_ref().map(|p| p.languages.as_slice()).unwrap_or_default())}
            {place_fields(&f, s.as_ref().and_then(|p| p.place.as_ref()))}
            <SelectField form=f.clone() name="mentor_from" label=k::FIELD_MENTOR_FROM options={options::<MentorFrom>()}
                saved=Some(s.as_ref().map(|p| p.mentor_from).unwrap_or(MentorFrom::Either).code().to_string())/>
            <SelectField form=f.clone() name="meeting_format" label=k::FIELD_MEETING_FORMAT options={options::<MeetingFormat>()}
                saved=Some(s.as_ref().map(|p| p.meeting_format).unwrap_or(MeetingFormat::Online).code().to_string())/>
            <TextField form=f.clone() name="hours_per_month" label=k::FIELD_HOURS kind="number" hint=k::FIELD_HOURS_HINT
                saved=Some(s.as_ref().map(|p| p.hours_per_month).unwrap_or(4).to_string())/>
        </PendingForm>
    }
}

/// A person's skills as a row of chips.
fn skill_chips(skills: &[SkillName]) -> impl IntoView {
    let chips = skills
        .iter()
        .map(|s| view! { <li class="rounded-full bg-fuchsia-100 px-3 py-1 text-sm text-fuchsia-950">{s.name.clone()}</li> })
        .collect_view();
    view! { <ul class="mt-2 flex flex-wrap gap-2">{chips}</ul> }
}

/// The public mentor page. `ask` renders what a mentee may do about her (given her id), shown to
/// a signed-in mentee while the mentor is approved and open; the composition root (`app.rs`)
/// passes mentoring's request form, so this area reaches into no other area's `ui`.
#[component]
pub fn MentorPage(ask: fn(i64) -> AnyView) -> impl IntoView {
    let id = crate::ui::param_id();
    view! {
        <Await future=get_mentor_profile(id) let:data>
            {match data.clone() {
                Ok(MentorPageView { profile: p, reported }) => {
                    let can_ask = crate::auth::use_viewer().user.is_some_and(|u| u.role == crate::auth::Role::Mentee)
                        && p.approval == Approval::Approved
                        && p.status == MentorStatus::Open;
                    let id = p.account_id;
                    let may_report = crate::auth::use_viewer().user.is_some_and(|u| u.id != id)
                        && p.approval == Approval::Approved
                        && crate::safeguard::shown(&p.bio).is_none();
                    view! {
                        <PageTitle key=k::PROFILE_MENTOR_PAGE/>
                        <MentorCard p=p/>
                        {can_ask.then(|| ask(id))}
                        {may_report.then(|| crate::moderation::ui::report_form(crate::moderation::ItemKind::MentorProfile, id, reported))}
                    }.into_any()
                }
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

#[component]
fn MentorCard(p: MentorProfile) -> impl IntoView {
    let years = crate::i18n::use_locale().count(k::PROFILE_YEARS, p.years_experience);
    let capacity = crate::i18n::fill(t(k::PROFILE_CAPACITY), &[("n", &p.capacity.to_string())]);
    view! {
        <article>
            <h1 class="text-2xl font-bold">{p.display_name.clone()}</h1>
            <p class="text-stone-700">{p.title.clone()}" · "{p.organisation.clone()}</p>
            {(p.approval != Approval::Approved).then(|| view! {
                <p class="mt-2 inline-block rounded bg-amber-100 px-2 py-1 text-sm text-amber-950">{t(p.approval.label())}</p>
            })}
            {(p.status == MentorStatus::Paused).then(|| view! {
                <p class="mt-2 inline-block rounded bg-stone-200 px-2 py-1 text-sm">{t(k::PROFILE_PAUSED)}</p>
            })}
            <dl class="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
                <dt class="font-medium">{t(k::FIELD_REGION)}</dt><dd>{place_text(&p.place)}</dd>
                <dt class="font-medium">{t(k::FIELD_LANGUAGES)}</dt><dd>{languages_text(&p.languages)}</dd>
                <dt class="font-medium">{t(k::FIELD_YEARS)}</dt><dd>{years}</dd>
                <dt class="font-medium">{t(k::FIELD_CAPACITY)}</dt><dd>{capacity}</dd>
                {(!p.stages.is_empty()).then(|| view! {
                    <dt class="font-medium">{t(k::FIELD_STAGES_MENTOR)}</dt>
                    <dd>{p.stages.iter().map(|s| t(s.mentor_label())).collect::<Vec<_>>().join(", ")}</dd>
                })}
                {p.hours_per_month.map(|h| view! {
                    <dt class="font-medium">{t(k::FIELD_MENTOR_HOURS)}</dt>
                    <dd>{crate::i18n::use_locale().count(k::PROFILE_HOURS, h)}</dd>
                })}
            </dl>
            <h2 class="mt-6 text-lg font-bold">{t(k::FIELD_SKILLS_MENTOR)}</h2>
            {skill_chips(&p.skills)}
            <h2 class="mt-6 text-lg font-bold">{t(k::FIELD_BIO)}</h2>
            <p class="mt-2 whitespace-pre-line">{crate::ui::readable(&p.bio)}</p>
            {(!p.style.is_empty()).then(|| view! {
                <h2 class="mt-6 text-lg font-bold">{t(k::FIELD_STYLE)}</h2>
                <p class="mt-2 whitespace-pre-line">{p.style.clone()}</p>
            })}
        </article>
    }
}

/// The private mentee page (her, her mentors, administrators). `roadmaps` renders her public
/// roadmaps; the composition root (`app.rs`) passes roadmaps' list.
#[component]
pub fn MenteePage(roadmaps: fn(Vec<RoadmapSummary>) -> AnyView) -> impl IntoView {
    let id = crate::ui::param_id();
    view! {
        <Await future=get_mentee_profile(id) let:data>
            {match data.clone() {
                Ok(p) => view! {
                    <PageTitle key=k::PROFILE_MENTEE_PAGE/>
                    <article>
                        <h1 class="text-2xl font-bold">{p.display_name.clone()}</h1>
                        <p class="mt-1 text-sm text-stone-700">{t(k::PROFILE_MENTEE_PRIVACY)}</p>
                        <dl class="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
                            <dt class="font-medium">{t(k::FIELD_CAREER_STAGE)}</dt><dd>{t(p.career_stage.label())}</dd>
                            <dt class="font-medium">{t(k::FIELD_AGE_BAND)}</dt><dd>{t(p.age_band.label())}</dd>
                            <dt class="font-medium">{t(k::FIELD_REGION)}</dt><dd>{place_text(&p.place)}</dd>
                            <dt class="font-medium">{t(k::FIELD_LANGUAGES)}</dt><dd>{languages_text(&p.languages)}</dd>
                            <dt class="font-medium">{t(k::FIELD_MENTOR_FROM)}</dt><dd>{t(p.mentor_from.label())}</dd>
                            <dt class="font-medium">{t(k::FIELD_MEETING_FORMAT)}</dt><dd>{t(p.meeting_format.label())}</dd>
                            <dt class="font-medium">{t(k::FIELD_HOURS)}</dt><dd>{p.hours_per_month}</dd>
                        </dl>
                        <h2 class="mt-6 text-lg font-bold">{t(k::FIELD_SKILLS_MENTEE)}</h2>
                        {skill_chips(&p.skills)}
                        <h2 class="mt-6 text-lg font-bold">{t(k::FIELD_GOALS)}</h2>
                        <p class="mt-2 whitespace-pre-line">{p.goals.clone()}</p>
                        {(!p.public_roadmaps.is_empty()).then(|| view! {
                            <h2 class="mt-6 text-lg font-bold">{t(k::ROADMAP_TITLE)}</h2>
                            {roadmaps(p.public_roadmaps.clone())}
                        })}
                        {crate::auth::use_viewer().user.is_some_and(|u| u.role == crate::auth::Role::Admin).then(|| {
                            let f = FormView::new("mentors_allowed");
                            view! {
                                <section aria-labelledby="allowed-h" class="mt-8 rounded-md border border-stone-300 p-3">
                                    <h2 id="allowed-h" class="text-lg font-bold">{t(k::ALLOWED_TITLE)}</h2>
                                    <p class="mt-1 text-sm text-stone-700">{t(k::ALLOWED_LEAD)}</p>
                                    <FormAlert form=f.clone()/>
                                    <PendingForm action=crate::mentoring::requests::api::AllowMentors::PATH.to_string()
                                        label=t(k::ALLOWED_SAVE).to_string() pending=t(k::PROFILE_SAVING).to_string()>
                                        <input type="hidden" name="mentee_id" value=p.account_id.to_string()/>
                                        <label for="allowed" class="block font-medium">{t(k::ALLOWED_LABEL)}</label>
                                        <select id="allowed" name="allowed" class="mb-3 mt-1 block min-h-11 rounded-md border border-stone-400 bg-white px-3">
                                            {(1..=3).map(|n| view! { <option value=n.to_string() selected=Some(n) == p.mentors_allowed>{n}</option> }).collect_view()}
                                        </select>
                                    </PendingForm>
                                </section>
                            }
                        })}
                    </article>
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <PageTitle key=k::REVIEW_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::REVIEW_TITLE)}</h1>
        <Await future=pending_mentors() let:data>
            {match data.clone() {
                Ok(list) if list.is_empty() => view! { <p class="mt-4">{t(k::REVIEW_EMPTY)}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="mt-4 space-y-4">
                        {list.into_iter().map(|pm| {
                            let p = pm.profile;
                            let id = p.account_id;
                            // which version of her change this page shows (approving a later one is refused)
                            let seen = pm.draft_at.map(|t| t.to_string()).unwrap_or_default();
                            let (seen_approve, seen_reject) = (seen.clone(), seen);
                            let f = FormView::new(format!("review_{id}"));
                            let reject_id = format!("reject-{id}");
                            let (described, error) = group_error(&f, "reason");
                            let submitted = crate::i18n::fill(t(k::REVIEW_SUBMITTED), &[("date", &locale.date(pm.updated_at))]);
                            view! {
                                <li class="rounded-lg border border-stone-200 bg-white p-4">
                                    <h2 class="text-lg font-semibold"><a class="underline" href=format!("/mentors/{id}")>{p.display_name.clone()}</a></h2>
                                    <p class="text-stone-700">{p.title.clone()}" · "{p.organisation.clone()}</p>
                                    <p class="text-sm text-stone-600">{submitted}</p>
                                    <p class="mt-2 text-sm">{p.skills.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(", ")}</p>
                                    {match p.draft.clone() {
                                        // an approved profile's change: what others see now, and what would replace it
                                        Some(d) => view! {
                                            <div class="mt-2 grid gap-2 sm:grid-cols-2" data-testid="profile-change">
                                                <div>
                                                    <h3 class="text-sm font-semibold">{t(k::REVIEW_CHANGE_NOW)}</h3>
                                                    <p class="whitespace-pre-line text-sm">{p.bio.clone()}</p>
                                                    {(!p.style.is_empty()).then(|| view! { <p class="mt-1 whitespace-pre-line text-sm">{p.style.clone()}</p> })}
                                                </div>
                                                <div>
                                                    <h3 class="text-sm font-semibold">{t(k::REVIEW_CHANGE_NEW)}</h3>
                                                    <p class="text-sm text-stone-700">{d.title.clone()}" · "{d.organisation.clone()}</p>
                                                    <p class="whitespace-pre-line text-sm">{d.bio.clone()}</p>
                                                    {(!d.style.is_empty()).then(|| view! { <p class="mt-1 whitespace-pre-line text-sm">{d.style.clone()}</p> })}
                                                </div>
                                            </div>
                                        }.into_any(),
                                        None => view! { <p class="mt-2 line-clamp-3 whitespace-pre-line">{p.bio.clone()}</p> }.into_any(),
                                    }}
                                    <FormAlert form=f.clone()/>
                                    <div class="mt-3 flex flex-col gap-3">
                                        <PendingForm action=ReviewMentor::PATH.to_string() label=t(k::REVIEW_APPROVE).to_string() pending=t(k::REVIEW_WORKING).to_string()>
                                            <input type="hidden" name="account_id" value=id.to_string()/>
                                            <input type="hidden" name="decision" value="approve"/>
                                            <input type="hidden" name="seen" value=seen_approve.clone()/>
                                        </PendingForm>
                                        <PendingForm action=ReviewMentor::PATH.to_string() label=t(k::REVIEW_REJECT).to_string() pending=t(k::REVIEW_WORKING).to_string()
                                            button_class=DANGER_BUTTON_CLASS.to_string()>
                                            <input type="hidden" name="account_id" value=id.to_string()/>
                                            <input type="hidden" name="decision" value="reject"/>
                                            <input type="hidden" name="seen" value=seen_reject.clone()/>
                                            <label for=reject_id.clone() class="block font-medium">{t(k::REVIEW_REASON)}</label>
                                            <textarea id=reject_id name="reason" rows="2" maxlength=REASON_MAX aria-describedby=described
                                                class="mt-1 mb-2 block w-full rounded-md border border-stone-400 bg-white px-3 py-2">{f.value("reason")}</textarea>
                                            {error}
                                        </PendingForm>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}
