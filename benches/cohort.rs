//! Cohort matching benchmark: a seeded random cohort of 1,000 mentees and 500 mentors (one to
//! three spare places each, four pairs in five ruled out, fits 0–100 around 50), proposed for
//! both objectives and by the greedy baseline. Prints the time each took, the pairs and the total fit.
//!
//!     cargo bench --features ssr --bench cohort --profile release
use std::time::Instant;
use stem4all::matching::cohort::{greedy, propose, Cohort, Objective};

fn main() {
    let (mentees, mentors) = (1_000, 500);
    let mut seed: u64 = 0x00c0_4a07;
    let mut next = |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    let fit = (0..mentees)
        .map(|_| {
            (0..mentors)
                .map(|_| (next(5) == 0).then(|| ((next(101) + next(101)) / 2) as u8))
                .collect()
        })
        .collect();
    let places = (0..mentors).map(|_| 1 + next(3) as u32).collect::<Vec<_>>();
    let slots: u32 = places.iter().sum();
    let cohort = Cohort { fit, places };
    println!("{mentees} mentees, {mentors} mentors, {slots} places");
    for (name, run) in [
        (
            "best total fit",
            Box::new(|c: &Cohort| propose(c, Objective::BestTotalFit)) as Box<dyn Fn(&Cohort) -> _>,
        ),
        (
            "most matched",
            Box::new(|c: &Cohort| propose(c, Objective::MostMatched)),
        ),
        ("greedy baseline", Box::new(greedy)),
    ] {
        let started = Instant::now();
        let p = run(&cohort);
        let took = started.elapsed();
        println!(
            "{name:<16} {:>8.1} ms   {:>5} pairs   total fit {:>6}   mean fit {:.1}",
            took.as_secs_f64() * 1e3,
            p.pairs.len(),
            p.total_fit,
            p.total_fit as f64 / p.pairs.len().max(1) as f64
        );
    }
}
