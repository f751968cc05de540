//! Finding the files to ingest among the paths a user gives.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::manifest::MANIFEST_NAME;
use crate::{format_of, IngestError};

/// Files to ingest under `paths` (files and folders, recursively), sorted
/// and without duplicates; hidden entries and `manifest.csv` are skipped.
/// Unsupported files inside folders and unreadable paths come back as errors
/// (`IngestError::Unsupported` means "skipped"); an unsupported file named
/// explicitly is an error too.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<IngestError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen_dirs = HashSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(source) => errors.push(IngestError::Io {
                path: p.clone(),
                source,
            }),
            Ok(m) if m.is_dir() => walk(p, &mut files, &mut errors, &mut seen_dirs),
            Ok(_) if format_of(p).is_some() => files.push(p.clone()),
            Ok(_) => errors.push(IngestError::Unsupported { path: p.clone() }),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<IngestError>,
    seen: &mut HashSet<PathBuf>,
) {
    // Symlinked folders can loop: each real folder is walked once.
    let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(real) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            errors.push(IngestError::Io {
                path: dir.to_path_buf(),
                source,
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.starts_with('.') || name.eq_ignore_ascii_case(MANIFEST_NAME) {
            continue;
        }
        match std::fs::metadata(&p) {
            Err(source) => errors.push(IngestError::Io { path: p, source }),
            Ok(m) if m.is_dir() => walk(&p, files, errors, seen),
            Ok(_) if format_of(&p).is_some() => files.push(p),
            Ok(_) => errors.push(IngestError::Unsupported { path: p }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_folders_sorted_and_reports_skips() {
        let root = std::env::temp_dir().join(format!("evident-discover-{}", std::process::id()));
        let sub = root.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        for f in ["b.txt", "a.md", ".hidden.txt", "manifest.csv", "data.xlsx"] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        std::fs::write(sub.join("c.HTML"), "x").unwrap();
        let missing = root.join("nope.txt");
        let (files, errors) = discover(&[root.clone(), root.join("b.txt"), missing.clone()]);
        let names: Vec<String> = files
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, vec!["a.md", "b.txt", "sub/c.HTML"]);
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().any(
            |e| matches!(e, IngestError::Unsupported { path } if path.ends_with("data.xlsx"))
        ));
        assert!(errors.iter().any(|e| e.path() == missing));
        std::fs::remove_dir_all(&root).ok();
    }
}
