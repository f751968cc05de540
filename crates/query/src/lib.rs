//! Reading across documents. Extraction sees one document at a time; this
//! crate reconciles what several documents say: it links the reports of the
//! same happening (same type, overlapping dates, same place) so that a
//! timeline shows one row per happening with every source that tells it.
//!
//! Pure functions over model values: no IO, no store.

use evident_model::{DateRange, Event, Precision};

/// The first and last day a date covers, as comparable `YYYY-MM-DD` strings.
pub fn bounds(d: &DateRange) -> (String, String) {
    let pad = |s: &str, fill: &str| format!("{s}{}", &fill[s.len().min(fill.len())..]);
    (pad(&d.start, "0000-01-01"), pad(&d.end, "9999-12-31"))
}

/// True when two dates share at least one day.
pub fn overlaps(a: &DateRange, b: &DateRange) -> bool {
    let (a0, a1) = bounds(a);
    let (b0, b1) = bounds(b);
    a0 <= b1 && b0 <= a1
}

fn shares(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| b.contains(x))
}

fn precise(d: &DateRange) -> bool {
    matches!(d.precision, Precision::Day | Precision::Month)
}

/// True when two event records plausibly tell the same happening: same
/// type, overlapping dates known to the month or day, and the same place
/// (or, when either has no place, a shared actor). Targets alone do not
/// link: "Uyghurs" are the targets of many different deportations.
pub fn same_happening(a: &Event, b: &Event) -> bool {
    let (Some(da), Some(db)) = (&a.date, &b.date) else {
        return false;
    };
    if a.event_type != b.event_type || !precise(da) || !precise(db) || !overlaps(da, db) {
        return false;
    }
    if !a.place.is_empty() && !b.place.is_empty() {
        return shares(&a.place, &b.place);
    }
    shares(&a.actors, &b.actors)
}

/// Groups dated events (with the id of their document) into happenings, in
/// order of first date. Each group keeps its reports in input order.
pub fn link_events<'a>(events: &[(&'a str, &'a Event)]) -> Vec<Vec<(&'a str, &'a Event)>> {
    let mut groups: Vec<Vec<(&'a str, &'a Event)>> = Vec::new();
    for &(doc, ev) in events.iter().filter(|(_, e)| e.date.is_some()) {
        match groups
            .iter_mut()
            .find(|g| g.iter().any(|(_, o)| same_happening(o, ev)))
        {
            Some(g) => g.push((doc, ev)),
            None => groups.push(vec![(doc, ev)]),
        }
    }
    groups.sort_by_key(|g| {
        g.iter()
            .filter_map(|(_, e)| e.date.as_ref().map(|d| bounds(d).0))
            .min()
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use evident_model::{Modality, Span};

    fn ev(t: &str, date: &str, place: &[&str]) -> Event {
        Event {
            span: Span::new(0, 1),
            quote: String::new(),
            event_type: t.into(),
            date: DateRange::parse_iso(date),
            place: place.iter().map(|s| s.to_string()).collect(),
            actors: vec![],
            targets: vec![],
            killed: None,
            injured: None,
            modality: Modality::Asserted,
        }
    }

    #[test]
    fn a_month_overlaps_its_days() {
        let m = DateRange::parse_iso("2015-08").unwrap();
        assert!(overlaps(&m, &DateRange::parse_iso("2015-08-17").unwrap()));
        assert!(!overlaps(&m, &DateRange::parse_iso("2015-09-01").unwrap()));
        assert!(overlaps(&DateRange::parse_iso("2015").unwrap(), &m));
    }

    #[test]
    fn links_reports_of_one_bombing_across_documents() {
        let a = ev("attack", "2015-08-17", &["place:bangkok"]);
        let b = ev("attack", "2015-08", &["place:bangkok"]);
        let c = ev("attack", "2015-08-17", &["place:kunming"]);
        let d = ev("arrest", "2015-08-29", &["place:bangkok"]);
        let groups = link_events(&[("d1", &a), ("d2", &b), ("d3", &c), ("d1", &d)]);
        let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![2, 1, 1]);
    }
}
