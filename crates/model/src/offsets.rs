//! Conversion between byte offsets (what Rust string APIs use) and char
//! offsets (what spans in the model and the export use).

use crate::Span;

/// A table from byte offsets to char offsets of one text, and back.
///
/// Non-ASCII texts are indexed by 64-byte blocks: the number of chars before
/// each block and a bit mask of the bytes that start a char. That is 16 bytes
/// per 64 bytes of text (a table of every char's offset would be 8 bytes per
/// char), and a byte offset converts in constant time with one popcount.
#[derive(Debug, Clone)]
pub struct CharIndex {
    len: usize,
    chars: usize,
    /// Empty for an ASCII text, where byte and char offsets are the same.
    blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy)]
struct Block {
    /// Chars that start before the block.
    before: usize,
    /// Bit `i` is set when byte `i` of the block starts a char.
    starts: u64,
}

const BLOCK: usize = 64;

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        if bytes.is_ascii() {
            return CharIndex {
                len: bytes.len(),
                chars: bytes.len(),
                blocks: Vec::new(),
            };
        }
        let mut blocks = Vec::with_capacity(bytes.len().div_ceil(BLOCK));
        let mut before = 0;
        for chunk in bytes.chunks(BLOCK) {
            let starts = chunk
                .iter()
                .enumerate()
                .filter(|(_, b)| (**b & 0xC0) != 0x80)
                .fold(0u64, |m, (i, _)| m | (1 << i));
            blocks.push(Block { before, starts });
            before += starts.count_ones() as usize;
        }
        CharIndex {
            len: bytes.len(),
            chars: before,
            blocks,
        }
    }

    /// Number of chars in the text.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// The char offset of a byte offset (rounded down to a char boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        if byte >= self.len {
            return self.chars;
        }
        let Some(block) = self.blocks.get(byte / BLOCK) else {
            return byte;
        };
        // Chars starting at or before `byte`, less one: the char that holds it.
        let upto = u64::MAX >> (BLOCK - 1 - byte % BLOCK);
        block.before + (block.starts & upto).count_ones() as usize - 1
    }

    /// The byte offset of a char offset (clamped to the text's end).
    pub fn byte_of(&self, ch: usize) -> usize {
        if ch >= self.chars {
            return self.len;
        }
        if self.blocks.is_empty() {
            return ch;
        }
        let at = self.blocks.partition_point(|b| b.before <= ch) - 1;
        let block = self.blocks[at];
        let mut starts = block.starts;
        for _ in 0..ch - block.before {
            starts &= starts - 1; // drop the lowest char start
        }
        at * BLOCK + starts.trailing_zeros() as usize
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

    /// The plain definition: the char that holds each byte, by counting.
    fn naive_char_of(t: &str, byte: usize) -> usize {
        t.char_indices()
            .take_while(|(b, _)| *b <= byte)
            .count()
            .max(1)
            - 1
    }

    #[test]
    fn agrees_with_counting_across_blocks() {
        let t = "é".repeat(40) + &"a".repeat(70) + "’x—y" + &"ü".repeat(100);
        let ix = CharIndex::new(&t);
        assert_eq!(ix.chars(), t.chars().count());
        for byte in 0..t.len() {
            assert_eq!(ix.char_of(byte), naive_char_of(&t, byte), "byte {byte}");
        }
        assert_eq!(ix.char_of(t.len()), ix.chars());
        assert_eq!(ix.char_of(t.len() + 5), ix.chars());
        for (ch, (byte, _)) in t.char_indices().enumerate() {
            assert_eq!(ix.byte_of(ch), byte, "char {ch}");
        }
        assert_eq!(ix.byte_of(ix.chars() + 3), t.len());
    }
}
