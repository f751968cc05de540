//! Events from trigger words: one aho-corasick pass over the text finds the
//! triggers; each becomes a candidate event whose arguments (actors, targets,
//! place, date, casualties, modality) are read from its sentence. Candidates
//! of one happening are merged: same type in one sentence, and anaphoric
//! mentions ("the attack") of the same type in the next sentences.

use std::ops::Range;
use std::sync::OnceLock;

use evident_model::{DateRange, EntityKind, Event, Modality};
use evident_text::{Context, DateMention};
use regex::Regex;

use crate::args::{
    coordination, governing_word, has_any, is_any, is_one_of, next_word, only_modifiers, prev_word,
    words_before, WordSet, PASSIVE_AUX, PLACE_PREPOSITIONS, PREPOSITIONS,
};
use crate::lexicon::{Cue, Lexicon, Pos, Scope, Trigger};
use crate::scan::{leftmost_longest, within, Found, Hit};
use crate::sent::{Ref, Sent};

/// An event under construction, in byte offsets, with entity ids borrowed.
#[derive(Debug, Clone)]
pub struct Draft<'a> {
    pub trigger: Range<usize>,
    pub span: Range<usize>,
    pub sentence: usize,
    pub paragraph: usize,
    pub event_type: &'static str,
    pub pos: Pos,
    pub anaphoric: bool,
    pub date: Option<DateRange>,
    pub place: Vec<&'a str>,
    pub actors: Vec<&'a str>,
    pub targets: Vec<&'a str>,
    pub killed: Option<f64>,
    pub injured: Option<f64>,
    pub modality: Modality,
    /// Governed by a speculative cue ("could", "if"): a possibility, emitted as hypothetical.
    pub speculative: bool,
}

/// Finds the candidate events of one sentence from its trigger hits.
pub fn sentence_events<'a>(
    ctx: &'a Context,
    lex: &Lexicon,
    sent: &Sent<'a>,
    index: usize,
    hits: &[(Range<usize>, usize)],
    found: &Found,
) -> Vec<Draft<'a>> {
    let mut out: Vec<Draft<'a>> = Vec::new();
    let mut gov = Governors::new(sent.refs.len());
    for (k, (range, id)) in hits.iter().enumerate() {
        let Some(info) = lex.trigger_info.get(*id) else {
            continue;
        };
        // Places after a trigger belong to it up to the next trigger.
        let ceil = hits.get(k + 1).map_or(sent.range.end, |(r, _)| r.start);
        if let Some(d) = draft(ctx, sent, index, range.clone(), info, ceil, &mut gov) {
            out.push(d);
        }
    }
    if out.is_empty() {
        return out;
    }
    let text = &ctx.text[sent.range.clone()];
    let violent = out
        .iter()
        .any(|d| matches!(d.event_type, "attack" | "killing"));
    let (killed, injured) = if violent {
        casualties(text, within(&found.casualties, &sent.range).map(|h| h.2))
    } else {
        (None, None)
    };
    fold_told_events(ctx.text, &mut out);
    let cues = sentence_cues(ctx, lex, sent, &found.cues);
    for d in &mut out {
        if matches!(d.event_type, "attack" | "killing") {
            d.killed = d.killed.or(killed);
            d.injured = d.injured.or(injured);
        }
        if d.event_type == "killing" && d.killed.is_none() {
            d.killed = Some(d.targets.len().max(1) as f64);
        }
        let (m, speculative) = modality(ctx, &cues, sent, &d.trigger);
        d.modality = m;
        d.speculative = speculative;
    }
    // Possibilities ("could target", "what if") are kept, marked hypothetical: users
    // filter on modality, and a record they can drop beats a fact they never see.
    out.retain(|d| !generic(ctx.text, d));
    merge_same_sentence(ctx.text, out)
}

/// A mention of a kind of happening rather than of one: no participant, no
/// place, no date, no count, and either only possible (hypothetical) or a
/// bare plural noun ("plan attacks", "preventing attacks").
fn generic(text: &str, d: &Draft) -> bool {
    let bare = d.actors.is_empty()
        && d.targets.is_empty()
        && d.place.is_empty()
        && d.date.is_none()
        && d.killed.is_none()
        && d.injured.is_none();
    let plural_noun = d.pos == Pos::Noun && text[d.trigger.clone()].ends_with('s');
    bare && (d.modality == Modality::Hypothetical || plural_noun)
}

