//! People and organisations that no lexicon lists, found by their shape:
//! capitalised word runs with an organisation head word ("... University",
//! "Ministry of ..."), or name-shaped runs with a cue that says "person"
//! (a title, a reporting verb, an apposition, a given name, a middle
//! initial, a citation).

use std::ops::Range;

use evident_model::EntityKind;

use crate::lexicon::{tag, Cues};
use crate::scan::{self, ALNUM, BYTE_CLASS as CLASS, GAP};

/// A word of the text.
#[derive(Debug, Clone)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    /// Only spaces (at most one line break) separate it from the previous token.
    pub joined: bool,
    /// Followed by `'s` (not part of `end`).
    pub possessive: bool,
    /// Can be part of a proper name (see `is_cap`), found once here: the
    /// name finder asks about most tokens more than once.
    pub cap: bool,
}

/// What the lexicon pass already claimed at a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cover {
    Free,
    /// A lexicon mention of this kind; `true` when its alias is ambiguous.
    Lex(EntityKind, bool),
}

/// An entity found by shape.
#[derive(Debug, Clone)]
pub struct Found {
    pub range: Range<usize>,
    pub kind: EntityKind,
    pub name: String,
}

/// Splits a byte range into word tokens (letters, digits, inner `-'’.`,
/// a final `.` for initials and abbreviated titles). ASCII takes a fast path.
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Tok> {
    let mut out = Vec::new();
    tokens_into(text, range, &mut out);
    out
}

/// [`tokens`], appended to `out`.
pub fn tokens_into(text: &str, range: Range<usize>, out: &mut Vec<Tok>) {
    // Cut at the range's end, so that indexing needs no other check.
    let b = &text.as_bytes()[..range.end];
    let base = out.len();
    let mut i = range.start;
    let mut last_end = range.start;
    while i < b.len() {
        // ASCII spaces and punctuation between words go fast.
        while i < b.len() && CLASS[b[i] as usize] == GAP {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        // An ASCII byte here is a letter or digit; other chars need decoding.
        if b[i] >= 0x80 {
            let (alnum, len) = char_at(text, i);
            if !alnum {
                i += len;
                continue;
            }
        }
        let start = i;
        let mut j = word_end(text, i, b.len());
        let mut end = j;
        let mut possessive = false;
        // Both suffixes end in "s": most words are ruled out at once.
        if b[end - 1] == b's' {
            for suffix in ["'s", "’s"] {
                if b[start..end].ends_with(suffix.as_bytes()) && end - start > suffix.len() + 1 {
                    end -= suffix.len();
                    possessive = true;
                }
            }
        }
        if j < b.len() && b[j] == b'.' && takes_dot(&text[start..end]) {
            end += 1;
            j += 1;
        }
        let gap = &b[last_end..start];
        // Most gaps are one space.
        let joined = out.len() > base
            && (gap == b" "
                || (gap.len() <= 4
                    && gap.iter().filter(|&&c| c == b'\n').count() <= 1
                    && text[last_end..start].chars().all(char::is_whitespace)));
        // Lower-case words are ruled out without slicing the text.
        let w = &b[start..end];
        let cap =
            !(w[0].is_ascii_lowercase() && w.get(2) != Some(&b'-')) && is_cap(&text[start..end]);
        out.push(Tok {
            start,
            end,
            joined,
            possessive,
            cap,
        });
        last_end = j;
        i = j;
    }
}

/// The end of the word that starts at `i` (before `end`): letters and
/// digits, and the inner joiners of "al-Baghdadi", "China's", "U.S", "Qa’ida".
fn word_end(text: &str, mut j: usize, end: usize) -> usize {
    let b = &text.as_bytes()[..end];
    loop {
        j = scan::alnum_end(b, j);
        if j >= b.len() {
            return j;
        }
        let len = if b[j] < 0x80 {
            // Mostly a space or punctuation that ends the word.
            if !matches!(b[j], b'-' | b'\'' | b'.') {
                return j;
            }
            1
        } else {
            let (alnum, len) = char_at(text, j);
            if alnum {
                j += len;
                continue;
            }
            if !b[j..].starts_with("’".as_bytes()) {
                return j;
            }
            len
        };
        // A joiner continues the word only when a letter or digit follows.
        if j + len < end && char_at(text, j + len).0 {
            j += len;
        } else {
            return j;
        }
    }
}

/// Whether the char at byte `i` is alphanumeric, and its length.
#[inline]
fn char_at(text: &str, i: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return (CLASS[b as usize] == ALNUM, 1);
    }
    // U+2000..U+203F (curly quotes, dashes, spaces): no letter or digit,
    // and the commonest chars beyond ASCII in English text.
    if b == 0xE2 && bytes.get(i + 1) == Some(&0x80) {
        return (false, 3);
    }
    match text[i..].chars().next() {
        Some(c) => (c.is_alphanumeric(), c.len_utf8()),
        None => (false, 1),
    }
}

