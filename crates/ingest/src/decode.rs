//! Bytes to text: byte-order marks, UTF-8, a declared charset (HTML), else
//! the encoding chardetng guesses; binaries refused.

use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::{IngestError, Warning};

/// How many leading bytes are sniffed for NULs and for a charset declaration.
const SNIFF: usize = 8 * 1024;
/// Above this share of control chars, the "text" is binary.
const MAX_CONTROL_RATIO: f64 = 0.02;

/// Decodes `bytes`; `declared` is a charset label found in the file (HTML).
///
/// A UTF-8 BOM is kept as U+FEFF in the text: the spec's stored text is
/// "the file decoded as UTF-8", and readers that decode that way keep it,
/// so offsets agree. Other BOMs (UTF-16) are dropped by the decoder.
pub(crate) fn decode(
    path: &Path,
    bytes: &[u8],
    declared: Option<&str>,
    warnings: &mut Vec<Warning>,
) -> Result<String, IngestError> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, _)) if enc == UTF_8 => (UTF_8, bytes),
        Some((enc, bom)) => (enc, &bytes[bom..]),
        None => (sniff(path, bytes, declared)?, bytes),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        warnings.push(Warning {
            path: path.to_path_buf(),
            message: format!(
                "some bytes are not valid {}; they were replaced by U+FFFD (re-save the file as UTF-8)",
                encoding.name()
            ),
        });
    }
    if encoding != UTF_8 && Encoding::for_bom(bytes).is_none() {
        warnings.push(Warning {
            path: path.to_path_buf(),
            message: format!("not UTF-8: decoded as {}", encoding.name()),
        });
    }
    check_controls(path, &text)?;
    Ok(text.into_owned())
}

/// The encoding of BOM-less bytes: UTF-8 when valid, UTF-16 when NULs
/// alternate, the declared charset, else chardetng's guess. NULs in any
/// other pattern mean a binary file.
fn sniff(
    path: &Path,
    bytes: &[u8],
    declared: Option<&str>,
) -> Result<&'static Encoding, IngestError> {
    let head = &bytes[..bytes.len().min(SNIFF)];
    if head.contains(&0) {
        return utf16_by_nuls(head).ok_or_else(|| IngestError::Binary {
            path: path.to_path_buf(),
            reason: "it contains NUL bytes".into(),
        });
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(UTF_8);
    }
    if let Some(enc) = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        // A page declaring UTF-8 that is not valid UTF-8 is better guessed.
        if enc != UTF_8 && enc != UTF_16LE && enc != UTF_16BE {
            return Ok(enc);
        }
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    Ok(det.guess(None, chardetng::Utf8Detection::Allow))
}

/// UTF-16 without a BOM: ASCII text has a NUL in every other byte.
fn utf16_by_nuls(head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len() / 2;
    if pairs == 0 {
        return None;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 10 >= pairs * 4 && even * 20 <= pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 4 && odd * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Refuses text with many control chars (other than tab, newlines, form feed).
fn check_controls(path: &Path, text: &str) -> Result<(), IngestError> {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            controls += 1;
        }
    }
    if total > 0 && controls as f64 / total as f64 > MAX_CONTROL_RATIO {
        return Err(IngestError::Binary {
            path: path.to_path_buf(),
            reason: format!("{controls} control characters in its first {total} characters"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> (Result<String, IngestError>, Vec<Warning>) {
        let mut w = Vec::new();
        (decode(Path::new("t.txt"), bytes, None, &mut w), w)
    }

    #[test]
    fn utf8_plain_and_with_bom() {
        assert_eq!(dec("Ürümqi — x".as_bytes()).0.unwrap(), "Ürümqi — x");
        assert_eq!(dec(b"\xEF\xBB\xBFabc").0.unwrap(), "\u{feff}abc");
    }

    #[test]
    fn windows_1252() {
        // “Smart quotes” and café in Windows-1252.
        let bytes = b"\x93Smart quotes\x94 in the caf\xe9 near the station, said the report.";
        let (text, w) = dec(bytes);
        assert_eq!(
            text.unwrap(),
            "“Smart quotes” in the café near the station, said the report."
        );
        assert!(w[0].message.contains("windows-1252"));
    }

    #[test]
    fn utf16le_with_and_without_bom() {
        let s = "Kashgar, 2014\r\nline two";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(dec(&bytes).0.unwrap(), s);
        let no_bom: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(dec(&no_bom).0.unwrap(), s);
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(s.encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(dec(&be).0.unwrap(), s);
    }

    #[test]
    fn binaries_are_refused() {
        let bin = [
            0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0,
        ];
        let err = dec(&bin).0.unwrap_err();
        assert!(matches!(err, IngestError::Binary { .. }));
        assert!(err.to_string().contains("t.txt"));
        let controls: Vec<u8> = (0..200)
            .map(|i| if i % 5 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(matches!(dec(&controls).0, Err(IngestError::Binary { .. })));
    }

    #[test]
    fn declared_charset_is_used_for_invalid_utf8() {
        let mut w = Vec::new();
        let t = decode(Path::new("p.html"), b"caf\xe9", Some("iso-8859-1"), &mut w).unwrap();
        assert_eq!(t, "café");
    }
}
