//! A sentence as the extractors see it: its entity mentions (plus subject
//! pronouns resolved to the last person named in the paragraph) and, on
//! demand, its masked form for the pattern templates.

use std::ops::Range;

use evident_model::EntityKind;
use evident_text::fold::fold_char;
use evident_text::Context;

use crate::template::kind_letter;

/// One entity reference inside a sentence.
#[derive(Debug, Clone)]
pub struct Ref<'a> {
    pub range: Range<usize>,
    pub entity: &'a str,
    pub kind: EntityKind,
}

/// A sentence with its references, in text order.
#[derive(Debug)]
pub struct Sent<'a> {
    pub range: Range<usize>,
    pub paragraph: usize,
    pub refs: Vec<Ref<'a>>,
}

/// Tracks the last person named, for `he`/`she` at the start of a clause.
#[derive(Debug, Default)]
pub struct Antecedent<'a> {
    paragraph: usize,
    person: Option<&'a str>,
}

impl<'a> Sent<'a> {
    /// Collects the references of sentence `i`, resolving pronouns, into
    /// `refs` (a spare list, so that no sentence allocates its own).
    /// `cursor` is where the previous sentence's mentions started.
    pub fn build(
        ctx: &'a Context,
        i: usize,
        ante: &mut Antecedent<'a>,
        mut refs: Vec<Ref<'a>>,
        cursor: &mut usize,
    ) -> Self {
        let s = &ctx.sentences[i];
        if ante.paragraph != s.paragraph {
            *ante = Antecedent {
                paragraph: s.paragraph,
                person: None,
            };
        }
        let inside = |m: &&evident_text::EntityMention| {
            m.range.start < m.range.end
                && m.range.end <= s.range.end
                && ctx.text.is_char_boundary(m.range.start)
                && ctx.text.is_char_boundary(m.range.end)
        };
        // Mentions that cross the sentence end or split a char are not ours to read.
        let all = mentions_at(ctx, &s.range, cursor);
        let mut mentions = all.iter().filter(inside).peekable();
        refs.clear();
        fn push<'a>(
            refs: &mut Vec<Ref<'a>>,
            ante: &mut Antecedent<'a>,
            m: &'a evident_text::EntityMention,
        ) {
            refs.push(Ref {
                range: m.range.clone(),
                entity: m.entity.as_str(),
                kind: m.kind,
            });
            if m.kind == EntityKind::Person {
                ante.person = Some(m.entity.as_str());
            }
        }
        // A pronoun stands for the last person named: with none yet, none to find.
        let resolvable = ante.person.is_some() || all.iter().any(|m| m.kind == EntityKind::Person);
        let range = if resolvable {
            s.range.clone()
        } else {
            s.range.start..s.range.start
        };
        for start in pronouns(ctx.text, range) {
            while let Some(m) = mentions.next_if(|m| m.range.start <= start) {
                push(&mut refs, ante, m);
            }
            if refs.last().is_some_and(|r| r.range.end > start) {
                continue;
            }
            if let Some(p) = ante.person {
                let len = if ctx.text[start..].starts_with(['s', 'S']) {
                    3
                } else {
                    2
                };
                refs.push(Ref {
                    range: start..start + len,
                    entity: p,
                    kind: EntityKind::Person,
                });
            }
        }
        for m in mentions {
            push(&mut refs, ante, m);
        }
        Sent {
            range: s.range.clone(),
            paragraph: s.paragraph,
            refs,
        }
    }

    /// Gives the list of references back, to be reused.
    pub fn into_refs(self) -> Vec<Ref<'a>> {
        self.refs
    }

    /// The masked form: folded to ASCII, white space collapsed, references as slot tokens.
    /// ASCII only, so kept as bytes.
    pub fn masked(&self, text: &str, out: &mut Vec<u8>) {
        out.clear();
        let mut pos = self.range.start;
        for (i, r) in self.refs.iter().enumerate() {
            if r.range.start < pos {
                continue;
            }
            push_folded(&text[pos..r.range.start], out);
            out.push(b'@');
            out.extend_from_slice(itoa(i, &mut [0u8; 8]).as_bytes());
            out.push(kind_letter(r.kind) as u8);
            out.push(b'@');
            pos = r.range.end;
        }
        push_folded(&text[pos..self.range.end], out);
    }
}

/// The mentions starting inside `range` (as `Context::mentions_in`), found
/// by moving `cursor` on from the previous sentence's: sentences come in
/// text order, so this reads each mention once instead of two binary searches.
fn mentions_at<'a>(
    ctx: &'a Context,
    range: &Range<usize>,
    cursor: &mut usize,
) -> &'a [evident_text::EntityMention] {
    let all = &ctx.mentions;
    let behind = cursor
        .checked_sub(1)
        .and_then(|c| all.get(c))
        .is_some_and(|m| m.range.start >= range.start);
    if behind || *cursor > all.len() {
        // Out of order: start afresh.
        *cursor = all.partition_point(|m| m.range.start < range.start);
    }
    while all
        .get(*cursor)
        .is_some_and(|m| m.range.start < range.start)
    {
        *cursor += 1;
    }
    let lo = *cursor;
    let n = all[lo..]
        .iter()
        .take_while(|m| m.range.start < range.end)
        .count();
    &all[lo..lo + n]
}