/// Initials ("A", "I.B") and abbreviated titles keep their final dot.
fn takes_dot(w: &str) -> bool {
    let single = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
    single
        || (w.contains('.') && w.split('.').all(|p| p.chars().count() == 1))
        || matches!(
            w,
            "Dr" | "Mr"
                | "Mrs"
                | "Ms"
                | "Prof"
                | "Lt"
                | "Gen"
                | "Col"
                | "Maj"
                | "Capt"
                | "Sgt"
                | "Adm"
                | "Sen"
                | "Rep"
                | "Rev"
                | "Jr"
                | "Sr"
                | "St"
        )
}

/// A word that can be part of a proper name: capitalised with lower-case
/// letters, an initial, or `al-Xxx`.
fn is_cap(w: &str) -> bool {
    // Fast path: an ASCII word in lower case is no name unless it has the
    // `al-` shape (the particle's dash is its third byte).
    let b = w.as_bytes();
    match b.first() {
        Some(c) if c.is_ascii_lowercase() && b.get(2) != Some(&b'-') => return false,
        // No particle starts with a digit.
        Some(c) if c.is_ascii_digit() => return false,
        // A capital: a lower-case ASCII letter settles it; other words
        // take the general path below.
        Some(c) if c.is_ascii_uppercase() && b[1..].iter().any(u8::is_ascii_lowercase) => {
            return true
        }
        _ => {}
    }
    let mut cs = w.chars();
    let Some(first) = cs.next() else {
        return false;
    };
    if first.is_uppercase() {
        return w.chars().any(char::is_lowercase) || is_initial(w);
    }
    for p in ["al-", "el-", "ad-", "as-", "an-", "ar-", "at-", "az-"] {
        if let Some(rest) = w.strip_prefix(p) {
            return rest.chars().next().is_some_and(char::is_uppercase);
        }
    }
    false
}

fn is_initial(w: &str) -> bool {
    w.ends_with('.') && w.split('.').all(|p| p.chars().count() <= 1)
}

const ORG_CONNECTORS: [&[u8]; 5] = [b"of", b"for", b"and", b"on", b"the"];

/// Group-like heads that become armed groups with a militant cue word.
const GROUP_HEADS: [&str; 12] = [
    "Party",
    "Front",
    "Movement",
    "Group",
    "Army",
    "Forces",
    "Force",
    "Organization",
    "Organisation",
    "Brigade",
    "Battalion",
    "Union",
];

/// Nouns of an apposition that describe a group or a place, not a person.
const GROUP_NOUNS: [&[u8]; 24] = [
    b"group",
    b"groups",
    b"organization",
    b"organisation",
    b"movement",
    b"faction",
    b"coalition",
    b"outlet",
    b"newspaper",
    b"company",
    b"agency",
    b"party",
    b"network",
    b"militia",
    b"brigade",
    b"unit",
    b"force",
    b"forces",
    b"city",
    b"town",
    b"province",
    b"region",
    b"village",
    b"country",
];

/// [`Sentence::tags`] of a token not looked up yet.
pub const UNTAGGED: u16 = u16::MAX;

/// Everything the shape finder needs about one sentence.
pub struct Sentence<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub cover: &'a [Cover],
    /// The cue lists of each token ([`Cues::tags`]), looked up on first use
    /// ([`UNTAGGED`] until then).
    pub tags: &'a [std::cell::Cell<u16>],
    /// The sentence's byte range.
    pub range: Range<usize>,
    /// Byte ranges inside quotation marks (titles, speech), found when first needed.
    pub quoted: std::cell::OnceCell<Vec<Range<usize>>>,
    pub cues: &'a Cues,
}

impl<'a> Sentence<'a> {
    /// A heading or title: no final stop and mostly capitalised words.
    fn title_like(&self) -> bool {
        let last = self.toks.last().map_or(0, |t| t.end);
        let tail = self.text[last..].trim_start_matches([' ', '*', '_']);
        let ends = tail.starts_with(['.', '?', '!', ':', '"', '”', ';']);
        let caps = (0..self.toks.len()).filter(|&k| self.toks[k].cap).count();
        !ends && self.toks.len() <= 14 && caps * 2 >= self.toks.len()
    }

