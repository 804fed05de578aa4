//! Text similarity for the fit score, server only: a mentee's goals against each mentor's
//! profile (her title, bio and the names of her skills in all three languages), Okapi BM25 over
//! stemmed words. Latin-script words go through the English Snowball stemmer, Cyrillic words
//! through the Russian one, and Kyrgyz words (those with ң, ө or ү, which Russian lacks) are
//! normalised only (lower case, ё as е); common function words of the three languages are
//! dropped. A similarity is the mentor's BM25 score divided by the best one among the mentors
//! scored for that mentee (0 to 1), so it ranks; the taxonomy overlap stays the measure across
//! languages.
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;

/// BM25's term-frequency saturation and length normalisation (the usual values).
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Words longer than this are not words (and would cost the stemmer time).
const WORD_MAX: usize = 40;
/// How many words of one text count (goals and bios are capped far below this by their forms).
const WORDS_MAX: usize = 600;

const STOP: &[&str] = &[
    // English
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "i",
    "in",
    "is",
    "it",
    "me",
    "my",
    "of",
    "on",
    "or",
    "the",
    "to",
    "want",
    "with",
    "would",
    "like",
    "become",
    // Russian
    "и",
    "в",
    "во",
    "на",
    "с",
    "со",
    "по",
    "к",
    "ко",
    "о",
    "об",
    "от",
    "до",
    "за",
    "из",
    "у",
    "я",
    "мне",
    "меня",
    "мой",
    "моя",
    "мои",
    "что",
    "как",
    "это",
    "для",
    "не",
    "но",
    "а",
    "или",
    "хочу",
    "стать",
    "быть",
    // Kyrgyz
    "жана",
    "мен",
    "менин",
    "үчүн",
    "бул",
    "ал",
    "да",
    "де",
    "менен",
    "болуу",
    "келет",
];

/// The words of a text that count, stemmed or normalised.
pub fn tokens(text: &str) -> Vec<String> {
    let english = Stemmer::create(Algorithm::English);
    let russian = Stemmer::create(Algorithm::Russian);
    // combining marks (a stress mark, a decomposed й) are dropped, not taken as word breaks
    let text: String = text
        .replace("\u{0438}\u{0306}", "й")
        .replace("\u{0418}\u{0306}", "Й")
        .chars()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .collect();
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().count() <= WORD_MAX)
        .take(WORDS_MAX)
        .filter_map(|w| {
            let word = w.to_lowercase().replace('ё', "е");
            if word.chars().count() < 2 || STOP.contains(&word.as_str()) {
                return None;
            }
            if word.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let stemmed = if word.chars().any(|c| matches!(c, 'ң' | 'ө' | 'ү')) {
                word
            } else if word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
                russian.stem(&word).into_owned()
            } else {
                english.stem(&word).into_owned()
            };
            Some(stemmed)
        })
        .collect()
}

/// The mentors' profiles as an inverted index: for each word, the documents that hold it and
/// how often; with each document's length normalisation, all BM25 needs.
#[derive(Clone, Debug, Default)]
pub struct Index {
    postings: HashMap<String, Vec<(u32, f64)>>,
    /// `K1 × (1 − B + B × length ÷ average length)` of each document.
    norms: Vec<f64>,
}

