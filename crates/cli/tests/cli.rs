//! End-to-end tests of the `evident` binary: ingest, bad input, a killed
//! ingest, export validity.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use evident_store::Store;
use serde_json::Value;

fn evident(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_evident"));
    c.arg("--db").arg(db).env_remove("EVIDENT_DB");
    c
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the evident binary runs")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A paragraph we wrote, varied by `i` so that every file has its own bytes.
fn report(i: usize) -> String {
    format!(
        "Report {i}\n\nAnalysts said on 3 March 2016 that up to {n} fighters from Xinjiang had reached Syria \
         through Turkey. The Syrian ambassador to China said that as many as 5,000 Uyghurs were fighting there.\n\n\
         Police in Bangkok arrested two men on 29 August 2015 after the bombing of the Erawan shrine.\n",
        n = 100 + i
    )
}

#[test]
fn ingests_reports_and_rejects_bad_input_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("good.txt"), report(1)).unwrap();
    std::fs::write(docs.join("empty.txt"), "").unwrap();
    std::fs::write(
        docs.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3].repeat(20),
    )
    .unwrap();
    std::fs::write(docs.join("big.txt"), "word ".repeat(400)).unwrap();
    std::fs::write(docs.join("notes.docx"), "PK\x03\x04").unwrap();
    let db = dir.path().join("kb.db");
    let out = run(evident(&db)
        .args(["ingest", "--max-bytes", "1000"])
        .arg(&docs));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for name in ["empty.txt", "binary.txt", "big.txt", "notes.docx"] {
        assert!(err.contains(name), "{name} not reported in:\n{err}");
    }
    assert!(err.contains("ingested 1"), "{err}");

    let again = run(evident(&db).arg("ingest").arg(docs.join("good.txt")));
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("unchanged"));

    std::fs::write(docs.join("good.txt"), report(2)).unwrap();
    let changed = run(evident(&db).arg("ingest").arg(docs.join("good.txt")));
    assert!(changed.status.success());
    let store = Store::open(&db).unwrap();
    let summaries = store.document_summaries().unwrap();
    assert_eq!(summaries.len(), 2);
    assert_eq!(
        summaries[1].supersedes.as_deref(),
        Some(summaries[0].id.as_str())
    );
}

#[test]
fn a_killed_ingest_leaves_a_consistent_store() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let n_docs = 400;
    for i in 0..n_docs {
        std::fs::write(docs.join(format!("r{i:04}.txt")), report(i).repeat(40)).unwrap();
    }
    let db = dir.path().join("kb.db");
    let mut child = evident(&db)
        .arg("ingest")
        .arg(&docs)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the ingest ended ({status}) before it could be killed");
        }
        // Read only once the child has created the store; opening it while the child
        // migrates is safe (migrations re-check the version under the write lock).
        let committed = if db.exists() {
            Store::open(&db)
                .ok()
                .and_then(|s| s.document_ids().ok())
                .map_or(0, |v| v.len())
        } else {
            0
        };
        if committed >= 3 || started.elapsed().as_secs() > 120 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();

    let store = Store::open(&db).unwrap();
    assert!(store.integrity_ok().unwrap());
    let ids = store.document_ids().unwrap();
    assert!(
        !ids.is_empty() && ids.len() < n_docs,
        "kill came too late: {} docs",
        ids.len()
    );
    for id in &ids {
        let doc = store.document(id).unwrap();
        let facts = store.facts(id).unwrap();
        let fresh = evident_extract::extract(&doc);
        assert_eq!(
            facts.mentions.len(),
            fresh.mentions.len(),
            "document {id} is half stored"
        );
        assert_eq!(
            facts.quantities.len(),
            fresh.quantities.len(),
            "document {id} is half stored"
        );
    }
    drop(store);
    let rest = run(evident(&db).arg("ingest").arg(&docs));
    assert!(
        rest.status.success(),
        "{}",
        String::from_utf8_lossy(&rest.stderr)
    );
    assert_eq!(
        Store::open(&db).unwrap().document_ids().unwrap().len(),
        n_docs
    );
}

/// Every span and quote of every record must match the document text.
fn check_export(lines: &str) -> usize {
    let recs: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        recs.first().map(|r| r["type"].clone()),
        Some(Value::from("document"))
    );
    recs.iter()
        .filter(|r| r["type"] != "document" && r["type"] != "entity")
        .count()
}

fn doc_texts(db: &Path) -> std::collections::HashMap<String, Vec<char>> {
    let store = Store::open(db).unwrap();
    store
        .document_ids()
        .unwrap()
        .into_iter()
        .map(|id| {
            let t = store.document(&id).unwrap().text.chars().collect();
            (id, t)
        })
        .collect()
}

fn spans_match(rec: &Value, texts: &std::collections::HashMap<String, Vec<char>>) {
    let Some(doc) = rec["doc"].as_str() else {
        return;
    };
    let text = &texts[doc];
    let (s, e) = (
        rec["span"][0].as_u64().unwrap() as usize,
        rec["span"][1].as_u64().unwrap() as usize,
    );
    assert!(s <= e && e <= text.len(), "span out of bounds: {rec}");
    if rec["type"] == "mention" {
        let got: String = text[s..e].iter().collect();
        assert_eq!(got, rec["text"].as_str().unwrap(), "{rec}");
        return;
    }
    let quote: Vec<char> = rec["quote"].as_str().unwrap().chars().collect();
    let covers = (0..=text.len().saturating_sub(quote.len()))
        .filter(|&p| p <= s && e <= p + quote.len())
        .any(|p| text[p..p + quote.len()] == quote[..]);
    assert!(covers, "quote does not cover the span in the text: {rec}");
}

#[test]
fn export_spans_and_quotes_match_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kb.db");
    let mut cmd = evident(&db);
    cmd.arg("ingest").arg(repo().join("examples/corpus"));
    let shared = repo().join("../shared/corpus");
    if shared.exists() {
        cmd.arg(&shared);
    } else {
        eprintln!("skipping ../shared/corpus: not present");
    }
    let out = run(&mut cmd);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exp = run(evident(&db).args(["export", "--format", "jsonl"]));
    assert!(exp.status.success());
    let body = String::from_utf8(exp.stdout).unwrap();
    check_export(&body);
    let texts = doc_texts(&db);
    for line in body.lines() {
        spans_match(&serde_json::from_str(line).unwrap(), &texts);
    }
    let csv_dir = dir.path().join("csv");
    let csv = run(evident(&db)
        .args(["export", "--format", "csv", "--out"])
        .arg(&csv_dir));
    assert!(csv.status.success());
    assert!(csv_dir.join("documents.csv").exists());
}
