//! Ingest: turns files (`.txt`, `.md`, `.html`/`.htm`, `.pdf`) into
//! [`Document`]s with verbatim normalised text, metadata and structure.
//!
//! - Text and markdown: the bytes decoded (BOM, UTF-8, else the encoding
//!   chardetng guesses) with `\r\n` turned into `\n` and nothing else
//!   changed, so spans match the file as the interchange spec says.
//! - HTML: the main content (scripts, menus, footers and teasers dropped),
//!   one block per paragraph, heading, list item or table (tab-separated
//!   cells, one row per line), with metadata from meta tags and JSON-LD.
//! - PDF: text in reading order, de-hyphenated, without running headers,
//!   footers and page numbers, lines of a paragraph joined.
//!
//! Every format ends with [`detect_structure`] (or the HTML's own structure),
//! so extractors see paragraphs, headings, tables and non-article regions
//! as char spans of the stored text. Manifests (`manifest.csv`) and
//! discovery of files in folders are here too; applying a manifest is the
//! caller's choice ([`Manifest::apply`]).

use std::path::{Path, PathBuf};

use evident_model::{DocMeta, Document};
use sha2::{Digest, Sha256};

mod decode;
mod discover;
mod html;
mod lang;
mod manifest;
mod pdf;
pub mod structure;
mod text;

pub use discover::discover;
pub use manifest::{Manifest, ManifestEntry, MANIFEST_NAME};
pub use structure::detect_structure;

/// Options of a read.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files larger than this are refused.
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Why a file could not be ingested. Every message names the file and says
/// what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: cannot read: {source} (check that the path exists and is readable)")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}: skipped: unsupported file type (convert it to .txt, .md, .html, .htm or .pdf)"
    )]
    Unsupported { path: PathBuf },
    #[error("{path}: {reason}")]
    Invalid { path: PathBuf, reason: String },
    #[error("{path}: the file is empty or holds only whitespace (nothing to ingest; remove it or add the text)")]
    Empty { path: PathBuf },
    #[error("{path}: {size} bytes is over the limit of {max} bytes (split the file or raise the size limit)")]
    TooLarge { path: PathBuf, size: u64, max: u64 },
    #[error("{path}: looks like a binary file, not text ({reason}); convert it to .txt, .md, .html or .pdf")]
    Binary { path: PathBuf, reason: String },
    #[error("{path}: cannot read the PDF: {reason} (check that it opens in a PDF viewer, or save its text as .txt)")]
    Pdf { path: PathBuf, reason: String },
    #[error("{path}: line {line}: {reason} (the manifest needs the columns file,title,published,url,publisher,author)")]
    Manifest {
        path: PathBuf,
        line: u64,
        reason: String,
    },
}

impl IngestError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            IngestError::Io { path, .. }
            | IngestError::Unsupported { path }
            | IngestError::Invalid { path, .. }
            | IngestError::Empty { path }
            | IngestError::TooLarge { path, .. }
            | IngestError::Binary { path, .. }
            | IngestError::Pdf { path, .. }
            | IngestError::Manifest { path, .. } => path,
        }
    }
}

/// A non-fatal problem with a document that was still ingested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub message: String,
}

/// The SHA-256 of raw bytes, lower-case hex: a document's id.
pub fn document_id(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The format (`txt`, `md`, `html`, `pdf`) of a path, from its extension.
pub fn format_of(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "text" => "txt",
        "md" | "markdown" => "md",
        "html" | "htm" | "xhtml" => "html",
        "pdf" => "pdf",
        _ => return None,
    })
}

/// Reads one file into a document (manifests are not applied here).
pub fn read_path(path: &Path, opts: &Options) -> Result<(Document, Vec<Warning>), IngestError> {
    let format = format_of(path).ok_or_else(|| IngestError::Unsupported {
        path: path.to_path_buf(),
    })?;
    let io = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    check_size(path, size, opts)?;
    let bytes = std::fs::read(path).map_err(io)?;
    normalize_bytes(path, format, &bytes, opts)
}

fn check_size(path: &Path, size: u64, opts: &Options) -> Result<(), IngestError> {
    if size == 0 {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    if size > opts.max_bytes {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            size,
            max: opts.max_bytes,
        });
    }
    Ok(())
}

/// Turns the bytes of a file of `format` (`txt`, `md`, `html`/`htm`, `pdf`)
/// into a document; `path_for_messages` names it in errors and becomes the
/// document's path.
pub fn normalize_bytes(
    path_for_messages: &Path,
    format: &str,
    bytes: &[u8],
    opts: &Options,
) -> Result<(Document, Vec<Warning>), IngestError> {
    let path = path_for_messages;
    check_size(path, bytes.len() as u64, opts)?;
    let mut warnings = Vec::new();
    let (format, read) = match format {
        "txt" | "text" => ("txt", text::read(path, bytes, false, &mut warnings)?),
        "md" | "markdown" => ("md", text::read(path, bytes, true, &mut warnings)?),
        "html" | "htm" | "xhtml" => ("html", html::read(path, bytes, &mut warnings)?),
        "pdf" => ("pdf", pdf::read(path, bytes, &mut warnings)?),
        _ => {
            return Err(IngestError::Unsupported {
                path: path.to_path_buf(),
            })
        }
    };
    if read.text.trim().is_empty() {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    let mut meta = read.meta;
    if meta.language.is_none() {
        meta.language = lang::detect(&read.text);
    }
    let doc = Document {
        id: document_id(bytes),
        path: Some(path.display().to_string()),
        format: format.to_string(),
        meta,
        text: read.text,
        structure: read.structure,
        supersedes: None,
    };
    Ok((doc, warnings))
}

/// What a format reader gives back.
pub(crate) struct Read {
    pub text: String,
    pub meta: DocMeta,
    pub structure: evident_model::Structure,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_unsupported_empty_and_large() {
        let opts = Options { max_bytes: 10 };
        let p = Path::new("x.txt");
        assert!(matches!(
            normalize_bytes(p, "txt", b"", &opts),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            normalize_bytes(p, "txt", b"   \n\n  ", &opts),
            Err(IngestError::Empty { .. })
        ));
        let err = normalize_bytes(p, "txt", &[b'a'; 11], &opts).unwrap_err();
        assert!(err.to_string().contains("x.txt"));
        assert!(matches!(err, IngestError::TooLarge { size: 11, .. }));
        assert!(matches!(
            read_path(Path::new("a.docx"), &opts),
            Err(IngestError::Unsupported { .. })
        ));
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(format_of(Path::new("a/B.HTM")), Some("html"));
        assert_eq!(format_of(Path::new("a.md")), Some("md"));
        assert_eq!(format_of(Path::new("a.csv")), None);
        assert_eq!(format_of(Path::new("README")), None);
    }

    #[test]
    fn reads_a_file_from_disk() {
        let dir = std::env::temp_dir().join(format!("evident-ingest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("note.txt");
        std::fs::write(&f, "Title Line\r\n\r\nBody text.\r\n").unwrap();
        let (doc, w) = read_path(&f, &Options::default()).unwrap();
        assert!(w.is_empty());
        assert_eq!(doc.text, "Title Line\n\nBody text.\n");
        assert_eq!(doc.format, "txt");
        assert_eq!(doc.meta.title.as_deref(), Some("Title Line"));
        assert_eq!(doc.id, document_id(b"Title Line\r\n\r\nBody text.\r\n"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
