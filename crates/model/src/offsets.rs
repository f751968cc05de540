//! Conversion between byte offsets (what Rust string APIs use) and char
//! offsets (what spans in the model and the export use).

use crate::Span;

/// A table from byte offsets to char offsets of one text, and back.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of each char, plus the text length at the end.
    byte_of_char: Vec<usize>,
    ascii: bool,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let ascii = text.is_ascii();
        let byte_of_char = if ascii {
            Vec::new()
        } else {
            let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            v.push(text.len());
            v
        };
        CharIndex {
            byte_of_char: if ascii {
                vec![text.len()]
            } else {
                byte_of_char
            },
            ascii,
        }
    }

    /// Number of chars in the text.
    pub fn chars(&self) -> usize {
        if self.ascii {
            self.byte_of_char[0]
        } else {
            self.byte_of_char.len() - 1
        }
    }

    /// The char offset of a byte offset (rounded down to a char boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        if self.ascii {
            return byte.min(self.byte_of_char[0]);
        }
        match self.byte_of_char.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset of a char offset (clamped to the text's end).
    pub fn byte_of(&self, ch: usize) -> usize {
        if self.ascii {
            return ch.min(self.byte_of_char[0]);
        }
        self.byte_of_char[ch.min(self.byte_of_char.len() - 1)]
    }

    /// A char span from a byte range.
    pub fn span(&self, bytes: std::ops::Range<usize>) -> Span {
        Span::new(self.char_of(bytes.start), self.char_of(bytes.end))
    }

    /// A byte range from a char span.
    pub fn bytes(&self, span: Span) -> std::ops::Range<usize> {
        self.byte_of(span.start)..self.byte_of(span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_non_ascii() {
        let t = "China’s Türkiye";
        let ix = CharIndex::new(t);
        let b = t.find("Türkiye").unwrap();
        let s = ix.span(b..t.len());
        assert_eq!(s, Span::new(8, 15));
        assert_eq!(&t[ix.bytes(s)], "Türkiye");
        assert_eq!(ix.chars(), t.chars().count());
    }

    #[test]
    fn ascii_is_identity() {
        let ix = CharIndex::new("abc");
        assert_eq!(ix.char_of(2), 2);
        assert_eq!(ix.byte_of(9), 3);
    }
}
