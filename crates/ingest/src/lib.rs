//! Ingest: turns files (`.txt`, `.md`, `.html`/`.htm`, `.pdf`) into
//! [`Document`]s with verbatim normalised text, metadata and structure.
//!
//! STUB: the public API below is the contract the CLI uses; the bodies are
//! being filled in (encoding detection, HTML main content, PDF, tables).

use std::path::{Path, PathBuf};

use evident_model::Document;

pub mod structure;
use sha2::{Digest, Sha256};
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

/// Why a file could not be ingested. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: unsupported file type (expected .txt, .md, .html, .htm or .pdf)")]
    Unsupported { path: PathBuf },
    #[error("{path}: {reason}")]
    Invalid { path: PathBuf, reason: String },
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

/// Reads one file into a document.
pub fn read_path(path: &Path, _opts: &Options) -> Result<(Document, Vec<Warning>), IngestError> {
    let bytes = std::fs::read(path).map_err(|source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    let structure = detect_structure(&text);
    let doc = Document {
        id: document_id(&bytes),
        path: Some(path.display().to_string()),
        format: "txt".into(),
        meta: Default::default(),
        text,
        structure,
        supersedes: None,
    };
    Ok((doc, Vec::new()))
}