/// Builds the event of one trigger, or None when its conditions fail.
fn draft<'a>(
    ctx: &'a Context,
    sent: &Sent<'a>,
    index: usize,
    trigger: Range<usize>,
    info: &Trigger,
    ceil: usize,
    gov: &mut Governors<'a>,
) -> Option<Draft<'a>> {
    let text = ctx.text;
    let floor = clause_start(text, sent.range.start, trigger.start);
    if info.pos == Pos::Verb && adjectival(text, floor, &trigger, sent.range.end) {
        return None;
    }
    // A trigger that needs a date and has none is dropped before its
    // arguments are read ("said" is everywhere, dated rarely).
    let date = date_with(ctx, floor, &trigger, sent.range.start, !info.flags.dated);
    if info.flags.dated && date.is_none() {
        return None;
    }
    let passive = info.pos == Pos::Verb
        && words_before(text, floor, trigger.start, 2)
            .iter()
            .any(|w| is_one_of(w, &PASSIVE_AUX) || w.eq_ignore_ascii_case("who"));
    let refs = &sent.refs;
    let object = object(text, refs, &trigger, sent.range.end);
    if object_missing(text, info, passive, &object, &trigger) {
        return None;
    }
    let mut d = Draft {
        trigger: trigger.clone(),
        span: trigger.clone(),
        sentence: index,
        paragraph: sent.paragraph,
        event_type: info.event_type,
        pos: info.pos,
        // Read at the end, for a draft that is kept.
        anaphoric: false,
        date: None,
        place: Vec::new(),
        actors: Vec::new(),
        targets: Vec::new(),
        killed: None,
        injured: None,
        modality: Modality::Asserted,
        speculative: false,
    };
    let intransitive = info.flags.kill && is_intransitive(text, &trigger);
    let subject = if intransitive {
        person_subject(text, refs, floor, &trigger, gov)
    } else {
        subject(text, refs, floor, &trigger, gov)
    };
    let by = after_word(text, refs, &trigger, &["by"], 30);
    match info.pos {
        Pos::Verb if passive || intransitive => {
            d.targets.extend(ids(refs, subject.clone()));
            d.actors.extend(ids(refs, by));
        }
        Pos::Verb => {
            d.actors.extend(ids(refs, subject.clone()));
            if info.event_type != "travel" {
                d.targets.extend(ids(refs, object.clone()));
            }
        }
        Pos::Noun => noun_args(
            text,
            refs,
            floor,
            &trigger,
            info,
            &mut d,
            subject.clone(),
            by,
        ),
    }
    place(text, refs, floor..ceil, &trigger, info, &mut d, gov);
    d.date = date;
    if !conditions_hold(info, &d) {
        return None;
    }
    if info.flags.kill && !resolve_killing(refs, &mut d, is_intransitive(text, &trigger)) {
        return None;
    }
    d.actors.retain(|a| !d.targets.contains(a));
    extend_span(refs, &mut d, subject, object);
    d.anaphoric = definite(text, floor, trigger.start);
    Some(d)
}

/// Arguments of a noun trigger: modifiers before it, `by`/`against`/`on`/`of` after it.
#[allow(clippy::too_many_arguments)]
fn noun_args<'a>(
    text: &str,
    refs: &[Ref<'a>],
    floor: usize,
    trigger: &Range<usize>,
    info: &Trigger,
    d: &mut Draft<'a>,
    subject: Option<Range<usize>>,
    by: Option<Range<usize>>,
) {
    let modifier = refs
        .iter()
        .rposition(|r| r.range.end <= trigger.start && r.range.start >= floor)
        .filter(|&i| only_modifiers(text, refs[i].range.end, trigger.start, 2));
    if let Some(i) = modifier {
        let list = coordination(text, refs, i);
        for r in &refs[list] {
            match r.kind {
                EntityKind::Place => d.place.push(r.entity),
                _ => d.actors.push(r.entity),
            }
        }
    }
    d.actors.extend(ids(refs, by));
    // "X received threatening messages from Y": X is the target, Y the actor.
    let received = words_before(text, floor, trigger.start, 3).iter().any(|w| {
        is_one_of(
            w,
            &const {
                WordSet::new(&[
                    "received",
                    "receive",
                    "receives",
                    "receiving",
                    "got",
                    "faced",
                    "face",
                    "faces",
                    "suffered",
                ])
            },
        )
    });
    if received {
        d.targets.extend(ids(refs, subject.clone()));
        d.actors.retain(|a| !d.targets.contains(a));
        d.actors.extend(ids(
            refs,
            after_word(text, refs, trigger, &["from", "by"], 30),
        ));
        return;
    }
    let of_words: &[&str] = match info.event_type {
        "founding" => &["of"],
        "arrest" | "detention" | "sentencing" | "killing" | "deportation" | "extradition" => {
            &["of", "against", "on"]
        }
        _ => &["against", "on", "targeting", "at"],
    };
    // Violence and threats name their authors with "from" too ("strikes from the US").
    if matches!(info.event_type, "attack" | "threat") && d.actors.is_empty() {
        d.actors
            .extend(ids(refs, after_word(text, refs, trigger, &["from"], 40)));
    }
    // Joint activities name their other participants with "with".
    if matches!(info.event_type, "meeting" | "other") {
        d.actors
            .extend(ids(refs, after_word(text, refs, trigger, &["with"], 24)));
    }
    if let Some(list) =
        after_word(text, refs, trigger, of_words, 24).map(|l| named_head(text, refs, l))
    {
        if info.event_type == "founding" {
            d.actors.extend(refs[list].iter().map(|r| r.entity));
        } else {
            for r in &refs[list] {
                d.targets.push(r.entity);
                if r.kind == EntityKind::Place {
                    d.place.push(r.entity);
                }
            }
        }
    }
    if d.actors.is_empty() {
        d.actors.extend(ids(refs, subject));
    }
}