impl Index {
    /// One document per mentor, in the caller's order.
    pub fn new(docs: impl IntoIterator<Item = Vec<String>>) -> Index {
        let mut postings: HashMap<String, Vec<(u32, f64)>> = HashMap::new();
        let mut lens = Vec::new();
        for (d, words) in docs.into_iter().enumerate() {
            let mut bag: HashMap<&str, u32> = HashMap::new();
            for w in &words {
                *bag.entry(w.as_str()).or_default() += 1;
            }
            for (w, tf) in bag {
                postings
                    .entry(w.to_string())
                    .or_default()
                    .push((d as u32, f64::from(tf)));
            }
            lens.push(words.len() as f64);
        }
        let avg = (lens.iter().sum::<f64>() / lens.len().max(1) as f64).max(1.0);
        Index {
            postings,
            norms: lens.iter().map(|l| K1 * (1.0 - B + B * l / avg)).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.norms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.norms.is_empty()
    }

    /// Each word of the query once, with its IDF (a word no document holds counts as the
    /// rarest).
    fn weighed<'a>(&'a self, query: &'a [String]) -> impl Iterator<Item = (&'a String, f64)> + 'a {
        let n = self.norms.len() as f64;
        let mut words: Vec<&String> = query.iter().collect();
        words.sort();
        words.dedup();
        words.into_iter().map(move |w| {
            let df = self.postings.get(w).map_or(0.0, |p| p.len() as f64);
            (w, ((n - df + 0.5) / (df + 0.5) + 1.0).ln())
        })
    }

    /// The BM25 score of each document for the query's words (each word once).
    pub fn scores(&self, query: &[String]) -> Vec<f64> {
        let mut scores = vec![0.0; self.norms.len()];
        for (w, idf) in self.weighed(query) {
            let Some(list) = self.postings.get(w) else {
                continue;
            };
            for &(d, tf) in list {
                let d = d as usize;
                scores[d] += idf * tf * (K1 + 1.0) / (tf + self.norms[d]);
            }
        }
        scores
    }

    /// Each document's similarity to the query from 0 to 1: its score over what a document of
    /// average length holding every word of the query once would score (the sum of the words'
    /// IDF, a word no document holds counting as the rarest), so one shared word among many is
    /// a small similarity, not the best one. 0 for every document when no word of the query is
    /// in any.
    pub fn similarities(&self, query: &[String]) -> Vec<f64> {
        let whole: f64 = self.weighed(query).map(|(_, idf)| idf).sum();
        if whole <= 0.0 || self.norms.is_empty() {
            return vec![0.0; self.norms.len()];
        }
        self.scores(query)
            .into_iter()
            .map(|s| (s / whole).min(1.0))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_stemmed_by_script_and_kyrgyz_is_normalised() {
        assert_eq!(
            tokens("Analysing data, analysed DATA!"),
            vec!["analys", "data", "analys", "data"]
        );
        // Russian forms of one word meet
        let a = tokens("анализ данных");
        let b = tokens("анализом данные");
        assert_eq!(a, b, "{a:?} {b:?}");
        // ё is е, function words and numbers go, Kyrgyz words keep their form
        assert_eq!(tokens("ёлка и 2026"), tokens("елка"));
        assert_eq!(tokens("өнүктүрүү үчүн"), vec!["өнүктүрүү"]);
        assert!(tokens(&"x".repeat(500)).is_empty(), "not a word");
        assert!(tokens("").is_empty());
    }

    #[test]
    fn bm25_prefers_the_profile_that_speaks_to_the_goal() {
        let docs = [
            "Data scientist. I teach machine learning and statistics to beginners.",
            "Civil engineer building bridges and roads in Naryn.",
            "Аналитик данных: статистика, машинное обучение, Python.",
            "",
        ];
        let index = Index::new(docs.iter().map(|d| tokens(d)));
        assert_eq!(index.len(), 4);
        let best = |s: &[f64]| (0..s.len()).max_by(|a, b| s[*a].total_cmp(&s[*b])).unwrap();
        let sims = index.similarities(&tokens("I want to learn machine learning"));
        assert_eq!(best(&sims), 0);
        assert!(sims[0] > 0.5 && sims[0] <= 1.0, "{sims:?}");
        assert_eq!(sims[1], 0.0);
        assert_eq!(sims[3], 0.0);
        // in Russian, the Russian profile is the best one
        let sims = index.similarities(&tokens("Хочу изучать машинное обучение и статистику"));
        assert_eq!(best(&sims), 2);
        assert!(sims[2] > 0.5, "{sims:?}");
        // one shared word among many is a small similarity, not the best there is
        let sims = index.similarities(&tokens(
            "roads, geology, astronomy, volcanoes, glaciers, oceans and deserts",
        ));
        assert!(sims[1] > 0.0 && sims[1] < 0.3, "{sims:?}");
        // a stress mark or a decomposed й does not cut a word
        assert_eq!(tokens("да\u{0301}нных"), tokens("данных"));
        assert_eq!(tokens("и\u{0306}од"), tokens("йод"));
        // nothing shared: all zero, never NaN
        let none = index.similarities(&tokens("astronomy"));
        assert!(none.iter().all(|s| *s == 0.0));
        assert!(Index::new(Vec::new())
            .similarities(&tokens("data"))
            .is_empty());
    }

    #[test]
    fn a_rare_word_weighs_more_than_a_common_one() {
        let docs = ["data data", "data geology", "data", "data"];
        let index = Index::new(docs.iter().map(|d| tokens(d)));
        let s = index.scores(&tokens("data geology"));
        assert!(s[1] > s[0], "{s:?}");
    }
}
