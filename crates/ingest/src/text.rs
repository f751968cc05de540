//! Plain text and markdown: decoded verbatim (only `\r\n` → `\n`), title
//! from the first line that is neither furniture nor markup.

use std::path::Path;

use evident_model::{CharIndex, DocMeta, Structure};

use crate::structure::{detect_structure, strip_markup};
use crate::{decode, IngestError, Read, Warning};

/// Longest title kept from a first line; longer lines are cut at a word.
const MAX_TITLE: usize = 200;

pub(crate) fn read(
    path: &Path,
    bytes: &[u8],
    _markdown: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Read, IngestError> {
    let decoded = decode::decode(path, bytes, None, warnings)?;
    // The spec's stored text: the decoded file with CRLF turned into LF, nothing else.
    let text = if decoded.contains("\r\n") {
        decoded.replace("\r\n", "\n")
    } else {
        decoded
    };
    let structure = detect_structure(&text);
    let meta = DocMeta {
        title: title(&text, &structure),
        ..DocMeta::default()
    };
    Ok(Read {
        text,
        meta,
        structure,
    })
}

/// The first non-empty line with a letter or digit that is not site
/// furniture, without markdown `#`s and emphasis.
pub(crate) fn title(text: &str, structure: &Structure) -> Option<String> {
    let index = CharIndex::new(text);
    let skip: Vec<std::ops::Range<usize>> = structure
        .non_article
        .iter()
        .map(|s| index.bytes(*s))
        .collect();
    let mut pos = 0;
    for line in text.split('\n') {
        let start = pos;
        pos += line.len() + 1;
        let t = strip_markup(line.trim_start_matches('\u{feff}'));
        if !t.chars().any(char::is_alphanumeric)
            || skip.iter().any(|r| r.start < pos && start < r.end)
        {
            continue;
        }
        let t = strip_markup(t.trim_start_matches('#'));
        return Some(shorten(t, MAX_TITLE));
    }
    None
}

/// At most `max` chars, cut at a word boundary, with "…" when cut.
pub(crate) fn shorten(t: &str, max: usize) -> String {
    if t.chars().count() <= max {
        return t.to_string();
    }
    let cut: String = t.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_txt(bytes: &[u8]) -> Read {
        read(Path::new("t.txt"), bytes, false, &mut Vec::new()).unwrap()
    }

    #[test]
    fn crlf_only_is_normalised() {
        let r = read_txt(b"  Title  \r\nline\ttab\r\rlone cr\r\n\r\n\n  end  ");
        assert_eq!(r.text, "  Title  \nline\ttab\r\rlone cr\n\n\n  end  ");
    }

    #[test]
    fn title_skips_rules_furniture_and_markdown() {
        let r =
            read_txt(b"---\n\nThis story is over 5 years old.\n\n# **The Real Title**\n\nBody.");
        assert_eq!(r.meta.title.as_deref(), Some("The Real Title"));
    }

    #[test]
    fn markdown_headings_detected() {
        let r = read(
            Path::new("a.md"),
            b"# Top\n\nSome text here.\n\n## Second Level\n\nMore.",
            true,
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(r.structure.headings.len(), 2);
        assert_eq!(r.meta.title.as_deref(), Some("Top"));
    }

    #[test]
    fn long_first_line_title_is_cut() {
        let t = shorten(&"word ".repeat(100), 20);
        assert!(t.ends_with('…') && t.chars().count() <= 21);
    }
}
