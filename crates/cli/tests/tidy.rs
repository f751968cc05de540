//! Repository invariants checked as tests (after rust-analyzer's tidy):
//! every crate root opens with a `//!` doc of its job, and every lexicon
//! file opens with a comment that says where its entries come from.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            files_under(&p, ext, out);
        } else if p.extension().is_some_and(|e| e == ext) {
            out.push(p);
        }
    }
}

#[test]
fn every_crate_root_has_a_doc_of_its_job() {
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(repo().join("crates")).unwrap().flatten() {
        for root in ["src/lib.rs", "src/main.rs"] {
            let p = entry.path().join(root);
            if let Ok(text) = std::fs::read_to_string(&p) {
                if !text.starts_with("//!") {
                    missing.push(p.display().to_string());
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "crate roots without a //! doc: {missing:?}"
    );
}

#[test]
fn every_lexicon_names_its_sources() {
    let mut files = Vec::new();
    files_under(&repo().join("data/lexicons"), "tsv", &mut files);
    assert!(!files.is_empty());
    let unsourced: Vec<String> = files
        .iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            let header: String = text.lines().take_while(|l| l.starts_with('#')).collect();
            !header.to_lowercase().contains("source")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        unsourced.is_empty(),
        "lexicons without a source note in their header: {unsourced:?}"
    );
}
