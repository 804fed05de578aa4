//! Cohort matching, the solver: proposals for a whole cohort at once (unmatched mentees, mentors
//! with spare places), in plain Rust, knowing nothing of the database. The fit of every pair
//! comes from the scorer; a pair the hard filters rule out (no shared language, together before,
//! declined before) has no fit and is never proposed.
//!
//! Two objectives:
//! - [`Objective::BestTotalFit`]: the largest sum of fits (then, among equal sums, the most
//!   pairs);
//! - [`Objective::MostMatched`]: the most pairs (then, among those, the largest sum of fits).
//!
//! Both are one maximum-weight assignment: each mentor's spare places become that many slots
//! (never more than there are mentees), and the Hungarian method (shortest augmenting paths with
//! potentials, O(r²·c) for the r rows of the smaller side, mentees or slots, and the c columns
//! of the other) assigns mentees to slots at the least cost, where a proposed pair costs minus
//! its weight and leaving a mentee (or a slot) unmatched costs nothing.
//! The weights put the objective's first concern above anything the second can add, so the
//! order is exact, not a blend.

/// One cohort: `fit[mentee][mentor]` is the pair's 0–100 score, or `None` where the hard filters
/// rule the pair out; `places[mentor]` is how many more mentees the mentor can take.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cohort {
    pub fit: Vec<Vec<Option<u8>>>,
    pub places: Vec<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Objective {
    BestTotalFit,
    MostMatched,
}

/// A proposal: `(mentee, mentor)` pairs by index into the cohort, ordered by mentee.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proposal {
    pub pairs: Vec<(usize, usize)>,
    pub total_fit: u64,
}

impl Proposal {
    fn of(cohort: &Cohort, mut pairs: Vec<(usize, usize)>) -> Proposal {
        pairs.sort_unstable();
        let total_fit = pairs
            .iter()
            .map(|&(e, m)| u64::from(cohort.fit[e][m].unwrap_or(0)))
            .sum();
        Proposal { pairs, total_fit }
    }

    /// What the objective ranks by, first concern first (larger is better).
    pub fn value(&self, objective: Objective) -> (u64, u64) {
        let n = self.pairs.len() as u64;
        match objective {
            Objective::BestTotalFit => (self.total_fit, n),
            Objective::MostMatched => (n, self.total_fit),
        }
    }
}

/// The best proposal for `objective`. A cohort with no feasible pair gives an empty proposal.
pub fn propose(cohort: &Cohort, objective: Objective) -> Proposal {
    let n = cohort.fit.len();
    // the slots: each mentor's places, at most one per mentee
    let slots: Vec<usize> = cohort
        .places
        .iter()
        .enumerate()
        .flat_map(|(m, &p)| std::iter::repeat_n(m, (p as usize).min(n)))
        .collect();
    if n == 0 || slots.is_empty() {
        return Proposal::default();
    }
    // weights: the first concern outweighs anything the second can add up to
    let n64 = n as i64;
    let weight = |fit: u8| -> i64 {
        let fit = i64::from(fit);
        match objective {
            Objective::BestTotalFit => fit * (n64 + 1) + 1,
            Objective::MostMatched => (100 * n64 + 1) + fit,
        }
    };
    // A pair the rules rule out costs 0, like leaving the mentee (or the slot) unmatched: since
    // every allowed pair has a positive weight, such a pair is chosen only if no better use
    // exists, and is then dropped. The Hungarian method needs rows ≤ columns and costs
    // rows² × columns, so the smaller side is the rows.
    let cost = |mentee: usize, slot: usize| -> i64 {
        cohort.fit[mentee]
            .get(slots[slot])
            .copied()
            .flatten()
            .map_or(0, |f| -weight(f))
    };
    let chosen: Vec<(usize, usize)> = if n <= slots.len() {
        hungarian(n, slots.len(), cost)
            .into_iter()
            .enumerate()
            .collect()
    } else {
        hungarian(slots.len(), n, |slot, mentee| cost(mentee, slot))
            .into_iter()
            .enumerate()
            .map(|(slot, mentee)| (mentee, slot))
            .collect()
    };
    let pairs = chosen
        .into_iter()
        .filter_map(|(i, j)| {
            let mentor = slots[j];
            cohort.fit[i].get(mentor).copied().flatten()?;
            Some((i, mentor))
        })
        .collect();
    Proposal::of(cohort, pairs)
}