/// Starts of the subject pronouns he/she/He/She (whole words) in a range.
/// Jumps from one `h`/`H` to the next (a vectorised search), the rare bytes
/// of the pronouns, rather than testing every byte.
fn pronouns(text: &str, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let base = range.start;
    let bytes = &text.as_bytes()[range];
    let word = |b: u8| b.is_ascii_alphanumeric();
    memchr::memchr2_iter(b'h', b'H', bytes).filter_map(move |h| {
        if bytes.get(h + 1) != Some(&b'e') || bytes.get(h + 2).is_some_and(|&b| word(b)) {
            return None;
        }
        // "she" is a lower-case "h" after an "s" or "S"; "He" has no "s" before it.
        let start = match h.checked_sub(1).map(|j| bytes[j]) {
            Some(b's') | Some(b'S') if bytes[h] == b'h' => h - 1,
            _ => h,
        };
        let free = start == 0 || !word(bytes[start - 1]);
        free.then_some(base + start)
    })
}

/// Word starts and words (letters, digits, hyphens, apostrophes) of a range.
pub fn words(text: &str, range: Range<usize>) -> impl Iterator<Item = (usize, &str)> {
    let base = range.start;
    let slice = &text[range];
    let mut start: Option<usize> = None;
    let mut chars = slice
        .char_indices()
        .chain(std::iter::once((slice.len(), ' ')));
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            let word_char = c.is_alphanumeric() || c == '-' || c == '\'';
            match (start, word_char) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    start = None;
                    return Some((base + s, &slice[s..i]));
                }
                _ => {}
            }
        }
        None
    })
}

/// How the masked form writes each byte: an ASCII byte lower-cased, or one
/// of the marks below.
static FOLD_BYTE: [u8; 256] = fold_table();

/// ASCII white space (that of `char::is_whitespace`: tab to carriage return, space).
const WHITE: u8 = 0x80;
/// `@`, which only slot tokens may hold: written as a space.
const AT: u8 = 0x81;
/// A byte of a non-ASCII char: the char is decoded and folded.
const WIDE: u8 = 0x82;

const fn fold_table() -> [u8; 256] {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'\t'..=b'\r' | b' ' => WHITE,
            b'@' => AT,
            x => x.to_ascii_lowercase(),
        };
        b += 1;
    }
    t
}

fn push_folded(s: &str, out: &mut Vec<u8>) {
    let bytes = s.as_bytes();
    let from = out.len();
    let mut space = out.last() == Some(&b' ');
    // No byte gives more than one byte of the masked form: write into place.
    out.resize(from + bytes.len(), 0);
    let mut k = from;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let f = FOLD_BYTE[usize::from(b)];
        let put = if f < WHITE {
            space = false;
            i += 1;
            Some(f)
        } else if f == WIDE {
            let c = s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
            i += c.len_utf8();
            fold_wide(fold_char(c), &mut space)
        } else {
            let put = (f == AT || !space).then_some(b' ');
            space = true;
            i += 1;
            put
        };
        if let Some(x) = put {
            out[k] = x;
            k += 1;
        }
    }
    out.truncate(k);
}

/// The masked byte of the fold of a non-ASCII char, if any; `space` tells
/// whether the masked form ends with a space.
fn fold_wide(f: char, space: &mut bool) -> Option<u8> {
    if f.is_whitespace() {
        let put = (!*space).then_some(b' ');
        *space = true;
        put
    } else if f == '@' {
        *space = true;
        Some(b' ')
    } else if f.is_ascii() {
        *space = false;
        Some(f as u8)
    } else {
        // The patterns match ASCII only; other letters stay word characters.
        *space = false;
        Some(b'~')
    }
}

/// Formats a small number without allocating.
fn itoa(mut n: usize, buf: &mut [u8; 8]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or("0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_spaces_and_punctuation() {
        let w: Vec<&str> = words("He said: U.S.-led forces.", 0..25)
            .map(|(_, w)| w)
            .collect();
        assert_eq!(w, vec!["He", "said", "U", "S", "-led", "forces"]);
    }

    #[test]
    fn finds_pronouns() {
        let t = "He said she left; the shed, theme. She";
        let got: Vec<usize> = pronouns(t, 0..t.len()).collect();
        assert_eq!(got, vec![0, 8, 35]);
    }

    /// The char-by-char fold the byte fast path must agree with.
    fn folded_slowly(s: &str, out: &mut String) {
        for c in s.chars() {
            let f = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                fold_char(c)
            };
            if f.is_whitespace() {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            } else if f == '@' {
                out.push(' ');
            } else if f.is_ascii() {
                out.push(f);
            } else {
                out.push('~');
            }
        }
    }

    #[test]
    fn fast_fold_agrees_with_char_fold() {
        let cases = [
            "Plain  Text,\t\r\nwith @ signs @  and\u{b}tabs",
            "Caf\u{e9} \u{a0} \u{2013} \u{201c}Qu\u{f6}te\u{201d}\u{3000} \u{4e2d}\u{6587} end ",
            "\u{a0}\u{a0}start @@ x\u{2009}\u{2009}y",
        ];
        for c in cases {
            for prefix in ["", "a ", "@1p@"] {
                let (mut fast, mut slow) = (prefix.as_bytes().to_vec(), prefix.to_string());
                push_folded(c, &mut fast);
                folded_slowly(c, &mut slow);
                assert_eq!(fast, slow.as_bytes(), "{c:?}");
            }
        }
    }

    #[test]
    fn itoa_formats() {
        assert_eq!(itoa(0, &mut [0; 8]), "0");
        assert_eq!(itoa(407, &mut [0; 8]), "407");
    }
}
