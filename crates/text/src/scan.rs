//! Byte scans that test eight bytes at a time in a `u64` (SWAR), where a
//! byte-by-byte loop costs several instructions per byte: letter runs
//! (most words fit in one test) and the search for capitals. (Gaps between
//! words are mostly one space: a byte loop is cheaper there.) Shared by the
//! extractors' tokenizers.
//!
//! Each lane test leaves the high bit of a byte lane set where the byte
//! qualifies; the first such lane is the answer.

/// Byte classes for the tokenizers, one lookup a byte: an ASCII byte outside
/// words ([`GAP`]), an ASCII letter or digit ([`ALNUM`]), a byte of a
/// multi-byte char ([`MULTI`]).
pub const BYTE_CLASS: [u8; 256] = {
    let mut t = [MULTI; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_alphanumeric() {
            ALNUM
        } else {
            GAP
        };
        b += 1;
    }
    t
};
pub const GAP: u8 = 0;
pub const ALNUM: u8 = 1;
pub const MULTI: u8 = 2;

/// One in every byte lane.
const LO: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte lane.
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit of the lanes of `y` (7-bit values) that are `>= c`.
#[inline]
fn ge(y: u64, c: u8) -> u64 {
    // A lane plus 0x80 - c reaches 0x80 exactly when it is >= c, and stays
    // below 0x100, so no carry crosses lanes.
    y + (0x80 - c as u64) * LO
}

/// High bit of the lanes of `y` (7-bit values) that are `<= c`.
#[inline]
fn le(y: u64, c: u8) -> u64 {
    !(y + (0x7f - c as u64) * LO)
}

/// The lanes holding an ASCII letter or digit.
#[inline]
fn alnum(x: u64) -> u64 {
    let y = x & !HI;
    let digit = ge(y, b'0') & le(y, b'9');
    let z = y | (0x20 * LO);
    let letter = ge(z, b'a') & le(z, b'z');
    (digit | letter) & !x & HI
}

/// The lanes holding an ASCII letter.
#[inline]
fn letter(x: u64) -> u64 {
    let z = (x & !HI) | (0x20 * LO);
    ge(z, b'a') & le(z, b'z') & !x & HI
}

/// The end of the ASCII letters from `from` (`b.len()` if they run to the
/// end): eight bytes at a time, the rest one by one.
#[inline]
pub fn letters_end(b: &[u8], from: usize) -> usize {
    run_end(b, from, letter, u8::is_ascii_alphabetic)
}

/// The end of the ASCII letters and digits from `from` (`b.len()` if
/// they run to the end): eight bytes at a time, the rest one by one.
#[inline]
pub fn alnum_end(b: &[u8], from: usize) -> usize {
    run_end(b, from, alnum, u8::is_ascii_alphanumeric)
}

/// The end of the run of bytes from `from` that `lanes` marks eight at a
/// time and `byte` tests one at a time (the same test).
#[inline(always)]
fn run_end(b: &[u8], from: usize, lanes: impl Fn(u64) -> u64, byte: impl Fn(&u8) -> bool) -> usize {
    let mut j = from;
    while let Some(chunk) = b.get(j..j + 8) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let m = !lanes(u64::from_le_bytes(eight)) & HI;
        if m != 0 {
            return j + (m.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while j < b.len() && byte(&b[j]) {
        j += 1;
    }
    j
}

/// The lanes holding an ASCII upper-case letter or the lead byte of a
/// multi-byte char (>= 0xC0).
#[inline]
fn upper_or_lead(x: u64) -> u64 {
    let y = x & !HI;
    let upper = ge(y, b'A') & le(y, b'Z') & !x;
    (upper | (x & (x << 1))) & HI
}

/// The first byte in `from..to` that is an ASCII capital or starts a
/// multi-byte char.
pub fn upper_or_lead_byte(b: &[u8], from: usize, to: usize) -> Option<usize> {
    let s = &b[from..to];
    let mut chunks = s.chunks_exact(8);
    let mut at = from;
    for chunk in &mut chunks {
        let mut lanes = [0u8; 8];
        lanes.copy_from_slice(chunk);
        let m = upper_or_lead(u64::from_le_bytes(lanes));
        if m != 0 {
            return Some(at + (m.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = chunks.remainder();
    let k = tail
        .iter()
        .position(|&c| c.is_ascii_uppercase() || c >= 0xC0)?;
    Some(at + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_runs_end_where_bytes_say() {
        for v in 0..=255u8 {
            for pos in 0..20 {
                let mut buf = [b'K'; 24];
                buf[pos] = v;
                for from in [0, pos, 1] {
                    let want = (from..buf.len())
                        .find(|&k| !buf[k].is_ascii_alphabetic())
                        .unwrap_or(buf.len());
                    assert_eq!(letters_end(&buf, from), want, "{v:#x} at {pos} from {from}");
                }
            }
        }
    }

    #[test]
    fn alnum_runs_end_where_bytes_say() {
        for v in 0..=255u8 {
            for pos in 0..20 {
                for len in [pos, pos + 1, 9, 17, 24] {
                    let mut buf = [b'k'; 24];
                    buf[pos] = v;
                    let buf = &buf[..len.clamp(pos.min(24), 24)];
                    for from in [0, pos.min(buf.len()), 1.min(buf.len())] {
                        let want = (from..buf.len())
                            .find(|&k| !buf[k].is_ascii_alphanumeric())
                            .unwrap_or(buf.len());
                        assert_eq!(alnum_end(buf, from), want, "{v:#x} at {pos} from {from}");
                    }
                }
            }
        }
    }

    /// Every byte value at every lane position, against the byte test.
    #[test]
    fn lane_test_agrees_with_byte_test() {
        let test = |c: u8| c.is_ascii_uppercase() || c >= 0xC0;
        for v in 0..=255u8 {
            for pos in 0..20 {
                // Filler bytes that pass the test and that do not.
                for filler in [b' ', b'a', 0x85, b'Q', 0xC3] {
                    let mut buf = vec![filler; 24];
                    buf[pos] = v;
                    let want = (0..buf.len()).find(|&k| test(buf[k]));
                    assert_eq!(upper_or_lead_byte(&buf, 0, buf.len()), want);
                    let from = pos.min(3);
                    let want = (from..17).find(|&k| test(buf[k]));
                    assert_eq!(upper_or_lead_byte(&buf, from, 17), want);
                }
            }
        }
    }
}
