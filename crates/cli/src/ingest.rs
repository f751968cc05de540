//! `evident ingest` and `evident extract`: the write path, one document at
//! a time, each stored in its own transaction.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use evident_ingest::{IngestError, Manifest, Options};
use evident_store::Store;
use indicatif::{ProgressBar, ProgressStyle};

/// What happened to each input, for the closing summary.
#[derive(Default)]
struct Tally {
    ingested: usize,
    unchanged: usize,
    problems: Vec<String>,
}

pub fn run(
    store: &mut Store,
    paths: &[PathBuf],
    manifest: Option<&Path>,
    opts: &Options,
) -> Result<ExitCode> {
    let (files, errors) = evident_ingest::discover(paths);
    let mut tally = Tally::default();
    tally
        .problems
        .extend(errors.iter().map(|e| format!("skipped {e}")));
    let mut manifests = Manifests {
        fixed: manifest.map(Manifest::load).transpose()?,
        beside: HashMap::new(),
    };
    let bar = progress(files.len() as u64);
    for file in &files {
        bar.set_message(file.display().to_string());
        match ingest_one(store, file, &mut manifests, opts) {
            Ok(Outcome::Stored(warnings, line)) => {
                tally.ingested += 1;
                bar.suspend(|| println!("{line}"));
                tally.problems.extend(
                    warnings
                        .into_iter()
                        .map(|w| format!("warning {}: {}", w.path.display(), w.message)),
                );
            }
            Ok(Outcome::Unchanged(id)) => {
                tally.unchanged += 1;
                bar.suspend(|| {
                    eprintln!(
                        "unchanged {} (already stored as {})",
                        file.display(),
                        short(&id)
                    )
                });
            }
            Err(e) => tally.problems.push(format!("failed {e:#}")),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(summarize(&tally))
}

fn progress(n: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(n);
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} docs  {per_sec}  {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

enum Outcome {
    Stored(Vec<evident_ingest::Warning>, String),
    Unchanged(String),
}

fn ingest_one(
    store: &mut Store,
    file: &Path,
    manifests: &mut Manifests,
    opts: &Options,
) -> Result<Outcome> {
    let (mut doc, warnings) = evident_ingest::read_path(file, opts)?;
    if store.has_document(&doc.id)? {
        return Ok(Outcome::Unchanged(doc.id));
    }
    manifests.apply(&mut doc, file)?;
    if let Some(path) = &doc.path {
        doc.supersedes = store.latest_at_path(path)?;
    }
    let facts = evident_extract::extract(&doc);
    store.insert_document(&doc, &facts, evident_extract::EXTRACTOR_VERSION)?;
    Ok(Outcome::Stored(warnings, stored_line(&doc, &facts)))
}

/// The manifests of one run: the one given with `--manifest`, or the
/// `manifest.csv` beside each folder's files, each read once.
struct Manifests {
    fixed: Option<Manifest>,
    beside: HashMap<PathBuf, Option<Manifest>>,
}

impl Manifests {
    fn apply(&mut self, doc: &mut evident_model::Document, file: &Path) -> Result<(), IngestError> {
        if let Some(m) = &self.fixed {
            m.apply(doc);
            return Ok(());
        }
        let Some(dir) = file.parent() else {
            return Ok(());
        };
        if !self.beside.contains_key(dir) {
            let found = Manifest::find_beside(dir)
                .map(|p| Manifest::load(&p))
                .transpose()?;
            self.beside.insert(dir.to_path_buf(), found);
        }
        if let Some(Some(m)) = self.beside.get(dir) {
            m.apply(doc);
        }
        Ok(())
    }
}

fn summarize(t: &Tally) -> ExitCode {
    for p in &t.problems {
        eprintln!("{p}");
    }
    let failed = t
        .problems
        .iter()
        .filter(|p| !p.starts_with("warning"))
        .count();
    eprintln!(
        "ingested {}, unchanged {}, skipped or failed {}",
        t.ingested, t.unchanged, failed
    );
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Re-runs extraction over the stored documents whose facts come from
/// another extractor version (all of them with `all`).
pub fn reextract(store: &mut Store, all: bool) -> Result<()> {
    let ids = if all {
        store.document_ids()?
    } else {
        store.documents_not_extracted_by(evident_extract::EXTRACTOR_VERSION)?
    };
    let bar = progress(ids.len() as u64);
    for id in &ids {
        let doc = store.document(id)?;
        let facts = evident_extract::extract(&doc);
        store.replace_facts(id, &facts, evident_extract::EXTRACTOR_VERSION)?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    eprintln!(
        "re-extracted {} documents with {}",
        ids.len(),
        evident_extract::EXTRACTOR_VERSION
    );
    Ok(())
}

/// The short form of a document id that listings show.
pub fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

/// One line per stored document: what was found in it.
fn stored_line(doc: &evident_model::Document, f: &evident_model::Facts) -> String {
    format!(
        "stored {}  {:<48}  {} entities, {} mentions, {} quantities, {} events, {} agreements, {} relations, {} routes",
        short(&doc.id),
        doc.meta.title.as_deref().unwrap_or("(untitled)").chars().take(48).collect::<String>(),
        f.entities.len(), f.mentions.len(), f.quantities.len(), f.events.len(),
        f.agreements.len(), f.relations.len(), f.routes.len()
    )
}
