//! Logistic regression over the fit score's criteria, in plain Rust: the chance that a pair
//! works out as a function of how well it meets each criterion (`matching::features`), learned
//! from past outcomes by gradient descent with a little L2 shrinkage; the weights it gives the
//! fit score ([`Weights::learned`]); and the measures a new version is judged by on pairs it
//! did not learn from, taken on the weights that will rank (AUC, accuracy), beside the
//! hand-set weights' AUC on the same pairs.
use crate::matching::{Features, Weights, AVAILABILITY};

/// A past pair: how it met each criterion, whether it worked out, and how much it counts (a
/// mentor with very many outcomes counts no more than a few: one who declines everybody
/// cannot steer everyone's ranking).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    pub x: Features,
    pub good: bool,
    pub weight: f64,
}

pub use super::MIN_OUTCOMES;
/// A version is put in use by the nightly run only when its held-out pairs hold at least this
/// many of each kind (fewer, and its AUC says little).
pub const HELD_EACH_MIN: usize = 10;

/// Why no version came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotTrained {
    TooFew,
    OneKind,
    NoSignal,
}

/// A trained version before it is stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Trained {
    pub weights: Weights,
    /// The learned weights' AUC and accuracy on the held-out pairs.
    pub auc: Option<f64>,
    pub accuracy: Option<f64>,
    /// The hand-set weights' AUC on the same pairs.
    pub hand_auc: Option<f64>,
    /// The pairs it learned from, by kind, and the held-out ones.
    pub good: usize,
    pub bad: usize,
    pub held_good: usize,
    pub held_bad: usize,
}

/// Trains on past pairs (with the ids that pick the held-out ones). Availability is left out of
/// learning and of the measures: the places past pairs took are what makes them look scarce
/// now ([`Weights::learned`] keeps its hand-set points).
pub fn train(data: &[(i64, i64, Sample)]) -> Result<Trained, NotTrained> {
    if data.len() < MIN_OUTCOMES {
        return Err(NotTrained::TooFew);
    }
    let blind = |s: &Sample| {
        let mut s = *s;
        s.x[AVAILABILITY] = 0.0;
        s
    };
    let (held, learn_from): (Vec<Sample>, Vec<Sample>) = {
        let (h, l): (Vec<_>, Vec<_>) = data.iter().partition(|(e, m, _)| held_out(*e, *m));
        (
            h.into_iter().map(|(_, _, s)| blind(&s)).collect(),
            l.into_iter().map(|(_, _, s)| blind(&s)).collect(),
        )
    };
    let good = learn_from.iter().filter(|s| s.good).count();
    let bad = learn_from.len() - good;
    if good == 0 || bad == 0 {
        return Err(NotTrained::OneKind);
    }
    let fitted = fit(&learn_from, 1e-3, 3_000);
    let weights = Weights::learned(fitted.coef).ok_or(NotTrained::NoSignal)?;
    // the threshold on points that sorts the learning pairs best, then used on the held-out
    let threshold = best_threshold(
        &learn_from
            .iter()
            .map(|s| (weights.points(&s.x), s.good))
            .collect::<Vec<_>>(),
    );
    let scored = |w: &Weights| -> Vec<(f64, bool)> {
        held.iter().map(|s| (w.points(&s.x), s.good)).collect()
    };
    let learned = scored(&weights);
    let accuracy = (!learned.is_empty()).then(|| {
        let right = learned
            .iter()
            .filter(|(p, good)| (*p >= threshold) == *good)
            .count();
        right as f64 / learned.len() as f64
    });
    let held_good = held.iter().filter(|s| s.good).count();
    Ok(Trained {
        auc: auc(&learned),
        accuracy,
        hand_auc: auc(&scored(&Weights::HAND_SET)),
        weights,
        good,
        bad,
        held_good,
        held_bad: held.len() - held_good,
    })
}

