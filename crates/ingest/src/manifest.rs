//! `manifest.csv` beside the files: `file,title,published,url,publisher,author`.
//! The manifest's values win over what a file says about itself.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use evident_model::{DateRange, Document};

use crate::IngestError;

/// The file name a manifest has.
pub const MANIFEST_NAME: &str = "manifest.csv";

/// One manifest row (empty cells are None).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ManifestEntry {
    pub title: Option<String>,
    pub published: Option<DateRange>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
}

/// Metadata by file name, from a manifest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Manifest {
    pub path: PathBuf,
    pub entries: HashMap<String, ManifestEntry>,
}

impl Manifest {
    /// Reads a manifest; a bad date or a missing `file` column is an error
    /// naming the manifest and the line.
    pub fn load(path: &Path) -> Result<Manifest, IngestError> {
        let bytes = std::fs::read(path).map_err(|source| IngestError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(path, &bytes)
    }

    /// Parses manifest bytes (`path` names it in errors).
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Manifest, IngestError> {
        let err = |line: u64, reason: String| IngestError::Manifest {
            path: path.to_path_buf(),
            line,
            reason,
        };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let headers = reader.headers().map_err(|e| err(1, e.to_string()))?.clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let file_col = col("file").ok_or_else(|| err(1, "no `file` column".into()))?;
        let cols = ["title", "published", "url", "publisher", "author"].map(col);
        let mut entries = HashMap::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                err(line, e.to_string())
            })?;
            let line = record.position().map_or(0, |p| p.line());
            let cell = |c: Option<usize>| {
                c.and_then(|i| record.get(i))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let Some(file) = cell(Some(file_col)) else {
                continue;
            };
            let published = match cell(cols[1]) {
                Some(d) => Some(DateRange::parse_iso(&d).ok_or_else(|| {
                    err(
                        line,
                        format!("published `{d}` is not YYYY, YYYY-MM or YYYY-MM-DD"),
                    )
                })?),
                None => None,
            };
            let entry = ManifestEntry {
                title: cell(cols[0]),
                published,
                url: cell(cols[2]),
                publisher: cell(cols[3]),
                author: cell(cols[4]),
            };
            entries.insert(file, entry);
        }
        Ok(Manifest {
            path: path.to_path_buf(),
            entries,
        })
    }

    /// The `manifest.csv` in a folder (or beside a file), if there is one.
    pub fn find_beside(dir: &Path) -> Option<PathBuf> {
        let folder = if dir.is_dir() { dir } else { dir.parent()? };
        let p = folder.join(MANIFEST_NAME);
        p.is_file().then_some(p)
    }

    /// The entry of a document, matched on its file name (or its path as
    /// written in the manifest).
    pub fn entry_for(&self, doc_path: &str) -> Option<&ManifestEntry> {
        let name = Path::new(doc_path).file_name()?.to_str()?;
        self.entries
            .get(name)
            .or_else(|| self.entries.get(doc_path))
    }

    /// Sets the document's metadata from its manifest row; the manifest wins
    /// where both say. Returns true when a row matched.
    pub fn apply(&self, doc: &mut Document) -> bool {
        let Some(e) = doc.path.as_deref().and_then(|p| self.entry_for(p)) else {
            return false;
        };
        let m = &mut doc.meta;
        let set = |slot: &mut Option<String>, v: &Option<String>| {
            if v.is_some() {
                slot.clone_from(v);
            }
        };
        set(&mut m.title, &e.title);
        set(&mut m.url, &e.url);
        set(&mut m.publisher, &e.publisher);
        set(&mut m.author, &e.author);
        if e.published.is_some() {
            m.published.clone_from(&e.published);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use evident_model::Precision;

    const CSV: &str = "file,title,published,url,publisher,author\n\
        a.txt,\"Title, with comma\",2019-01,http://x/a,Pub,Ann Author\n\
        b.html,,2014,,,\n";

    #[test]
    fn parses_and_applies() {
        let m = Manifest::parse(Path::new("manifest.csv"), CSV.as_bytes()).unwrap();
        assert_eq!(m.entries.len(), 2);
        let (mut doc, _) = crate::normalize_bytes(
            Path::new("dir/a.txt"),
            "txt",
            b"Own Title\n\nText.",
            &Default::default(),
        )
        .unwrap();
        assert!(m.apply(&mut doc));
        assert_eq!(doc.meta.title.as_deref(), Some("Title, with comma"));
        let p = doc.meta.published.unwrap();
        assert_eq!(
            (p.start.as_str(), p.precision),
            ("2019-01", Precision::Month)
        );
        assert_eq!(doc.meta.author.as_deref(), Some("Ann Author"));
        let (mut b, _) = crate::normalize_bytes(
            Path::new("b.html"),
            "html",
            b"<title>Page</title><p>Hello there.</p>",
            &Default::default(),
        )
        .unwrap();
        m.apply(&mut b);
        // Empty manifest cells keep the file's own metadata.
        assert_eq!(b.meta.title.as_deref(), Some("Page"));
        assert_eq!(b.meta.published.unwrap().precision, Precision::Year);
    }

    #[test]
    fn bad_date_names_manifest_and_line() {
        let csv = "file,title,published\nx.txt,T,05/01/2019\n";
        let e = Manifest::parse(Path::new("m/manifest.csv"), csv.as_bytes()).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("m/manifest.csv") && msg.contains("line 2"),
            "{msg}"
        );
        let e = Manifest::parse(Path::new("manifest.csv"), b"name,title\n").unwrap_err();
        assert!(e.to_string().contains("no `file` column"));
    }
}