/// A participle used as an adjective: "the transfer of sentenced persons",
/// "a wanted man" — after a determiner or preposition, before a plain noun.
fn adjectival(text: &str, floor: usize, trigger: &Range<usize>, ceil: usize) -> bool {
    let word = &text[trigger.clone()];
    if word.contains(' ') || !word.ends_with("ed") {
        return false;
    }
    let before = prev_word(text, floor, trigger.start).is_some_and(|w| {
        is_one_of(
            w,
            &const {
                WordSet::new(&[
                    "the", "a", "an", "of", "for", "to", "with", "these", "those",
                ])
            },
        )
    });
    let gap_ok = text[trigger.end..].starts_with(' ');
    let noun_after = next_word(text, trigger.end, ceil).is_some_and(|(_, w)| {
        w.chars().all(|c| c.is_ascii_lowercase())
            && !is_one_of(w, &PREPOSITIONS)
            && !is_one_of(
                w,
                &const {
                    WordSet::new(&[
                        "the", "a", "an", "by", "and", "or", "his", "her", "their", "its",
                    ])
                },
            )
    });
    before && gap_ok && noun_after
}

/// A definite noun phrase ends at the trigger: "the attack", "the Kunming
/// attacks", "this bomb attack" (a determiner within four words, no comma).
fn definite(text: &str, floor: usize, pos: usize) -> bool {
    let lo = pos.saturating_sub(40).max(floor);
    let lo = (lo..=pos)
        .find(|&b| text.is_char_boundary(b))
        .unwrap_or(pos);
    let gap = &text[lo..pos];
    let cut = gap
        .bytes()
        .rposition(|b| matches!(b, b',' | b';' | b'(' | b')' | b'"'))
        .map_or(0, |i| i + 1);
    let phrase = &gap[cut..];
    const DETERMINERS: WordSet = WordSet::new(&["the", "this", "that", "these", "those"]);
    // In ASCII text `split_whitespace` splits on the ASCII white space and the vertical tab.
    if phrase.is_ascii() && !phrase.contains('\x0b') {
        phrase
            .split_ascii_whitespace()
            .rev()
            .take(4)
            .any(|w| is_one_of(w, &DETERMINERS))
    } else {
        phrase
            .split_whitespace()
            .rev()
            .take(4)
            .any(|w| is_one_of(w, &DETERMINERS))
    }
}

/// "the Uighur economist Ilham Tohti": a community or country used as an
/// adjective before a person names that person, who is the argument.
fn named_head(text: &str, refs: &[Ref], list: Range<usize>) -> Range<usize> {
    let adjective = list.len() == 1
        && matches!(
            refs[list.start].kind,
            EntityKind::EthnicGroup | EntityKind::Country
        );
    match refs.get(list.end) {
        Some(next)
            if adjective
                && next.kind == EntityKind::Person
                && only_modifiers(text, refs[list.start].range.end, next.range.start, 2) =>
        {
            list.end..list.end + 1
        }
        _ => list,
    }
}

/// Where the clause of a trigger starts: after the last `;` before it.
fn clause_start(text: &str, sentence_start: usize, pos: usize) -> usize {
    text[sentence_start..pos]
        .rfind(';')
        .map_or(sentence_start, |i| sentence_start + i + 1)
}

