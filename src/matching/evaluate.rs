//! A check on a synthetic population (server only, no database): a seeded generator of mentors
//! and mentees whose pairs have a hidden "true" affinity, and the measures
//! `stem4all matching evaluate` prints:
//! - ranking: for each mentee, is her truly best mentor among the top 5 the fit score suggests
//!   (hit rate), and NDCG@5 against the true affinities; for the hand-set weights and for
//!   weights learned from simulated past outcomes;
//! - learning: held-out AUC of the learned model against the hand-set weights' on the same
//!   outcomes;
//! - cohort: the best-total-fit assignment against the greedy baseline (total fit, true
//!   affinity, share of mentees matched) and its running time.
//!
//! What it shows and what it cannot: the true affinity is a weighted sum of the score's own
//! criteria (goals and profile text among them, which the hand-set weights ignore) plus noise,
//! and past outcomes are random pairs; so it checks that the pieces work together (training
//! finds hidden weights, the solver beats greedy, the measures are computed right) and how
//! fast, not how well the platform will rank real people, whose outcomes carry selection and
//! the places they took.
use crate::accounts::profiles::{CareerStage, Language, Level, MentorFrom, Region};
use crate::form::Choice;
use crate::matching::model::learn::{self, Sample};
use crate::matching::text::{tokens, Index};
use crate::matching::{features, score_with, Features, Offer, Seeker, SkillRef, Weights};
use std::time::Instant;

/// The hidden weights of the true affinity (per criterion, `Criterion::ALL`'s order).
const TRUE_WEIGHTS: [f64; 6] = [0.35, 0.10, 0.05, 0.15, 0.05, 0.30];
const FIELDS: i64 = 10;
/// Words of each field's profiles and goals (English stems are enough for the measure).
const VOCABULARY: [&[&str]; 10] = [
    &[
        "software",
        "web",
        "code",
        "programming",
        "backend",
        "frontend",
    ],
    &[
        "energy",
        "hydropower",
        "solar",
        "grid",
        "renewable",
        "turbine",
    ],
    &[
        "biology",
        "genetics",
        "cells",
        "ecology",
        "laboratory",
        "microbes",
    ],
    &[
        "bridges",
        "structures",
        "concrete",
        "construction",
        "roads",
        "buildings",
    ],
    &[
        "mathematics",
        "statistics",
        "algebra",
        "proofs",
        "probability",
        "modelling",
    ],
    &[
        "geology",
        "mining",
        "minerals",
        "rocks",
        "earthquakes",
        "exploration",
    ],
    &[
        "physics",
        "chemistry",
        "materials",
        "optics",
        "reactions",
        "quantum",
    ],
    &[
        "electronics",
        "robots",
        "circuits",
        "sensors",
        "embedded",
        "automation",
    ],
    &[
        "medicine",
        "health",
        "nursing",
        "pharmacy",
        "epidemiology",
        "patients",
    ],
    &[
        "agriculture",
        "crops",
        "irrigation",
        "soil",
        "livestock",
        "farming",
    ],
];

/// A seeded generator (no dependency): xorshift64*.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// Roughly normal, mean 0, deviation 1 (sum of uniforms).
    fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.unit()).sum::<f64>() - 6.0
    }
}

fn skill(field: i64, j: i64) -> SkillRef {
    SkillRef {
        id: field * 100 + j,
        field_id: field,
        name: format!("skill {field}-{j}"),
        field_name: format!("field {field}"),
    }
}

fn languages(rng: &mut Rng) -> Vec<(Language, Level)> {
    let levels = [
        Level::Basic,
        Level::Conversational,
        Level::Fluent,
        Level::Native,
    ];
    let mut out = Vec::new();
    for (l, p) in [
        (Language::Ky, 0.75),
        (Language::Ru, 0.8),
        (Language::En, 0.4),
    ] {
        if rng.chance(p) {
            out.push((l, levels[1 + rng.below(3)]));
        }
    }
    if out.is_empty() {
        out.push((Language::Ru, Level::Fluent));
    }
    out
}

