//! Normalisation for matching: the folding (lower case, no diacritics,
//! straight apostrophes, hyphens and whitespace runs as one space) that
//! lexicon aliases get and that the matcher applies to the text as it reads
//! it, a folded copy with a map back to the original bytes, and the slugs
//! that make entity ids.

use evident_text::fold::fold_char;

/// How each ASCII byte folds: lower case, dashes and whitespace to a space,
/// a backtick to an apostrophe.
const ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = match i as u8 {
            b @ b'A'..=b'Z' => b + 32,
            b'-' | b'\t' | b'\n' | b'\r' => b' ',
            b'`' => b'\'',
            b => b,
        };
        i += 1;
    }
    t
};

/// A folded copy of a text and the way back to the original bytes.
pub struct Folded {
    /// The folded text (mostly ASCII, always UTF-8).
    pub bytes: Vec<u8>,
    /// Where the offset between folded and original bytes changes: pairs of
    /// (folded byte, original byte), sorted. Sparse: ASCII text adds an entry
    /// only at a collapsed whitespace run or a folded non-ASCII char.
    shifts: Vec<(u32, u32)>,
}

impl Folded {
    /// Folds `text`. Linear; ASCII bytes take a fast path.
    pub fn new(text: &str) -> Self {
        let src = text.as_bytes();
        let mut out: Vec<u8> = Vec::with_capacity(src.len() + 8);
        let mut shifts: Vec<(u32, u32)> = vec![(0, 0)];
        // The offset between folded and original bytes changes only after a
        // dropped byte or a non-ASCII char: then the next ASCII byte opens a
        // new shift.
        let mut need_shift = false;
        let mut last_space = true;
        let mut i = 0;
        while i < src.len() {
            let b = src[i];
            if b < 0x80 {
                let f = ASCII_FOLD[b as usize];
                let space = f == b' ';
                if space && last_space {
                    need_shift = true;
                } else {
                    if need_shift {
                        shifts.push((out.len() as u32, i as u32));
                        need_shift = false;
                    }
                    out.push(f);
                    last_space = space;
                }
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            let f = fold_one(c);
            if f != ' ' || !last_space {
                // Every byte of a folded char maps to the char's start.
                let mut buf = [0u8; 4];
                for &byte in f.encode_utf8(&mut buf).as_bytes() {
                    shifts.push((out.len() as u32, i as u32));
                    out.push(byte);
                }
            }
            need_shift = true;
            last_space = f == ' ';
            i += c.len_utf8();
        }
        Folded { bytes: out, shifts }
    }

    /// The folded text as a string.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes).unwrap_or_default()
    }

    /// The original byte offset of a folded byte.
    pub fn start_of(&self, folded: usize) -> usize {
        let k = self.shifts.partition_point(|&(f, _)| f as usize <= folded);
        let (f, o) = self.shifts[k.saturating_sub(1)];
        o as usize + (folded - f as usize)
    }

    /// The original byte range of a folded byte range (`end` exclusive).
    pub fn original(&self, original: &str, start: usize, end: usize) -> std::ops::Range<usize> {
        let s = self.start_of(start);
        let last = self.start_of(end - 1);
        let len = original[last..].chars().next().map_or(1, char::len_utf8);
        s..last + len
    }
}

/// Folds one ASCII byte the way [`Folded`] does.
pub fn fold_ascii(b: u8) -> u8 {
    ASCII_FOLD[(b & 0x7f) as usize]
}

/// Folds one char the way [`Folded`] does (whitespace and dashes become a space).
pub fn fold_one(c: char) -> char {
    if c.is_ascii() {
        return match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            '-' | '\t' | '\n' | '\r' | ' ' => ' ',
            '`' => '\'',
            _ => c,
        };
    }
    if c.is_whitespace() {
        return ' ';
    }
    match fold_char(c) {
        '-' => ' ',
        f => f,
    }
}

/// Folds a lexicon alias exactly as the text is folded.
pub fn fold_alias(s: &str) -> String {
    let s = s.trim();
    if !s.is_ascii() {
        return Folded::new(s).as_str().trim().to_string();
    }
    // Names found by shape are mostly ASCII: folded byte by byte as
    // `Folded::new` does, without its map back to the original.
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for &b in s.as_bytes() {
        let f = fold_ascii(b);
        let space = f == b' ';
        if !(space && last_space) {
            out.push(f as char);
            last_space = space;
        }
    }
    match out.trim() {
        t if t.len() == out.len() => out,
        t => t.to_string(),
    }
}

