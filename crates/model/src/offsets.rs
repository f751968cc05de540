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
    /// For every 64th char, the block that holds it: where a char-to-byte
    /// lookup starts (its block is at most four blocks further).
    block_of_char: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Block {
    /// Chars that start before the block.
    before: usize,
    /// Bit `i` is set when byte `i` of the block starts a char.
    starts: u64,
}

const BLOCK: usize = 64;

/// The mask of the bytes of a block (at most 64) that start a char, eight
/// bytes at a time: a byte continues a char when its top bits are `10`.
fn char_starts(chunk: &[u8]) -> u64 {
    let mut mask = 0u64;
    let mut words = chunk.chunks_exact(8);
    for (k, word) in words.by_ref().enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(word);
        mask |= starts_of_word(u64::from_le_bytes(b)) << (8 * k);
    }
    let done = chunk.len() - words.remainder().len();
    for (k, byte) in words.remainder().iter().enumerate() {
        mask |= u64::from(byte & 0xC0 != 0x80) << (done + k);
    }
    mask
}

/// The char starts among eight bytes, as the low eight bits (byte k → bit k).
fn starts_of_word(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bit 7 of each byte: set for a start (not `10xxxxxx`).
    let starts = !(x & !(x << 1)) & HIGH;
    // Gather the eight bit-7s into one byte; the partial products never overlap.
    ((starts >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The position of the `n`th (from 0) set bit of `x`, which has more than `n`.
fn nth_set_bit(mut x: u64, mut n: usize) -> usize {
    let mut base = 0;
    loop {
        let in_byte = (x & 0xFF).count_ones() as usize;
        if n < in_byte {
            break;
        }
        n -= in_byte;
        x >>= 8;
        base += 8;
    }
    for _ in 0..n {
        x &= x - 1; // drop the lowest set bit
    }
    base + x.trailing_zeros() as usize
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        if bytes.is_ascii() {
            return CharIndex {
                len: bytes.len(),
                chars: bytes.len(),
                blocks: Vec::new(),
                block_of_char: Vec::new(),
            };
        }
        let mut blocks = Vec::with_capacity(bytes.len().div_ceil(BLOCK));
        let mut block_of_char = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut before = 0;
        for (k, chunk) in bytes.chunks(BLOCK).enumerate() {
            let starts = char_starts(chunk);
            blocks.push(Block { before, starts });
            before += starts.count_ones() as usize;
            // Every multiple of 64 among the chars now counted lies in block k.
            while block_of_char.len() * BLOCK < before {
                block_of_char.push(u32::try_from(k).unwrap_or(u32::MAX));
            }
        }
        CharIndex {
            len: bytes.len(),
            chars: before,
            blocks,
            block_of_char,
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
        let mut at = self.block_of_char[ch / BLOCK] as usize;
        while self.blocks.get(at + 1).is_some_and(|b| b.before <= ch) {
            at += 1;
        }
        let block = self.blocks[at];
        // A block of single-byte chars (most of them) needs no bit search.
        if block.starts == u64::MAX {
            return at * BLOCK + (ch - block.before);
        }
        at * BLOCK + nth_set_bit(block.starts, ch - block.before)
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
        let t =
            "é".repeat(40) + &"a".repeat(70) + "’x—y" + &"ü".repeat(100) + &"😀".repeat(50) + "z";
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