/// The subject: the nearest reference before the trigger in its clause that
/// no preposition governs, with the list it is coordinated in.
fn subject<'a>(
    text: &'a str,
    refs: &[Ref],
    floor: usize,
    trigger: &Range<usize>,
    gov: &mut Governors<'a>,
) -> Option<Range<usize>> {
    let mut governed = |i: usize| {
        gov.word(text, floor, refs, i)
            .is_some_and(|w| is_one_of(w, &PREPOSITIONS))
    };
    let mut end = refs.partition_point(|r| r.range.start < trigger.start);
    while let Some(i) = (0..end).rev().find(|&i| {
        let r = &refs[i];
        r.range.start >= floor
            && r.kind != EntityKind::Place
            && trigger.start.saturating_sub(r.range.end) <= 120
            && !governed(i)
    }) {
        let list = coordination(text, refs, i);
        // "linked to A and B": B is no subject when its list's head is governed.
        if !governed(list.start) {
            return Some(list);
        }
        end = list.start;
    }
    None
}

/// The governing words (see [`governing_word`]) of a sentence's references,
/// read once for all its triggers (they share a clause start, mostly).
struct Governors<'a> {
    floor: usize,
    words: Vec<Option<Option<&'a str>>>,
}

impl<'a> Governors<'a> {
    fn new(refs: usize) -> Self {
        Governors {
            floor: 0,
            words: vec![None; refs],
        }
    }

    /// The word that governs reference `i`, in the clause starting at `floor`.
    fn word(&mut self, text: &'a str, floor: usize, refs: &[Ref], i: usize) -> Option<&'a str> {
        if floor != self.floor {
            self.floor = floor;
            self.words.fill(None);
        }
        let r = refs.get(i)?;
        match self.words.get_mut(i) {
            Some(Some(known)) => *known,
            Some(slot) => *slot.insert(governing_word(text, floor, r.range.start)),
            None => governing_word(text, floor, r.range.start),
        }
    }
}

/// The one who died: the nearest person before the trigger that no preposition governs.
fn person_subject<'a>(
    text: &'a str,
    refs: &[Ref],
    floor: usize,
    trigger: &Range<usize>,
    gov: &mut Governors<'a>,
) -> Option<Range<usize>> {
    let end = refs.partition_point(|r| r.range.start < trigger.start);
    (0..end)
        .rev()
        .find(|&i| {
            refs[i].kind == EntityKind::Person
                && refs[i].range.start >= floor
                && !gov
                    .word(text, floor, refs, i)
                    .is_some_and(|w| is_one_of(w, &PREPOSITIONS))
        })
        .map(|i| i..i + 1)
}

/// The direct object: the first reference after the trigger, close to it and
/// not behind a preposition, with its list.
fn object(text: &str, refs: &[Ref], trigger: &Range<usize>, ceil: usize) -> Option<Range<usize>> {
    let i = refs.partition_point(|r| r.range.start < trigger.end);
    let r = refs.get(i)?;
    if r.range.start > ceil || r.range.start - trigger.end > 40 {
        return None;
    }
    let gap = &text[trigger.end..r.range.start];
    if has_any(gap, b",;.(") {
        return None;
    }
    let governed = gap
        .split_whitespace()
        .any(|w| is_one_of(w, &PREPOSITIONS) && !is_any(w, &["against", "on"]));
    if governed {
        return None;
    }
    Some(coordination(text, refs, i))
}

/// The references right after one of `lead` words that follows the trigger within `max` bytes.
fn after_word(
    text: &str,
    refs: &[Ref],
    trigger: &Range<usize>,
    lead: &[&str],
    max: usize,
) -> Option<Range<usize>> {
    let i = refs.partition_point(|r| r.range.start < trigger.end);
    let r = refs.get(i)?;
    if r.range.start.saturating_sub(trigger.end) > max {
        return None;
    }
    let gap = &text[trigger.end..r.range.start];
    if has_any(gap, b",;.") {
        return None;
    }
    let first = gap.split_whitespace().next()?;
    is_any(first, lead).then(|| coordination(text, refs, i))
}

/// "died", "dies": the subject is the one who died.
fn is_intransitive(text: &str, trigger: &Range<usize>) -> bool {
    let w = &text[trigger.clone()];
    w.eq_ignore_ascii_case("died") || w.eq_ignore_ascii_case("dies")
}

fn ids<'a, 'b>(
    refs: &'b [Ref<'a>],
    list: Option<Range<usize>>,
) -> impl Iterator<Item = &'a str> + 'b {
    refs[list.unwrap_or(0..0)].iter().map(|r| r.entity)
}

