//! A cheap language guess: English when its most frequent function words
//! make up a large share of the first words of the text; else unknown.

use std::collections::HashSet;
use std::sync::LazyLock;

static FUNCTION_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../../data/lexicons/ingest/english-function-words.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect()
});

/// How many words are looked at.
const SAMPLE: usize = 2000;
/// English prose has about a quarter of its words in the list; other
/// languages written in Latin script have very few.
const MIN_SHARE: f64 = 0.12;

/// `Some("en")` when the text reads as English, else None.
pub(crate) fn detect(text: &str) -> Option<String> {
    let mut words = 0usize;
    let mut hits = 0usize;
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(SAMPLE)
    {
        words += 1;
        if w.len() <= 5 && FUNCTION_WORDS.contains(w.to_ascii_lowercase().as_str()) {
            hits += 1;
        }
    }
    (words >= 20 && hits as f64 / words as f64 >= MIN_SHARE).then(|| "en".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_not() {
        let en = "The report says that the number of fighters who went to the region was larger than in the previous year, and it is still growing in the north of the country.";
        assert_eq!(detect(en).as_deref(), Some("en"));
        let fr = "Le rapport indique que le nombre de combattants partis dans la région était plus élevé que l'année précédente, et il augmente encore dans le nord du pays.";
        assert_eq!(detect(fr), None);
        assert_eq!(detect("too short"), None);
    }
}