/// The points at or above which a pair is called good, chosen to get the most pairs right.
fn best_threshold(scored: &[(f64, bool)]) -> f64 {
    let mut sorted = scored.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    // everything called good, then each cut in turn
    let mut right = sorted.iter().filter(|s| s.1).count();
    let (mut best, mut at) = (right, f64::NEG_INFINITY);
    for (i, (p, good)) in sorted.iter().enumerate() {
        if *good {
            right -= 1;
        } else {
            right += 1;
        }
        let next = sorted.get(i + 1).map_or(f64::INFINITY, |n| n.0);
        if next > *p && right > best {
            best = right;
            at = next;
        }
    }
    at
}

/// A learned model: one coefficient per criterion and the intercept.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fitted {
    pub coef: [f64; 6],
    pub bias: f64,
}

impl Fitted {
    /// The chance, 0 to 1, that a pair with these features works out.
    pub fn chance(&self, x: &Features) -> f64 {
        let z: f64 = self.bias + self.coef.iter().zip(x).map(|(w, x)| w * x).sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// Full-batch gradient descent on the mean log loss plus `l2` × |coef|² / 2 (the intercept not
/// shrunk). Features are 0 to 1, so a fixed step converges; the classes are weighted so that
/// few positives among many negatives still count.
pub fn fit(samples: &[Sample], l2: f64, rounds: usize) -> Fitted {
    let mut m = Fitted {
        coef: [0.0; 6],
        bias: 0.0,
    };
    if samples.is_empty() {
        return m;
    }
    let weigh = |good: bool| -> f64 {
        samples
            .iter()
            .filter(|s| s.good == good)
            .map(|s| s.weight)
            .sum::<f64>()
            .max(1e-9)
    };
    let (good, bad) = (weigh(true), weigh(false));
    let n = good + bad;
    let (w_good, w_bad) = (n / (2.0 * good), n / (2.0 * bad));
    const STEP: f64 = 1.0;
    for _ in 0..rounds {
        let mut grad = [0.0; 6];
        let mut grad_bias = 0.0;
        for s in samples {
            let (y, weight) = if s.good { (1.0, w_good) } else { (0.0, w_bad) };
            let e = s.weight * weight * (m.chance(&s.x) - y);
            for (g, x) in grad.iter_mut().zip(&s.x) {
                *g += e * x;
            }
            grad_bias += e;
        }
        for (c, g) in m.coef.iter_mut().zip(grad) {
            *c -= STEP * (g / n + l2 * *c);
        }
        m.bias -= STEP * grad_bias / n;
    }
    m
}

/// The area under the ROC curve: the chance that a good pair is ranked above a bad one (ties
/// count a half). `None` without both kinds.
pub fn auc(scored: &[(f64, bool)]) -> Option<f64> {
    let mut sorted: Vec<(f64, bool)> = scored.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let good = sorted.iter().filter(|s| s.1).count() as f64;
    let bad = sorted.len() as f64 - good;
    if good == 0.0 || bad == 0.0 {
        return None;
    }
    // the sum of the good pairs' ranks (1-based, ties share their mean rank)
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j + 1 < sorted.len() && sorted[j + 1].0 == sorted[i].0 {
            j += 1;
        }
        let mean_rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += mean_rank * sorted[i..=j].iter().filter(|s| s.1).count() as f64;
        i = j + 1;
    }
    Some((rank_sum - good * (good + 1.0) / 2.0) / (good * bad))
}

/// Whether a pair is held out of training (about one in five, the same pairs every time).
pub fn held_out(mentee_id: i64, mentor_id: i64) -> bool {
    (mentee_id.wrapping_mul(7_919) ^ mentor_id.wrapping_mul(104_729)).rem_euclid(5) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A seeded generator (no dependency): xorshift.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> f64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    #[test]
    fn it_learns_which_criteria_matter() {
        // outcomes depend on skills strongly, on the place a little, on nothing else
        let truth = Fitted {
            coef: [6.0, 0.0, 2.0, 0.0, 0.0, 0.0],
            bias: -4.0,
        };
        let mut rng = Rng(42);
        let samples: Vec<Sample> = (0..2_000)
            .map(|_| {
                let x = [
                    rng.next(),
                    rng.next(),
                    rng.next(),
                    rng.next(),
                    rng.next(),
                    rng.next(),
                ];
                let good = rng.next() < truth.chance(&x);
                Sample {
                    x,
                    good,
                    weight: 1.0,
                }
            })
            .collect();
        let m = fit(&samples, 1e-3, 2_000);
        assert!(m.coef[0] > 3.0 * m.coef[2].abs().max(0.5), "{m:?}");
        assert!(m.coef[2] > 0.5, "{m:?}");
        for i in [1, 3, 4, 5] {
            assert!(m.coef[i].abs() < 1.0, "criterion {i}: {m:?}");
        }
        let scored: Vec<(f64, bool)> = samples.iter().map(|s| (m.chance(&s.x), s.good)).collect();
        assert!(auc(&scored).unwrap() > 0.75);
        let right = samples
            .iter()
            .filter(|s| (m.chance(&s.x) >= 0.5) == s.good)
            .count();
        assert!(right as f64 / samples.len() as f64 > 0.65);
    }

    #[test]
    fn training_keeps_availability_and_measures_the_served_weights() {
        let mut rng = Rng(7);
        let data: Vec<(i64, i64, Sample)> = (0..400)
            .map(|i| {
                let mut x = [
                    rng.next(),
                    rng.next(),
                    rng.next(),
                    rng.next(),
                    rng.next(),
                    rng.next(),
                ];
                // availability "predicts" the outcome perfectly: the leak training must ignore
                let good = rng.next() < 0.2 + 0.6 * x[0];
                x[AVAILABILITY] = if good { 0.0 } else { 1.0 };
                (
                    i / 20,
                    i % 20,
                    Sample {
                        x,
                        good,
                        weight: 1.0,
                    },
                )
            })
            .collect();
        let t = train(&data).unwrap();
        assert_eq!(t.weights.0[AVAILABILITY], Weights::HAND_SET.0[AVAILABILITY]);
        assert!((t.weights.0.iter().sum::<f64>() - 100.0).abs() < 1e-9);
        assert!(t.weights.0[0] > 40.0, "{:?}", t.weights);
        assert!(t.auc.unwrap() > 0.6 && t.accuracy.unwrap() > 0.5, "{t:?}");
        assert!(t.held_good + t.held_bad > 40);
        assert_eq!(train(&data[..10]), Err(NotTrained::TooFew));
        let all_good: Vec<_> = data
            .iter()
            .map(|(e, m, s)| (*e, *m, Sample { good: true, ..*s }))
            .collect();
        assert_eq!(train(&all_good), Err(NotTrained::OneKind));
    }

    #[test]
    fn auc_counts_ranks_and_ties() {
        assert_eq!(auc(&[(0.9, true), (0.1, false)]), Some(1.0));
        assert_eq!(auc(&[(0.1, true), (0.9, false)]), Some(0.0));
        assert_eq!(auc(&[(0.5, true), (0.5, false)]), Some(0.5));
        assert_eq!(
            auc(&[(0.8, true), (0.4, true), (0.6, false), (0.2, false)]),
            Some(0.75)
        );
        assert_eq!(auc(&[(0.5, true)]), None);
        assert_eq!(auc(&[]), None);
    }

    #[test]
    fn nothing_to_learn_from_learns_nothing() {
        let m = fit(&[], 1e-3, 10);
        assert_eq!(m.coef, [0.0; 6]);
        assert_eq!(m.chance(&[1.0; 6]), 0.5);
    }

    #[test]
    fn about_one_pair_in_five_is_held_out_always_the_same() {
        let held = (1..=50)
            .flat_map(|e| (1..=20).map(move |m| (e, m)))
            .filter(|&(e, m)| held_out(e, m))
            .count();
        assert!((150..=250).contains(&held), "{held}");
        assert_eq!(held_out(3, 7), held_out(3, 7));
    }
}