/// Places: countries and places behind a place preposition near the trigger,
/// and for travel the destination right after it.
fn place<'a>(
    text: &'a str,
    refs: &[Ref<'a>],
    bounds: Range<usize>,
    trigger: &Range<usize>,
    info: &Trigger,
    d: &mut Draft<'a>,
    gov: &mut Governors<'a>,
) {
    let floor = bounds.start;
    let movement = matches!(info.event_type, "travel" | "deportation" | "extradition");
    let mut last_place_end: Option<usize> = None;
    for (i, r) in refs.iter().enumerate() {
        if !matches!(r.kind, EntityKind::Place | EntityKind::Country) {
            continue;
        }
        let near_after = r.range.start >= trigger.end
            && r.range.start - trigger.end <= 100
            && r.range.end <= bounds.end;
        // A place before the trigger is its own only inside the same phrase,
        // and for a verb only when it opens the clause ("In X, police arrested").
        let near_before = r.range.end <= trigger.start
            && r.range.start >= floor
            && trigger.start - r.range.end <= 60
            && !has_any(&text[r.range.end..trigger.start], b",;()")
            && (info.pos == Pos::Noun || r.range.start <= floor + 15);
        if info.event_type == "statement" || !(near_after || near_before) {
            continue;
        }
        // "a U.S. drone strike": a country modifying the trigger is its author.
        let modifier = r.kind == EntityKind::Country
            && r.range.end <= trigger.start
            && only_modifiers(text, r.range.end, trigger.start, 2);
        if modifier {
            continue;
        }
        let pw = gov.word(text, floor, refs, i);
        let by_prep = pw.is_some_and(|w| is_one_of(w, &PLACE_PREPOSITIONS))
            // A destination ("to X") belongs to the movement it follows.
            || movement && near_after && pw.is_some_and(|w| is_any(w, &["to", "into"]))
            || movement && r.range.start >= trigger.end && r.range.start - trigger.end <= 5
            || last_place_end.is_some_and(|e| crate::args::coordinated(text, e, r.range.start));
        if by_prep {
            d.place.push(r.entity);
            last_place_end = Some(r.range.end);
        }
    }
    d.place.dedup();
}

/// The date of the trigger: a date mention right after it, or in its clause
/// just before it (only when `before`: not for reported speech, "killed 12
/// on 3 June, police said"), or opening the sentence.
fn date_with(
    ctx: &Context,
    floor: usize,
    trigger: &Range<usize>,
    sentence_start: usize,
    before: bool,
) -> Option<DateRange> {
    let window = floor..(trigger.end + 70).min(ctx.text.len());
    let mut best: Option<(usize, &DateMention)> = None;
    for dm in ctx.dates_in(&window) {
        if dm.date.is_none() {
            continue;
        }
        let gap = if dm.range.start >= trigger.end {
            let g = dm.range.start - trigger.end;
            (g <= 60 && !has_any(&ctx.text[trigger.end..dm.range.start], b";.")).then_some(g)
        } else if dm.range.end <= trigger.start {
            let g = trigger.start - dm.range.end;
            let opens = dm.range.start <= sentence_start.max(floor) + 12;
            (g <= 40 && before || opens).then_some(g)
        } else {
            Some(0)
        };
        if let Some(g) = gap {
            if best.is_none_or(|(b, _)| g < b) {
                best = Some((g, dm));
            }
        }
    }
    best.and_then(|(_, dm)| dm.date.clone())
}

/// Checks the trigger's flags against what was found.
fn conditions_hold(info: &Trigger, d: &Draft) -> bool {
    let f = info.flags;
    if f.dated && d.date.is_none() {
        return false;
    }
    if f.place && d.place.is_empty() {
        return false;
    }
    let founded_somewhere = d.event_type == "founding" && !d.place.is_empty();
    if f.actor && d.actors.is_empty() && d.targets.is_empty() && !founded_somewhere {
        return false;
    }
    !(f.anchored && d.actors.is_empty() && d.targets.is_empty() && d.date.is_none())
}

/// A trigger that needs a direct object (flag `obj`) lacks one: no mention,
/// number or modal verb ("to", "could") goes with it.
fn object_missing(
    text: &str,
    info: &Trigger,
    passive: bool,
    object: &Option<Range<usize>>,
    trigger: &Range<usize>,
) -> bool {
    if info.flags.obj && !passive && object.is_none() {
        let number_next = next_word(text, trigger.end, trigger.end + 30)
            .is_some_and(|(_, w)| w.starts_with(|c: char| c.is_ascii_digit()) || is_number_word(w));
        let modal_before = prev_word(text, 0, trigger.start).is_some_and(|w| {
            is_one_of(
                w,
                &const {
                    WordSet::new(&[
                        "to", "could", "might", "may", "would", "will", "can", "shall",
                    ])
                },
            )
        });
        return !number_next && !modal_before;
    }
    false
}