    fn word(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }

    /// The bytes of token `i`: comparing them with a word needs no
    /// `str` slice (and its char-boundary checks).
    fn bytes(&self, i: usize) -> &'a [u8] {
        &self.text.as_bytes()[self.toks[i].start..self.toks[i].end]
    }

    /// True if token `k` is on one of the cue lists of `bits`.
    fn is(&self, k: usize, bits: u16) -> bool {
        let mut t = self.tags[k].get();
        if t == UNTAGGED {
            let tok = &self.toks[k];
            let w = &self.text.as_bytes()[tok.start..tok.end];
            t = self.cues.tags.get_bytes(w).copied().unwrap_or(0);
            self.tags[k].set(t);
        }
        t & bits != 0
    }

    fn in_quote(&self, i: usize) -> bool {
        let s = self.toks[i].start;
        self.quoted
            .get_or_init(|| quoted(self.text, self.range.clone()))
            .iter()
            .any(|q| q.start <= s && s < q.end)
    }

    /// Finds the organisations and people of the sentence by shape.
    pub fn find(&self) -> Vec<Found> {
        let mut out = Vec::new();
        self.find_into(&mut out);
        out
    }

    /// [`Sentence::find`], appended to `out`.
    pub fn find_into(&self, out: &mut Vec<Found>) {
        let mut i = 0;
        if let Some((f, next)) = self.inverted_reference() {
            out.push(f);
            i = next;
        }
        while i < self.toks.len() {
            let end = self.run_end(i);
            if end > i {
                self.analyse(i, end, out);
                i = end;
            } else {
                i += 1;
            }
        }
    }

    /// A bibliography entry that opens with "Surname, Given [I.]." (after
    /// an optional note number): the person "Given Surname", and the next token.
    fn inverted_reference(&self) -> Option<(Found, usize)> {
        let mut i = 0;
        if self.toks.first()?.end - self.toks[0].start <= 3
            && self.word(0).chars().all(|c| c.is_ascii_digit())
        {
            i = 1;
        }
        let (sur, given) = (i, i + 1);
        let t = self.toks.get(given)?;
        let comma = self.text[self.toks[sur].end..t.start].trim() == ",";
        if !comma || !self.toks[sur].cap || !self.is(given, tag::GIVEN) {
            return None;
        }
        if self.is(sur, tag::FUNCTION) || self.cover[sur] != Cover::Free {
            return None;
        }
        let mut last = given;
        while self.toks.get(last + 1).is_some_and(|t| t.joined) && is_initial(self.word(last + 1)) {
            last += 1;
        }
        let after = self.text[self.toks[last].end..].trim_start();
        if !after.starts_with(['.', ',', '(', ':']) && !self.word(last).ends_with('.') {
            return None;
        }
        let given_part = &self.text[self.toks[given].start..self.toks[last].end];
        let name = format!("{} {}", clean_name(given_part), self.word(sur));
        let range = self.toks[sur].start..self.toks[last].end;
        Some((
            Found {
                range,
                kind: EntityKind::Person,
                name,
            },
            last + 1,
        ))
    }

    /// The end (exclusive) of the capitalised run starting at `i`, or `i`.
    fn run_end(&self, i: usize) -> usize {
        if !self.toks[i].cap {
            return i;
        }
        let mut j = i + 1;
        while j < self.toks.len() && self.joins_previous(j) {
            if self.toks[j].cap {
                j += 1;
                continue;
            }
            let w = self.bytes(j);
            // "the" joins only after another connector ("Liberation of the Levant").
            let prev = self.bytes(j - 1);
            // "the" joins only after of/for/on ("Liberation of the Levant");
            // "and" never right after a head ("X Brigade and Y Front" are two).
            let connector = (ORG_CONNECTORS.contains(&w)
                && (w != b"the" || matches!(prev, b"of" | b"for" | b"on"))
                && (w != b"and" || !self.is(j - 1, tag::HEAD)))
                || self.is(j, tag::PARTICLE);
            let cap_at = |k: usize| k < self.toks.len() && self.toks[k].joined && self.toks[k].cap;
            let next_ok = cap_at(j + 1)
                || (j + 2 < self.toks.len()
                    && self.toks[j + 1].joined
                    && self.bytes(j + 1) == b"the"
                    && matches!(w, b"of" | b"for" | b"on")
                    && cap_at(j + 2));
            if connector && next_ok {
                j += 1;
            } else {
                break;
            }
        }
        j
    }

    /// Token `j` continues the name before it: only spaces between, and no
    /// possessive unless it belongs to a name ("People's Liberation Army",
    /// "Kurdistan Workers' Party").
    fn joins_previous(&self, j: usize) -> bool {
        let prev = &self.toks[j - 1];
        // The common case, without a set lookup.
        if !prev.possessive && self.toks[j].joined {
            return true;
        }
        let named = self.is(j - 1, tag::POSSESSIVE);
        if prev.possessive {
            return named && self.toks[j].joined;
        }
        if self.toks[j].joined {
            return true;
        }
        let gap = &self.text[prev.end..self.toks[j].start];
        named && matches!(gap, "' " | "’ ")
    }

    fn analyse(&self, mut i: usize, end: usize, out: &mut Vec<Found>) {
        // Function words ("The", "In", months) never start a name.
        while i < end && self.is(i, tag::FUNCTION) {
            i += 1;
        }
        if i >= end {
            return;
        }
        // A function word inside splits the run.
        if let Some(k) = (i + 1..end).find(|&k| self.is(k, tag::FUNCTION)) {
            self.analyse(i, k, out);
            self.analyse(k, end, out);
            return;
        }
        if (i..end).any(|k| self.in_quote(k)) {
            return;
        }
        // "Professor Wang of the University of X", "Michael Clarke at RUSI":
        // a person, then what they belong to.
        if self.is(i, tag::TITLE | tag::GIVEN) {
            if let Some(c) = (i + 1..end).find(|&k| matches!(self.bytes(k), b"of" | b"at")) {
                if let Some(p) = self.person(i, c, false) {
                    out.push(p);
                    let mut rest = c + 1;
                    while rest < end && !self.toks[rest].cap {
                        rest += 1;
                    }
                    self.analyse(rest, end, out);
                    return;
                }
            }
        }
        if let Some(f) = self.organisation(i, end) {
            out.push(f);
            return;
        }
        // "Josh Halliday and Jonathan Bucks": two names joined by "and".
        if let Some(k) = (i + 1..end).find(|&k| self.bytes(k) == b"and") {
            match self.person(i, k, false) {
                // The second name shares the cue of the first ("by X and Y").
                Some(f) => {
                    out.push(f);
                    match self.person(k + 1, end, true) {
                        Some(g) => out.push(g),
                        None => self.analyse(k + 1, end, out),
                    }
                }
                None => self.analyse(k + 1, end, out),
            }
            return;
        }
        if let Some(f) = self.person(i, end, false) {
            out.push(f);
        }
    }

    /// An organisation shape in the run.
    fn organisation(&self, i: usize, end: usize) -> Option<Found> {
        let heads = &self.cues.heads;
        let h = (i..end).rev().find(|&k| self.is(k, tag::HEAD))?;
        let head = self.word(h);
        if self.is(h, tag::WEAK) && self.title_like() {
            return None;
        }
        let mut last = h;
        let on_ok = matches!(
            head,
            "Committee" | "Commission" | "Council" | "Subcommittee"
        );
        if h + 2 < end
            && (matches!(self.bytes(h + 1), b"of" | b"for")
                || (on_ok && self.bytes(h + 1) == b"on"))
        {
            last = end - 1;
            // "University of Northmoor Working Paper": a document, not the name.
            if let Some(d) = (h + 2..end).find(|&k| self.is(k, tag::DOCWORD)) {
                last = d.saturating_sub(1);
            }
            // "Committee of China's Congress": the head belongs to the possessor.
            if self.toks[last].possessive {
                last = h;
            }
        }
        while last > i && !self.toks[last].cap {
            last -= 1;
        }
        let mut first = i;
        // "Iraq's Defense Ministry": a generic name takes its country along.
        let generic = (first..=last).all(|k| {
            let w = self.bytes(k);
            self.cover[k] != Cover::Free
                || self.is(k, tag::HEAD | tag::NONNAME)
                || ORG_CONNECTORS.contains(&w)
        });
        if generic
            && first > 0
            && self.toks[first - 1].possessive
            && self.toks[first].joined
            && matches!(
                self.cover[first - 1],
                Cover::Lex(EntityKind::Country | EntityKind::Place, _)
            )
        {
            first -= 1;
        }
        if last == first {
            return None;
        }
        // A word broken at a line end ("Center for Stra-") is cut short.
        let after = &self.text[self.toks[last].end..];
        if after.starts_with('-') && after[1..].starts_with(char::is_whitespace) {
            return None;
        }
        // Other names inside make no new name, except an organisation that
        // free words qualify ("National Security Council", "Princeton
        // University Press").
        let covered_bad = (first..=last).any(|k| match self.cover[k] {
            Cover::Lex(EntityKind::ArmedGroup | EntityKind::Person, false) => true,
            Cover::Lex(EntityKind::Organization, false) => {
                self.cover[first] != Cover::Free && self.cover[h] != Cover::Free
            }
            _ => false,
        });
        let all_covered = (first..=last).all(|k| self.cover[k] != Cover::Free);
        if covered_bad || all_covered {
            return None;
        }
        // "Ministry" alone after generic words is no name: it needs a word
        // that is not a head or a generic adjective.
        let distinctive = (first..=last).any(|k| {
            let w = self.bytes(k);
            !self.is(k, tag::HEAD | tag::FUNCTION) && !ORG_CONNECTORS.contains(&w)
        });
        if !distinctive {
            return None;
        }
        let mut kind = heads.get(head).copied().unwrap_or(EntityKind::Organization);
        if kind == EntityKind::Organization
            && GROUP_HEADS.contains(&head)
            && (first..=last).any(|k| self.is(k, tag::ARMED))
        {
            kind = EntityKind::ArmedGroup;
        }
        let range = self.toks[first].start..self.toks[last].end;
        let found = Found {
            name: clean_name(&self.text[range.clone()]),
            range,
            kind,
        };
        Some(found)
    }

    /// A person's name in tokens `i..end`; `cued` when the context already
    /// says it is one.
    fn person(&self, mut i: usize, end: usize, cued: bool) -> Option<Found> {
        let mut titled = cued;
        // Titles and other entities before the name ("Syrian ambassador to
        // China Imad Moustapha", "President Xi") are not part of it.
        while i < end {
            if self.is(i, tag::TITLE) {
                titled = true;
            } else if !matches!(self.cover[i], Cover::Lex(_, false)) {
                break;
            }
            i += 1;
        }
        if i > 0 && self.is(i - 1, tag::LOWER_TITLE) {
            titled = true;
        }
        // Two to four name words (particles aside); counted, not collected.
        if end < i + 2 {
            return None;
        }
        let is_name = |k: &usize| !self.is(*k, tag::PARTICLE);
        let count = (i..end).filter(is_name).count();
        if !(2..=4).contains(&count) {
            return None;
        }
        for k in (i..end).filter(is_name) {
            let blocked = self.is(k, tag::FUNCTION | tag::NONNAME | tag::HEAD)
                || self.bytes(k).iter().any(u8::is_ascii_digit);
            let lex = matches!(self.cover[k], Cover::Lex(_, false));
            if blocked || lex {
                return None;
            }
        }
        let shaped = self.is(i, tag::GIVEN)
            || self.chinese(i, end)
            || (i + 1..end.saturating_sub(1)).any(|k| is_initial(self.word(k)))
            || (i..end).any(|k| matches!(self.bytes(k), b"bin" | b"ibn" | b"bint"));
        let cued = titled || self.verb_after(end) || self.verb_before(i) || self.apposition(end);
        let cited = self.citation(i, end);
        if !(cued || cited || shaped) {
            return None;
        }
        let range = self.toks[i].start..self.toks[end - 1].end;
        Some(Found {
            name: clean_name(&self.text[range.clone()]),
            range,
            kind: EntityKind::Person,
        })
    }

    /// "Xie Xiaoyan", "Qin Tian": a Chinese surname and one given name.
    fn chinese(&self, i: usize, end: usize) -> bool {
        end == i + 2
            && self.is(i, tag::SURNAME)
            && self.word(i + 1).chars().all(|c| c.is_ascii_alphabetic())
            && !self.is(i + 1, tag::GIVEN)
    }

    fn verb_after(&self, end: usize) -> bool {
        let Some(t) = self.toks.get(end) else {
            return false;
        };
        let gap = &self.text[self.toks[end - 1].end..t.start];
        let gap = gap.trim_start_matches(['\'', '’', 's']);
        (gap.trim().is_empty() || gap.trim() == ",") && self.is(end, tag::VERB)
    }

    fn verb_before(&self, i: usize) -> bool {
        if i == 0 || !self.toks[i].joined {
            return false;
        }
        let w = self.bytes(i - 1);
        self.is(i - 1, tag::VERB)
            || (w == b"to" && i >= 2 && self.bytes(i - 2).eq_ignore_ascii_case(b"according"))
            || w == b"by"
    }

    /// ", a Georgetown University professor", ", who".
    fn apposition(&self, end: usize) -> bool {
        let Some(t) = self.toks.get(end) else {
            return false;
        };
        if self.text[self.toks[end - 1].end..t.start].trim() != "," {
            return false;
        }
        let w = self.bytes(end);
        if w == b"who" {
            return true;
        }
        if !matches!(w, b"a" | b"an" | b"the" | b"its" | b"their") {
            return false;
        }
        let window = end + 1..(end + 8).min(self.toks.len());
        if window.clone().any(|k| self.is(k, tag::ROLE)) {
            return true;
        }
        // ", a Somali American from ...": a nationality, and no group noun.
        let national = self.cover.get(end + 1).is_some_and(|c| {
            matches!(
                c,
                Cover::Lex(EntityKind::Country | EntityKind::EthnicGroup, _)
            )
        });
        national && !window.clone().any(|k| GROUP_NOUNS.contains(&self.bytes(k)))
    }

    /// A reference: "John Hall, “Title”" or "Hall and Smith, “Title”".
    fn citation(&self, _i: usize, end: usize) -> bool {
        let after = &self.text[self.toks[end - 1].end..];
        let after = after.strip_prefix(',').unwrap_or("");
        let after = after.trim_start_matches(' ');
        after.starts_with(['“', '"', '*', '‘'])
            || after.starts_with("eds.")
            || after.starts_with("ed.")
    }
}

