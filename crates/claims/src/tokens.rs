//! A small tokenizer over ASCII-lower-cased text: words, numbers (with
//! their thousands separators and decimals) and single punctuation chars.
//! Byte offsets are those of the original text (ASCII lower-casing keeps
//! them). URLs and e-mail addresses produce no tokens: their digits are
//! never quantities or dates.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct,
}

/// One token: a byte range of the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Byte classes for the tokenizer's dispatch (one table load per byte).
const SPACE: u8 = 0;
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const OTHER: u8 = 3;

static CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_whitespace() {
            SPACE
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() || c >= 0x80 {
            LETTER
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// Tokens of `lower` (the text lower-cased with `to_ascii_lowercase`).
pub fn tokenize(lower: &str) -> Vec<Tok> {
    let b = lower.as_bytes();
    let mut out = Vec::with_capacity(lower.len() / 5);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match CLASS[usize::from(c)] {
            SPACE => i += 1,
            DIGIT => {
                let end = number_end(b, i);
                out.push(Tok {
                    start: i,
                    end,
                    kind: Kind::Num,
                });
                i = end;
            }
            LETTER => {
                if matches!(c, b'h' | b'w') && is_link_start(b, i) {
                    i = link_end(b, i);
                    continue;
                }
                let (end, kind) = word_end(lower, i);
                if let Some(kind) = kind {
                    out.push(Tok {
                        start: i,
                        end,
                        kind,
                    });
                }
                i = end;
            }
            _ => {
                let dot_decimal = c == b'.'
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit)
                    && (i == 0 || b[i - 1].is_ascii_whitespace());
                let end = if dot_decimal { number_end(b, i) } else { i + 1 };
                let kind = if dot_decimal { Kind::Num } else { Kind::Punct };
                out.push(Tok {
                    start: i,
                    end,
                    kind,
                });
                i = end;
            }
        }
    }
    out
}

/// End of a number: digits with inner `,` or `.` followed by a digit.
fn number_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        let sep = matches!(b[i], b',' | b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if b[i].is_ascii_digit() || sep {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// End of a word of letters; non-ASCII chars are letters when alphabetic,
/// else one punctuation token (typographic quotes, dashes, symbols).
fn word_end(s: &str, start: usize) -> (usize, Option<Kind>) {
    let b = s.as_bytes();
    let mut end = start;
    // Fast path: a run of ASCII letters.
    end = evident_text::scan::letters_end(b, end);
    if end < b.len() && b[end] < 0x80 {
        if end > start {
            return (end, Some(Kind::Word));
        }
    } else if end == b.len() && end > start {
        return (end, Some(Kind::Word));
    }
    let ascii_end = end;
    for (off, ch) in s[ascii_end..].char_indices() {
        if ch.is_alphabetic() {
            end = ascii_end + off + ch.len_utf8();
        } else {
            break;
        }
    }
    if end > start {
        return (end, Some(Kind::Word));
    }
    let ch_len = s[start..].chars().next().map_or(1, char::len_utf8);
    let ch = s[start..].chars().next().unwrap_or(' ');
    if ch.is_whitespace() {
        (start + ch_len, None)
    } else {
        (start + ch_len, Some(Kind::Punct))
    }
}

fn is_link_start(b: &[u8], i: usize) -> bool {
    let rest = &b[i..];
    let boundary = i == 0 || !b[i - 1].is_ascii_alphanumeric();
    boundary
        && (rest.starts_with(b"http://")
            || rest.starts_with(b"https://")
            || rest.starts_with(b"www."))
}

fn link_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b')' | b'>' | b']' | b'"') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn splits_numbers_words_and_punct() {
        assert_eq!(
            texts("about 2,000.5 men, 3."),
            vec!["about", "2,000.5", "men", ",", "3", "."]
        );
        assert_eq!(texts("700–1,400"), vec!["700", "–", "1,400"]);
    }

    #[test]
    fn skips_links() {
        assert_eq!(texts("see http://a.b/2015/x.pdf now"), vec!["see", "now"]);
    }
}