/// A killing of a named person stays a killing; any other killing is an
/// attack, and any other death ("died") is no event. Returns false to drop.
fn resolve_killing<'a>(refs: &[Ref<'a>], d: &mut Draft<'a>, intransitive: bool) -> bool {
    let named = d.targets.iter().any(|t| {
        refs.iter()
            .any(|r| r.entity == *t && r.kind == EntityKind::Person)
    });
    if !named {
        d.event_type = "attack";
        d.targets.clear();
    }
    named || !intransitive
}

/// Pairs where the first event is told by the second when it follows within a
/// few words: "killed in a drone strike" (the attack), "sentenced to ten years
/// in prison" (the sentencing tells the prison term).
const TOLD_BY: [(&str, &str, bool); 2] = [
    ("killing", "attack", true),
    ("detention", "sentencing", false),
];

/// Folds events told by a neighbouring one into it (see [`TOLD_BY`]).
fn fold_told_events(text: &str, drafts: &mut Vec<Draft>) {
    let mut i = 0;
    while i < drafts.len() {
        let x = drafts[i].trigger.clone();
        let host = TOLD_BY.iter().find_map(|(ty, host_ty, host_after)| {
            (drafts[i].event_type == *ty).then_some(())?;
            drafts.iter().position(|a| {
                let (first, second) = if *host_after {
                    (&x, &a.trigger)
                } else {
                    (&a.trigger, &x)
                };
                a.event_type == *host_ty
                    && first.end <= second.start
                    && second.start - first.end <= 30
                    && !has_any(&text[first.end..second.start], b",;")
            })
        });
        match host {
            Some(j) => {
                let told = drafts.remove(i);
                let j = if j > i { j - 1 } else { j };
                let a = &mut drafts[j];
                let killed = (told.event_type == "killing").then_some(1.0);
                a.targets.extend(told.targets);
                a.place.extend(told.place);
                a.killed = a.killed.or(told.killed).or(killed);
                a.span = a.span.start.min(told.span.start)..a.span.end.max(told.span.end);
            }
            None => i += 1,
        }
    }
}

fn extend_span(
    refs: &[Ref],
    d: &mut Draft,
    subject: Option<Range<usize>>,
    object: Option<Range<usize>>,
) {
    for list in [subject, object].into_iter().flatten() {
        if let (Some(first), Some(last)) =
            (refs.get(list.start), refs.get(list.end.wrapping_sub(1)))
        {
            d.span.start = d.span.start.min(first.range.start);
            d.span.end = d.span.end.max(last.range.end);
        }
    }
}

/// The modality given by the nearest cue that governs the trigger.
/// The modality cues of a sentence (found once for all its events).
fn sentence_cues<'l>(
    ctx: &Context,
    lex: &'l Lexicon,
    sent: &Sent,
    all: &[Hit],
) -> Vec<(usize, usize, &'l Cue)> {
    let text = ctx.text;
    // The cues a leftmost-longest search of the sentence finds.
    let mut hits: Vec<Hit> = within(all, &sent.range).copied().collect();
    leftmost_longest(&mut hits);
    hits.into_iter()
        .filter_map(|(s, e, id)| {
            let cue = lex.cue_info.get(id)?;
            // "May" the month is no modal verb.
            let capital = text[s..].starts_with(char::is_uppercase);
            let modal_ok = cue.modality != Modality::Hypothetical || !capital;
            (bounded(text, s, e) && modal_ok).then_some((s, e, cue))
        })
        .collect()
}

fn modality(
    ctx: &Context,
    cues: &[(usize, usize, &Cue)],
    sent: &Sent,
    trigger: &Range<usize>,
) -> (Modality, bool) {
    if cues.is_empty() {
        return (Modality::Asserted, false);
    }
    let text = ctx.text;
    let floor = clause_start(text, sent.range.start, trigger.start);
    let mut best: Option<(usize, &Cue)> = None;
    for &(s, e, cue) in cues {
        let ok = match cue.scope {
            Scope::Sentence => true,
            Scope::Before => e <= trigger.start && s >= floor && trigger.start - e <= 90,
            Scope::Near => e <= trigger.start && trigger.start - e <= 30,
        };
        let dist = trigger.start.abs_diff(e);
        if ok && best.is_none_or(|(b, _)| dist < b) {
            best = Some((dist, cue));
        }
    }
    best.map_or((Modality::Asserted, false), |(_, c)| {
        (c.modality, c.speculative)
    })
}