fn words(rng: &mut Rng, field: usize, n: usize) -> String {
    (0..n)
        .map(|_| {
            // mostly her field's words, some of another field's
            let f = if rng.chance(0.8) {
                field
            } else {
                rng.below(10)
            };
            VOCABULARY[f][rng.below(VOCABULARY[f].len())]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A mentor of the synthetic population.
pub struct Mentor {
    pub skills: Vec<SkillRef>,
    pub languages: Vec<(Language, Level)>,
    pub region: String,
    pub years: i64,
    pub capacity: i64,
    pub stages: Vec<CareerStage>,
    pub hours: Option<i64>,
    pub words: Vec<String>,
}

impl Mentor {
    fn offer(&self, text: f64) -> Offer<'_> {
        Offer {
            skills: &self.skills,
            languages: &self.languages,
            region: Some(&self.region),
            years: self.years,
            capacity: self.capacity,
            spots_left: self.capacity,
            open: true,
            approved: true,
            stages: &self.stages,
            hours: self.hours,
            text,
        }
    }
}

/// A synthetic population: mentees, mentors, each mentee's text similarities to every mentor,
/// and the hidden true affinity of every pair (`None`: no shared language).
pub struct Population {
    pub mentees: Vec<Seeker>,
    pub mentors: Vec<Mentor>,
    pub similar: Vec<Vec<f64>>,
    pub truth: Vec<Vec<Option<f64>>>,
}

impl Population {
    pub fn generate(seed: u64, mentees: usize, mentors: usize) -> Population {
        let mut rng = Rng::new(seed);
        // the oblasts and cities of Kyrgyzstan (abroad is a country of its own)
        let regions: Vec<&str> = Region::ALL
            .iter()
            .filter(|r| **r != Region::Abroad)
            .map(|r| r.code())
            .collect();
        let stages = [
            CareerStage::School,
            CareerStage::University,
            CareerStage::EarlyCareer,
            CareerStage::CareerChange,
        ];
        let place = |rng: &mut Rng| -> String {
            if rng.chance(0.2) {
                ["country:Germany", "country:Japan", "country:USA"][rng.below(3)].to_string()
            } else {
                regions[rng.below(regions.len())].to_string()
            }
        };
        let mentors: Vec<Mentor> = (0..mentors)
            .map(|_| {
                let field = rng.below(FIELDS as usize);
                let n = 2 + rng.below(3);
                let mut skills: Vec<SkillRef> = (0..n)
                    .map(|_| {
                        let f = if rng.chance(0.85) {
                            field
                        } else {
                            rng.below(10)
                        };
                        skill(f as i64, 1 + rng.below(5) as i64)
                    })
                    .collect();
                skills.sort_by_key(|s| s.id);
                skills.dedup_by_key(|s| s.id);
                let said: Vec<CareerStage> = if rng.chance(0.5) {
                    stages.iter().copied().filter(|_| rng.chance(0.5)).collect()
                } else {
                    Vec::new()
                };
                let capacity = 1 + rng.below(4) as i64;
                Mentor {
                    languages: languages(&mut rng),
                    region: place(&mut rng),
                    years: 1 + rng.below(20) as i64,
                    capacity,
                    stages: said,
                    hours: rng
                        .chance(0.5)
                        .then(|| capacity * (2 + rng.below(6) as i64)),
                    words: tokens(&words(&mut rng, field, 25)),
                    skills,
                }
            })
            .collect();
        let from = [
            MentorFrom::Either,
            MentorFrom::OwnRegion,
            MentorFrom::Abroad,
        ];
        let mentees: Vec<Seeker> = (0..mentees)
            .map(|_| {
                let field = rng.below(FIELDS as usize);
                let n = 1 + rng.below(3);
                let skills: Vec<SkillRef> = (0..n)
                    .map(|_| {
                        let f = if rng.chance(0.8) {
                            field
                        } else {
                            rng.below(10)
                        };
                        skill(f as i64, 1 + rng.below(5) as i64)
                    })
                    .collect();
                Seeker {
                    skills,
                    stage: Some(stages[rng.below(4)]),
                    region: Some(regions[rng.below(regions.len())].to_string()),
                    languages: languages(&mut rng),
                    mentor_from: if rng.chance(0.6) {
                        MentorFrom::Either
                    } else {
                        from[rng.below(3)]
                    },
                    hours: Some(2 + rng.below(6) as i64),
                    goals: tokens(&words(&mut rng, field, 8)),
                }
            })
            .collect();
        let index = Index::new(mentors.iter().map(|m| m.words.clone()));
        let similar: Vec<Vec<f64>> = mentees
            .iter()
            .map(|s| index.similarities(&s.goals))
            .collect();
        let truth = mentees
            .iter()
            .zip(&similar)
            .map(|(s, sims)| {
                mentors
                    .iter()
                    .zip(sims)
                    .map(|(m, sim)| {
                        let (x, _) = features(s, &m.offer(*sim));
                        (x[1] > 0.0).then(|| {
                            TRUE_WEIGHTS.iter().zip(&x).map(|(w, x)| w * x).sum::<f64>()
                                + 0.03 * rng.normal()
                        })
                    })
                    .collect()
            })
            .collect();
        Population {
            mentees,
            mentors,
            similar,
            truth,
        }
    }

    /// The features of a pair.
    pub fn features(&self, e: usize, m: usize) -> Features {
        features(&self.mentees[e], &self.mentors[m].offer(self.similar[e][m])).0
    }

    /// The fit score of every pair under some weights (`None`: ruled out).
    pub fn fits(&self, w: &Weights) -> Vec<Vec<Option<u8>>> {
        (0..self.mentees.len())
            .map(|e| {
                (0..self.mentors.len())
                    .map(|m| {
                        let offer = self.mentors[m].offer(self.similar[e][m]);
                        score_with(&self.mentees[e], &offer, w).map(|f| f.score)
                    })
                    .collect()
            })
            .collect()
    }

    /// Past outcomes: random pairs that share a language, good with a chance that grows with
    /// their true affinity.
    pub fn outcomes(&self, seed: u64, n: usize) -> Vec<(usize, usize, Sample)> {
        let mut rng = Rng::new(seed ^ 0xA5A5);
        let mut out = Vec::with_capacity(n);
        let mut tries = 0;
        while out.len() < n && tries < n * 20 {
            tries += 1;
            let (e, m) = (rng.below(self.mentees.len()), rng.below(self.mentors.len()));
            let Some(truth) = self.truth[e][m] else {
                continue;
            };
            let chance = 1.0 / (1.0 + (-(truth - 0.5) * 12.0).exp());
            out.push((
                e,
                m,
                Sample {
                    x: self.features(e, m),
                    good: rng.chance(chance),
                    weight: 1.0,
                },
            ));
        }
        out
    }
}

/// Hit rate of the true best mentor in the top 5, and NDCG@5 against the true affinities, when
/// mentors are ranked by `fits`.
pub fn ranking(pop: &Population, fits: &[Vec<Option<u8>>]) -> (f64, f64) {
    let mut hits = 0.0;
    let mut ndcg = 0.0;
    let mut counted = 0.0;
    for (e, row) in fits.iter().enumerate() {
        let truth = &pop.truth[e];
        let mut ideal: Vec<(usize, f64)> = truth
            .iter()
            .enumerate()
            .filter_map(|(m, t)| Some((m, (*t)?)))
            .collect();
        if ideal.is_empty() {
            continue;
        }
        ideal.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut ranked: Vec<(usize, u8)> = row
            .iter()
            .enumerate()
            .filter_map(|(m, f)| Some((m, (*f)?)))
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let top: Vec<usize> = ranked.iter().take(5).map(|r| r.0).collect();
        counted += 1.0;
        if top.contains(&ideal[0].0) {
            hits += 1.0;
        }
        let gain = |m: usize| truth[m].unwrap_or(0.0).max(0.0);
        let dcg: f64 = top
            .iter()
            .enumerate()
            .map(|(i, &m)| gain(m) / (i as f64 + 2.0).log2())
            .sum();
        let idcg: f64 = ideal
            .iter()
            .take(5)
            .enumerate()
            .map(|(i, &(_, t))| t.max(0.0) / (i as f64 + 2.0).log2())
            .sum();
        if idcg > 0.0 {
            ndcg += dcg / idcg;
        }
    }
    if counted == 0.0 {
        return (0.0, 0.0);
    }
    (hits / counted, ndcg / counted)
}

/// One evaluation's figures.
#[derive(Clone, Debug)]
pub struct Report {
    pub mentees: usize,
    pub mentors: usize,
    pub outcomes: usize,
    pub hand_ranking: (f64, f64),
    pub learned_ranking: (f64, f64),
    pub learned_weights: [f64; 6],
    pub hand_auc: Option<f64>,
    pub learned_auc: Option<f64>,
    /// (pairs, total fit, total true affinity) for the best-total-fit assignment and greedy.
    pub best: (usize, u64, f64),
    pub greedy: (usize, u64, f64),
    pub best_ms: f64,
    pub greedy_ms: f64,
}

/// The largest population `run` takes (mentees × mentors): its tables grow with the product.
pub const PAIRS_MAX: usize = 5_000_000;

/// Generates a population, learns from simulated outcomes (through the same training as the
/// platform's, `model::learn::train`), and measures everything. `None` when the population is
/// larger than [`PAIRS_MAX`] pairs or there is too little to learn from.
pub fn run(seed: u64, mentees: usize, mentors: usize, outcomes: usize) -> Option<Report> {
    if mentees.saturating_mul(mentors) > PAIRS_MAX {
        return None;
    }
    let pop = Population::generate(seed, mentees, mentors);
    let past: Vec<(i64, i64, Sample)> = pop
        .outcomes(seed, outcomes)
        .into_iter()
        .map(|(e, m, s)| (e as i64, m as i64, s))
        .collect();
    let trained = learn::train(&past).ok()?;
    let learned = trained.weights;
    let hand_fits = pop.fits(&Weights::HAND_SET);
    let learned_fits = pop.fits(&learned);
    let cohort = super::cohort::Cohort {
        fit: learned_fits.clone(),
        places: pop.mentors.iter().map(|m| m.capacity as u32).collect(),
    };
    let truth_of = |p: &super::cohort::Proposal| -> f64 {
        p.pairs
            .iter()
            .map(|&(e, m)| pop.truth[e][m].unwrap_or(0.0))
            .sum()
    };
    let t = Instant::now();
    let best = super::cohort::propose(&cohort, super::cohort::Objective::BestTotalFit);
    let best_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let greedy = super::cohort::greedy(&cohort);
    let greedy_ms = t.elapsed().as_secs_f64() * 1e3;
    Some(Report {
        mentees,
        mentors,
        outcomes: past.len(),
        hand_ranking: ranking(&pop, &hand_fits),
        learned_ranking: ranking(&pop, &learned_fits),
        learned_weights: learned.0,
        hand_auc: trained.hand_auc,
        learned_auc: trained.auc,
        best: (best.pairs.len(), best.total_fit, truth_of(&best)),
        greedy: (greedy.pairs.len(), greedy.total_fit, truth_of(&greedy)),
        best_ms,
        greedy_ms,
    })
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = |x: f64| format!("{:.1}%", 100.0 * x);
        let auc = |x: Option<f64>| x.map_or("-".into(), |x| format!("{x:.3}"));
        writeln!(
            f,
            "synthetic population: {} mentees, {} mentors; {} simulated past outcomes (1 in 5 held out)\n\
             (true affinity = the score's own criteria, other weights, plus noise: a check of the\n\
             pieces and their speed, not a forecast for real people)",
            self.mentees, self.mentors, self.outcomes
        )?;
        writeln!(f, "ranking (true best mentor in the top 5, NDCG@5):")?;
        writeln!(
            f,
            "  hand-set weights  hit rate {}  NDCG@5 {:.3}",
            pct(self.hand_ranking.0),
            self.hand_ranking.1
        )?;
        writeln!(
            f,
            "  learned weights   hit rate {}  NDCG@5 {:.3}",
            pct(self.learned_ranking.0),
            self.learned_ranking.1
        )?;
        let names = ["skills", "language", "place", "stage", "time", "text"];
        let w: Vec<String> = names
            .iter()
            .zip(self.learned_weights)
            .map(|(n, w)| format!("{n} {w:.0}"))
            .collect();
        writeln!(f, "  learned points: {}", w.join(", "))?;
        writeln!(
            f,
            "held-out outcomes: AUC learned {}, hand-set {}",
            auc(self.learned_auc),
            auc(self.hand_auc)
        )?;
        let share = |pairs: usize| pct(pairs as f64 / self.mentees.max(1) as f64);
        writeln!(f, "cohort (learned fits; places = each mentor's capacity):")?;
        writeln!(
            f,
            "  best total fit  {} pairs ({} matched), total fit {}, true affinity {:.1}, {:.1} ms",
            self.best.0,
            share(self.best.0),
            self.best.1,
            self.best.2,
            self.best_ms
        )?;
        writeln!(
            f,
            "  greedy          {} pairs ({} matched), total fit {} ({} of the optimum), true affinity {:.1}, {:.1} ms",
            self.greedy.0,
            share(self.greedy.0),
            self.greedy.1,
            pct(self.greedy.1 as f64 / self.best.1.max(1) as f64),
            self.greedy.2,
            self.greedy_ms
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_population_and_sane_figures() {
        let a = run(7, 120, 60, 800).unwrap();
        let b = run(7, 120, 60, 800).unwrap();
        assert!(run(7, 100_000, 1_000, 10).is_none(), "too large");
        assert_eq!(a.best, b.best);
        assert_eq!(a.learned_weights, b.learned_weights);
        for (hit, ndcg) in [a.hand_ranking, a.learned_ranking] {
            assert!((0.0..=1.0).contains(&hit) && (0.0..=1.0).contains(&ndcg));
        }
        // the assignment is optimal: greedy never beats it
        assert!(a.best.1 >= a.greedy.1);
        // the hidden affinity weighs the goals text, which the hand-set weights ignore: learning
        // finds it and ranks better
        assert!(a.learned_weights[5] > 5.0, "{:?}", a.learned_weights);
        assert!(a.learned_auc.unwrap() > a.hand_auc.unwrap(), "{a}");
        assert!(a.learned_ranking.1 > a.hand_ranking.1, "{a}");
        assert!(a.to_string().contains("NDCG@5"));
    }
}
