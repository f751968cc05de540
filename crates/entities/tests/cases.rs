//! Runs every extraction case in tests/cases/*.txt.
//!
//! A case file holds the input text, a line `---`, then one expectation a
//! line: `surface<TAB>kind<TAB>entity-id` (that mention must be found), or
//! `!surface` (no mention may have that text). Lines starting with `#` are
//! comments. Adding a case is adding a file.

use evident_model::{DocMeta, Document, Structure};
use evident_text::Context;

fn doc(text: &str) -> Document {
    Document {
        id: "case".into(),
        path: None,
        format: "txt".into(),
        meta: DocMeta::default(),
        text: text.to_string(),
        structure: Structure::default(),
        supersedes: None,
    }
}

/// Checks one case; returns the failures.
fn check(name: &str, content: &str) -> Vec<String> {
    let body: Vec<&str> = content.lines().filter(|l| !l.starts_with('#')).collect();
    let Some(sep) = body.iter().position(|l| l.trim() == "---") else {
        return vec![format!("{name}: no `---` line")];
    };
    let input = body[..sep].join("\n");
    let d = doc(&input);
    let ctx = Context::new(&d);
    let found = evident_entities::recognize(&ctx);
    let got: Vec<(String, String, String)> = found
        .mentions
        .iter()
        .map(|m| {
            (
                input[m.range.clone()].to_string(),
                m.kind.as_str().to_string(),
                m.entity.clone(),
            )
        })
        .collect();
    let mut fails = Vec::new();
    for w in found.mentions.windows(2) {
        if w[1].range.start < w[0].range.end {
            fails.push(format!("{name}: mentions overlap or are unsorted: {w:?}"));
        }
    }
    for m in &found.mentions {
        if !found.entities.iter().any(|e| e.id == m.entity) {
            fails.push(format!("{name}: mention of {} has no entity", m.entity));
        }
    }
    for line in body[sep + 1..].iter().filter(|l| !l.trim().is_empty()) {
        if let Some(surface) = line.strip_prefix('!') {
            if got.iter().any(|g| g.0 == surface) {
                fails.push(format!("{name}: unexpected mention {surface:?}"));
            }
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let want = (
            f[0].to_string(),
            f.get(1).unwrap_or(&"").to_string(),
            f.get(2).unwrap_or(&"").to_string(),
        );
        if !got.contains(&want) {
            fails.push(format!("{name}: missing {want:?}; got {got:?}"));
        }
    }
    fails
}

#[test]
fn extraction_cases() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut fails = Vec::new();
    for f in &files {
        let content = std::fs::read_to_string(f).expect("case readable");
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        fails.extend(check(name, &content));
    }
    println!("{} cases, {} failures", files.len(), fails.len());
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}