/// True if `[s, e)` is a whole word or phrase: no letter or hyphen glued to it.
pub fn bounded(text: &str, s: usize, e: usize) -> bool {
    let glued = |c: char| c.is_alphanumeric() || c == '-';
    !text[..s].chars().next_back().is_some_and(glued)
        && !text[e..].chars().next().is_some_and(glued)
}

/// Merges the candidates of one sentence that tell the same happening.
fn merge_same_sentence<'a>(text: &str, drafts: Vec<Draft<'a>>) -> Vec<Draft<'a>> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts {
        let same = out.iter_mut().find(|o| same_happening(text, o, &d));
        match same {
            Some(o) => absorb(o, d),
            None => out.push(d),
        }
    }
    out
}

/// Same type and no argument that tells them apart. `other` gathers unlike
/// happenings, so only the same trigger word merges there.
fn same_happening(text: &str, a: &Draft, b: &Draft) -> bool {
    let disjoint =
        |x: &[&str], y: &[&str]| !x.is_empty() && !y.is_empty() && !x.iter().any(|v| y.contains(v));
    let joined = {
        let (x, y) = if a.trigger.start < b.trigger.start {
            (a, b)
        } else {
            (b, a)
        };
        x.trigger.end <= y.trigger.start
            && matches!(
                text[x.trigger.end..y.trigger.start].trim(),
                "and" | "," | "or"
            )
    };
    a.event_type == b.event_type
        && (a.event_type != "other"
            || joined
            || text[a.trigger.clone()].eq_ignore_ascii_case(&text[b.trigger.clone()]))
        && !disjoint(&a.place, &b.place)
        && !disjoint(&a.actors, &b.actors)
        && !disjoint(&a.targets, &b.targets)
        && (a.date.is_none() || b.date.is_none() || a.date == b.date)
        && a.modality == b.modality
}

/// Folds `d` into `o`: union of arguments, first date, largest counts.
pub fn absorb<'a>(o: &mut Draft<'a>, d: Draft<'a>) {
    for (to, from) in [
        (&mut o.place, d.place),
        (&mut o.actors, d.actors),
        (&mut o.targets, d.targets),
    ] {
        for x in from {
            if !to.contains(&x) {
                to.push(x);
            }
        }
    }
    o.date = o.date.take().or(d.date);
    o.killed = max_opt(o.killed, d.killed);
    o.injured = max_opt(o.injured, d.injured);
    if o.sentence == d.sentence {
        o.span = o.span.start.min(d.span.start)..o.span.end.max(d.span.end);
    }
}

fn max_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

/// Merges an event into an earlier one of the same happening: within two
/// sentences of the same paragraph, or anywhere before when it is an
/// anaphoric noun ("the internment") with the same trigger word.
pub fn merge_across_sentences<'a>(text: &str, drafts: Vec<Draft<'a>>) -> Vec<Draft<'a>> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts {
        // Bounded look-back: a repeated mention refers to a recent event.
        let anaphoric = d.anaphoric && d.pos == Pos::Noun;
        // Drafts come in sentence order: past two sentences back, only an
        // anaphoric draft can still find its event.
        let earlier = out
            .iter_mut()
            .rev()
            .take(60)
            .take_while(|o| anaphoric || o.sentence + 2 >= d.sentence)
            .find(|o| {
                if o.sentence >= d.sentence {
                    return false;
                }
                // The cheap tests first: most drafts are neither near nor anaphoric.
                let near = o.paragraph == d.paragraph && d.sentence - o.sentence <= 2;
                let repeated = || {
                    text[o.trigger.clone()].eq_ignore_ascii_case(&text[d.trigger.clone()])
                        || d.place.iter().any(|p| o.place.contains(p))
                };
                (near || (anaphoric && repeated())) && same_happening(text, o, &d)
            });
        match earlier {
            Some(o) => absorb(o, d),
            None => out.push(d),
        }
    }
    out
}