/// A name as written, with whitespace collapsed and a leading "The" dropped.
pub fn clean_name(s: &str) -> String {
    let b = s.as_bytes();
    // Mostly ASCII with single spaces: then the name is the text as written.
    let single = b.first().is_some_and(|&c| c != b' ')
        && b.last().is_some_and(|&c| c != b' ')
        && b.iter().all(|&c| (c > b' ' && c < 0x80) || c == b' ')
        && !s.contains("  ");
    if single {
        return s.strip_prefix("The ").unwrap_or(s).to_string();
    }
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .strip_prefix("The ")
        .map(str::to_string)
        .unwrap_or(joined)
}

/// Byte ranges inside quotation marks in a range of the text.
pub fn quoted(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open_curly: Option<usize> = None;
    let mut open_straight: Option<usize> = None;
    let b = &text.as_bytes()[range.clone()];
    // Only `"` and the first byte of `“` / `”` (E2 80 9C / 9D) matter.
    for i in memchr::memchr2_iter(b'"', 0xE2, b) {
        let at = range.start + i;
        match &b[i..] {
            [b'"', ..] => match open_straight.take() {
                Some(s) => out.push(s..at),
                None => open_straight = Some(at),
            },
            [0xE2, 0x80, 0x9C, ..] => open_curly = Some(at),
            [0xE2, 0x80, 0x9D, ..] => {
                if let Some(s) = open_curly.take() {
                    out.push(s..at);
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_initials_and_strip_possessives() {
        let t = "James A. Millward’s book, al-Baghdadi";
        let toks = tokens(t, 0..t.len());
        let words: Vec<&str> = toks.iter().map(|k| &t[k.start..k.end]).collect();
        assert_eq!(
            words,
            vec!["James", "A.", "Millward", "book", "al-Baghdadi"]
        );
        assert!(toks[2].possessive);
        assert!(!toks[4].joined);
        let caps: Vec<bool> = toks.iter().map(|k| k.cap).collect();
        assert_eq!(caps, vec![true, true, true, false, true]);
    }

    #[test]
    fn capitalised_words() {
        assert!(is_cap("Millward"));
        assert!(is_cap("A."));
        assert!(is_cap("al-Baghdadi"));
        assert!(!is_cap("IS"));
        assert!(!is_cap("said"));
        assert!(!is_cap("2015"));
        assert!(is_cap("Türkiye"));
        assert!(is_cap("Ré"));
        assert!(is_cap("Östra"));
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("The Hague Court"), "Hague Court");
        assert_eq!(clean_name("James A. Millward"), "James A. Millward");
        assert_eq!(
            clean_name("East\n  Turkistan  Party"),
            "East Turkistan Party"
        );
        assert_eq!(clean_name(" Türkiye\u{a0}Office "), "Türkiye Office");
        assert_eq!(clean_name("The\tHague"), "Hague");
    }

    #[test]
    fn quotes_are_found() {
        let t = "He said “a b” and \"c\".";
        assert_eq!(quoted(t, 0..t.len()).len(), 2);
    }
}
