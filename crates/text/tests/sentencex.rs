//! Sentence segmentation against Wikimedia sentencex's English cases
//! (../shared/external/sentencex/en.txt; format in ../shared/external/README.md).
//! Prints the pass rate and asserts it stays above the floor reached so far.

use evident_text::segment::split_sentences;

/// The pass rate this splitter reached; a regression below it fails.
const FLOOR: f64 = 0.93;

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cases as (input, expected sentences), parsed as sentencex's runner does.
fn cases(file: &str) -> Vec<(String, Vec<String>)> {
    let kept: Vec<&str> = file.lines().filter(|l| !l.starts_with('#')).collect();
    let kept = kept.join("\n");
    kept.split("===")
        .filter_map(|chunk| {
            let parts: Vec<&str> = chunk.trim().split("---").collect();
            if parts.len() != 2 || parts.iter().any(|p| p.trim().is_empty()) {
                return None;
            }
            let expected = parts[1]
                .trim()
                .lines()
                .map(collapse)
                .filter(|l| !l.is_empty())
                .collect();
            Some((parts[0].trim().to_string(), expected))
        })
        .collect()
}

#[test]
fn sentencex_english_cases() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/external/sentencex/en.txt"
    );
    let Ok(file) = std::fs::read_to_string(path) else {
        println!("skipped: {path} is missing");
        return;
    };
    let cases = cases(&file);
    let mut pass = 0;
    for (input, expected) in &cases {
        let got: Vec<String> = split_sentences(input, 0..input.len())
            .into_iter()
            .map(|r| collapse(&input[r]))
            .collect();
        if &got == expected {
            pass += 1;
        } else if std::env::var_os("SENTENCEX_VERBOSE").is_some() {
            println!("FAIL {input:?}\n  want {expected:?}\n  got  {got:?}");
        }
    }
    let rate = pass as f64 / cases.len() as f64;
    println!(
        "sentencex en: {pass}/{} cases pass ({:.1}%)",
        cases.len(),
        rate * 100.0
    );
    assert!(cases.len() > 200, "parsed only {} cases", cases.len());
    assert!(rate >= FLOOR, "pass rate {rate:.3} fell below {FLOOR}");
}