/// Casualty counts stated in a sentence: (killed, injured), given the
/// indexes of the [`CASUALTY_CUES`] it holds.
fn casualties(sentence: &str, cues: impl Iterator<Item = usize>) -> (Option<f64>, Option<f64>) {
    static RE: OnceLock<Option<[Regex; 2]>> = OnceLock::new();
    let Some([killed, injured]) = RE.get_or_init(|| {
        // Why in code: this is grammar (count before or after the verb), not a word list.
        let q = r"(?:at least |more than |nearly |about |some |around |over )?";
        let n = r"(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|a hundred|hundreds|dozens)";
        let who = r"(?: (?:people|persons|civilians|soldiers|policemen|police officers|others|militants|fighters|tourists|worshippers|children))?";
        let k = format!(
            r"(?i-u)\b(?:killing|killed|kills|leaving|left|claimed the lives of|killing of) {q}{n}{who}\b|\b{q}{n}{who} (?:were |are |have been |had been )?(?:killed|dead|died)\b"
        );
        let i = format!(
            r"(?i-u)\b(?:injuring|wounding|injured|wounded|injuries to) {q}{n}{who}\b|\b{q}{n}{who} (?:were |are |have been )?(?:injured|wounded|hurt)\b"
        );
        Some([Regex::new(&k).ok()?, Regex::new(&i).ok()?])
    }) else {
        return (None, None);
    };
    let count = |re: &Regex| {
        let c = re.captures(sentence)?;
        let m = c.get(1).or_else(|| c.get(2))?;
        parse_count(m.as_str())
    };
    let (may_kill, may_injure) = verb_cues(cues);
    (
        may_kill.then(|| count(killed)).flatten(),
        may_injure.then(|| count(injured)).flatten(),
    )
}

/// Words every casualty pattern of a kind needs: each alternative of the
/// killed patterns holds one of the first [`KILL_CUES`], each of the injured
/// patterns one of the others (ASCII case-insensitive, like the patterns).
pub const CASUALTY_CUES: [&str; 9] = [
    "kill",
    "leaving",
    "left",
    "claimed the lives of",
    "dead",
    "died",
    "injur",
    "wound",
    "hurt",
];
const KILL_CUES: usize = 6;

/// Whether a sentence holds a cue of the casualty patterns of each kind
/// (killed, injured), from the cues the document walk found in it: the
/// patterns are run only then.
fn verb_cues(cues: impl Iterator<Item = usize>) -> (bool, bool) {
    let mut found = (false, false);
    for i in cues {
        if i < KILL_CUES {
            found.0 = true;
        } else {
            found.1 = true;
        }
    }
    found
}

fn is_number_word(w: &str) -> bool {
    parse_count(w).is_some()
}

/// A count written in digits or as a small number word.
fn parse_count(s: &str) -> Option<f64> {
    let digits: String = s.chars().filter(|c| *c != ',').collect();
    if let Ok(v) = digits.parse::<f64>() {
        return Some(v);
    }
    const WORDS: [(&str, f64); 17] = [
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("a hundred", 100.0),
    ];
    WORDS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(s))
        .map(|(_, v)| *v)
}

/// Turns a draft into the model's event.
pub fn finish(ctx: &Context, d: Draft) -> Event {
    let own = |v: Vec<&str>| {
        let mut out: Vec<String> = Vec::with_capacity(v.len());
        for x in v {
            if !out.iter().any(|o| o == x) {
                out.push(x.to_string());
            }
        }
        out
    };
    Event {
        span: ctx.span(d.span.clone()),
        quote: ctx.quote(&d.span),
        event_type: d.event_type.to_string(),
        date: d.date,
        place: own(d.place),
        actors: own(d.actors),
        targets: own(d.targets),
        killed: d.killed,
        injured: d.injured,
        modality: d.modality,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Casualty counts, with the cues found by a plain search.
    fn casualties(sentence: &str) -> (Option<f64>, Option<f64>) {
        let lower = sentence.to_ascii_lowercase();
        let cues = (0..CASUALTY_CUES.len()).filter(|&i| lower.contains(CASUALTY_CUES[i]));
        super::casualties(sentence, cues)
    }

    #[test]
    fn reads_casualty_counts() {
        assert_eq!(
            casualties("A bomb went off, killing 20 people and injuring 120."),
            (Some(20.0), Some(120.0))
        );
        assert_eq!(casualties("At least 5 were killed."), (Some(5.0), None));
        assert_eq!(
            casualties("the killing of 29 people by a gang"),
            (Some(29.0), None)
        );
        assert_eq!(casualties("No one was hurt."), (None, None));
    }

    #[test]
    fn word_bounds() {
        assert!(bounded("an attack on", 3, 9));
        assert!(!bounded("law-enforcement", 0, 3));
        assert!(!bounded("attacks", 0, 6));
    }
}