/// The slug of a name for an entity id: folded, words joined by `-`,
/// single-letter initials dropped ("James A. Millward" → "james-millward").
pub fn slug(name: &str) -> String {
    slug_of_folded(&fold_alias(name))
}

/// [`slug`] of a name already folded by [`fold_alias`].
pub fn slug_of_folded(folded: &str) -> String {
    if folded.is_ascii() {
        return ascii_slug(folded);
    }
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let keep: Vec<&str> = if words.len() > 2 {
        words
            .iter()
            .copied()
            .filter(|w| w.chars().count() > 1)
            .collect()
    } else {
        words
    };
    keep.join("-")
}

/// True if a surface has no whitespace but single spaces (then it is its
/// own alias, else its cleaned form is).
pub fn is_plain(raw: &str) -> bool {
    let mut last_space = false;
    for &c in raw.as_bytes() {
        if c >= 0x80 {
            return is_plain_chars(raw);
        }
        // ASCII whitespace as `char::is_whitespace` has it, the space aside.
        if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r') || (c == b' ' && last_space) {
            return false;
        }
        last_space = c == b' ';
    }
    true
}

/// [`is_plain`] for a surface with non-ASCII chars.
fn is_plain_chars(raw: &str) -> bool {
    !raw.contains("  ") && !raw.contains(|c: char| c.is_whitespace() && c != ' ')
}

/// [`slug`] of an ASCII folded name, without collecting its words.
fn ascii_slug(folded: &str) -> String {
    let words = || {
        folded
            .as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    let many = words().nth(2).is_some();
    let mut out = String::with_capacity(folded.len());
    for w in words().filter(|w| !many || w.len() > 1) {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(w.iter().map(|&b| b as char));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_dashes_spaces_and_apostrophes() {
        let t = "China’s  Xinjiang\u{a0}Uyghur — Türkiye al-Qaeda";
        let f = Folded::new(t);
        assert_eq!(f.as_str(), "china's xinjiang uyghur turkiye al qaeda");
    }

    #[test]
    fn ascii_aliases_fold_as_the_text_does() {
        for s in [
            " Islamic  State ",
            "al-Qaeda\t-",
            "-Ahrar al-Sham-",
            "X\u{0B}",
            "\u{0C} a\r\nB`s ",
            "--",
            "",
        ] {
            let slow = Folded::new(s.trim()).as_str().trim().to_string();
            assert_eq!(fold_alias(s), slow, "{s:?}");
        }
    }

    #[test]
    fn maps_folded_ranges_back_to_the_original() {
        let t = "In Türkiye’s capital";
        let f = Folded::new(t);
        let at = f.as_str().find("turkiye").unwrap();
        let r = f.original(t, at, at + "turkiye".len());
        assert_eq!(&t[r], "Türkiye");
    }

    #[test]
    fn maps_across_collapsed_spaces_and_wide_chars() {
        let t = "a  “Islamic\n\n State” 中国 Idlib";
        let f = Folded::new(t);
        assert_eq!(f.as_str(), "a \"islamic state\" 中国 idlib");
        for word in ["islamic state", "中国", "idlib"] {
            let at = f.as_str().find(word).unwrap();
            let r = f.original(t, at, at + word.len());
            assert_eq!(super::fold_alias(&t[r]), word);
        }
    }

    #[test]
    fn aliases_fold_like_text() {
        assert_eq!(fold_alias("Al-Qa'ida"), "al qa'ida");
        assert_eq!(fold_alias("U.S."), "u.s.");
    }

    #[test]
    fn slugs_drop_initials_and_punctuation() {
        assert_eq!(slug("James A. Millward"), "james-millward");
        assert_eq!(slug("Mathieu Duchâtel"), "mathieu-duchatel");
        assert_eq!(slug("Abu Bakr al-Baghdadi"), "abu-bakr-al-baghdadi");
        assert_eq!(slug("Islamic State"), "islamic-state");
        // Initials are dropped only from longer names.
        assert_eq!(slug("A. Millward"), "a-millward");
        assert_eq!(slug("Türkiye Office"), "turkiye-office");
        assert_eq!(slug("X Y Z"), "");
        assert_eq!(slug("..."), "");
    }
}