/// The least-cost assignment of `n` rows to distinct columns among `m >= n`: the column of each
/// row. Shortest augmenting paths with row and column potentials (the e-maxx formulation).
fn hungarian(n: usize, m: usize, cost: impl Fn(usize, usize) -> i64) -> Vec<usize> {
    debug_assert!(n <= m);
    const INF: i64 = i64::MAX / 4;
    // 1-based, index 0 is the virtual start
    let mut u = vec![0i64; n + 1];
    let mut v = vec![0i64; m + 1];
    let mut row_of = vec![0usize; m + 1];
    let mut way = vec![0usize; m + 1];
    let mut min_to = vec![INF; m + 1];
    let mut used = vec![false; m + 1];
    // the cost matrix, read once (the closure may do more than an index)
    let c: Vec<i64> = (0..n)
        .flat_map(|i| (0..m).map(move |j| (i, j)))
        .map(|(i, j)| cost(i, j))
        .collect();
    for i in 1..=n {
        row_of[0] = i;
        let mut j0 = 0usize;
        min_to.iter_mut().for_each(|x| *x = INF);
        used.iter_mut().for_each(|x| *x = false);
        loop {
            used[j0] = true;
            let i0 = row_of[j0];
            let row = &c[(i0 - 1) * m..i0 * m];
            let ui0 = u[i0];
            let mut delta = INF;
            let mut j1 = 0usize;
            for j in 1..=m {
                if used[j] {
                    continue;
                }
                let cur = row[j - 1] - ui0 - v[j];
                if cur < min_to[j] {
                    min_to[j] = cur;
                    way[j] = j0;
                }
                if min_to[j] < delta {
                    delta = min_to[j];
                    j1 = j;
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[row_of[j]] += delta;
                    v[j] -= delta;
                } else {
                    min_to[j] -= delta;
                }
            }
            j0 = j1;
            if row_of[j0] == 0 {
                break;
            }
        }
        // flip the path
        loop {
            let j1 = way[j0];
            row_of[j0] = row_of[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut column = vec![0usize; n];
    for j in 1..=m {
        if row_of[j] != 0 {
            column[row_of[j] - 1] = j - 1;
        }
    }
    column
}

/// The baseline an administrator would reach by hand: the best-fitting pairs first, each taken
/// if both are still free.
pub fn greedy(cohort: &Cohort) -> Proposal {
    let mut pairs: Vec<(u8, usize, usize)> = cohort
        .fit
        .iter()
        .enumerate()
        .flat_map(|(e, row)| {
            row.iter()
                .enumerate()
                .filter_map(move |(m, f)| f.map(|f| (f, e, m)))
        })
        .collect();
    pairs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut left = cohort.places.clone();
    let mut matched = vec![false; cohort.fit.len()];
    let mut chosen = Vec::new();
    for (_, e, m) in pairs {
        if !matched[e] && left[m] > 0 {
            matched[e] = true;
            left[m] -= 1;
            chosen.push((e, m));
        }
    }
    Proposal::of(cohort, chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cohort(fit: &[&[Option<u8>]], places: &[u32]) -> Cohort {
        Cohort {
            fit: fit.iter().map(|r| r.to_vec()).collect(),
            places: places.to_vec(),
        }
    }

    /// Every proposal by trying them all: each mentee unmatched or with a mentor who allows
    /// the pair and has a place left.
    fn brute_force(c: &Cohort, objective: Objective) -> (u64, u64) {
        fn go(
            c: &Cohort,
            e: usize,
            left: &mut Vec<u32>,
            pairs: &mut Vec<(usize, usize)>,
            objective: Objective,
            best: &mut (u64, u64),
        ) {
            if e == c.fit.len() {
                let p = Proposal::of(c, pairs.clone());
                *best = (*best).max(p.value(objective));
                return;
            }
            go(c, e + 1, left, pairs, objective, best);
            for m in 0..c.places.len() {
                if c.fit[e][m].is_some() && left[m] > 0 {
                    left[m] -= 1;
                    pairs.push((e, m));
                    go(c, e + 1, left, pairs, objective, best);
                    pairs.pop();
                    left[m] += 1;
                }
            }
        }
        let mut best = (0, 0);
        go(
            c,
            0,
            &mut c.places.clone(),
            &mut Vec::new(),
            objective,
            &mut best,
        );
        best
    }

    /// A proposal keeps the rules: allowed pairs only, each mentee once, within places.
    fn valid(c: &Cohort, p: &Proposal) -> bool {
        let mut used = vec![0u32; c.places.len()];
        let mut seen = vec![false; c.fit.len()];
        for &(e, m) in &p.pairs {
            if seen[e] || c.fit[e][m].is_none() {
                return false;
            }
            seen[e] = true;
            used[m] += 1;
        }
        used.iter().zip(&c.places).all(|(u, p)| u <= p)
    }

    #[test]
    fn the_two_objectives_choose_differently_where_they_should() {
        // Aigerim fits Asel best (90) but also Bermet (60); Dinara fits only Asel (50).
        // Best total fit: Aigerim–Asel 90 alone (90) loses to Aigerim–Bermet + Dinara–Asel (110).
        let c = cohort(&[&[Some(90), Some(60)], &[Some(50), None]], &[1, 1]);
        let best = propose(&c, Objective::BestTotalFit);
        assert_eq!(best.pairs, vec![(0, 1), (1, 0)]);
        assert_eq!(best.total_fit, 110);
        // a mentor with one place and two mentees who only fit her: one pair, the better one
        let c = cohort(&[&[Some(40)], &[Some(70)]], &[1]);
        assert_eq!(propose(&c, Objective::BestTotalFit).pairs, vec![(1, 0)]);
        // more pairs beat more fit for "most matched", not for "best total fit"
        let c = cohort(&[&[Some(100), Some(1)], &[Some(1), None]], &[1, 1]);
        assert_eq!(propose(&c, Objective::BestTotalFit).pairs, vec![(0, 0)]);
        assert_eq!(
            propose(&c, Objective::MostMatched).pairs,
            vec![(0, 1), (1, 0)]
        );
    }

    #[test]
    fn places_above_one_and_more_mentees_than_places() {
        // one mentor with two places, four mentees: the two best fits
        let c = cohort(&[&[Some(10)], &[Some(80)], &[Some(30)], &[Some(70)]], &[2]);
        let p = propose(&c, Objective::BestTotalFit);
        assert_eq!(p.pairs, vec![(1, 0), (3, 0)]);
        assert_eq!(p.total_fit, 150);
        // places beyond the number of mentees change nothing
        let c = cohort(&[&[Some(10), Some(20)]], &[5, 0]);
        assert_eq!(propose(&c, Objective::MostMatched).pairs, vec![(0, 0)]);
    }

    #[test]
    fn no_feasible_pair_gives_an_empty_proposal() {
        let none = cohort(&[&[None, None], &[None, None]], &[1, 1]);
        let full = cohort(&[&[Some(50)]], &[0]);
        for c in [none, full, cohort(&[], &[]), cohort(&[&[]], &[])] {
            for o in [Objective::BestTotalFit, Objective::MostMatched] {
                assert_eq!(propose(&c, o), Proposal::default());
            }
        }
        // a pair with fit 0 is still a pair (allowed, just no reason to prefer it)
        let zero = cohort(&[&[Some(0)]], &[1]);
        assert_eq!(propose(&zero, Objective::BestTotalFit).pairs, vec![(0, 0)]);
    }

    #[test]
    fn optimal_against_brute_force_on_small_random_cohorts() {
        // a small deterministic generator: the same cohorts on every run
        let mut seed: u64 = 0x5eed_2026;
        let mut next = |below: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % below
        };
        for _ in 0..400 {
            let (mentees, mentors) = (1 + next(5) as usize, 1 + next(4) as usize);
            let fit = (0..mentees)
                .map(|_| {
                    (0..mentors)
                        .map(|_| (next(4) != 0).then(|| next(101) as u8))
                        .collect()
                })
                .collect();
            let places = (0..mentors).map(|_| next(3) as u32).collect();
            let c = Cohort { fit, places };
            for o in [Objective::BestTotalFit, Objective::MostMatched] {
                let p = propose(&c, o);
                assert!(valid(&c, &p), "{c:?} {p:?}");
                assert_eq!(p.value(o), brute_force(&c, o), "{o:?} {c:?} {p:?}");
            }
            let g = greedy(&c);
            assert!(valid(&c, &g));
            assert!(g.total_fit <= propose(&c, Objective::BestTotalFit).total_fit);
        }
    }
}
