//! Claims: numbers and quantities (what is counted, for whom, where, when,
//! and who says so), dates, attribution, tables, and agreements.
//!
//! The pipeline calls [`find_dates`] once the entity mentions are in the
//! [`Context`], stores the result in `ctx.dates`, then calls [`extract`].
//! Everything works on one tokenization of the lower-cased text
//! ([`tokens`]); the number grammar ([`numbers`]) is shared by the prose
//! reader ([`quantities`]) and the table reader ([`tables`]). Lexicons are
//! data files under `data/lexicons/claims/` ([`lexicon`]).

use evident_model::{Agreement, Quantity};
use evident_text::{Context, DateMention};

pub mod agreements;
pub mod attribution;
pub mod dates;
pub mod lexicon;
pub mod numbers;
pub mod prep;
pub mod quantities;
pub mod tables;
pub mod tokens;

use prep::Prep;
pub use prep::Tokenized;

/// Date and period expressions of a document, resolved against its publication date.
pub fn find_dates(ctx: &Context) -> Vec<DateMention> {
    find_dates_in(ctx, &Tokenized::new(ctx.text))
}

/// [`find_dates`] with the document's tokens made once by the caller.
pub fn find_dates_in(ctx: &Context, tokens: &Tokenized) -> Vec<DateMention> {
    let anchor = dates::Anchor::from(ctx.published());
    let mut found = dates::find(&tokens.t(), ctx.text, anchor);
    found.retain(|d| !ctx.skipped(d.range.start));
    found
}

/// What the claims extractor found in one document.
#[derive(Debug, Default)]
pub struct Claims {
    pub quantities: Vec<Quantity>,
    pub agreements: Vec<Agreement>,
}

/// Extracts quantities and agreements; needs entity and date mentions in `ctx`.
pub fn extract(ctx: &Context) -> Claims {
    extract_with(ctx, Tokenized::new(ctx.text))
}

/// [`extract`] with the document's tokens made once by the caller.
pub fn extract_with(ctx: &Context, tokens: Tokenized) -> Claims {
    let p = Prep::with_tokens(ctx, tokens);
    let numbers = numbers::scan(&p.t());
    let sources = attribution::sources(&p);
    let tabs = tables::tables_of(&p);
    let mut rows: Vec<_> = tabs
        .iter()
        .flat_map(|t| t.rows.iter().map(|r| r.0.clone()))
        .collect();
    rows.sort_by_key(|r| r.start);
    let mut quantities = quantities::extract(&p, &numbers, &sources, &rows);
    quantities.extend(tables::quantities(&p, &tabs, &sources));
    let mut agreements = agreements::from_tables(&p);
    let known = agreements.clone();
    // A treaty the table already lists, mentioned again in prose, adds nothing.
    agreements.extend(agreements::from_prose(&p).into_iter().filter(|a| {
        !known.iter().any(|k| {
            k.agreement_type == a.agreement_type
                && k.parties.iter().all(|x| a.parties.contains(x))
                && a.parties.len() == k.parties.len()
        })
    }));
    Claims {
        quantities,
        agreements,
    }
}

/// A one-line human summary of a quantity ("more than 11,000 fighters (Syria)").
pub fn quantity_summary(q: &Quantity) -> String {
    let fmt = |v: f64| {
        if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v}")
        }
    };
    let value = match (q.min, q.max) {
        (Some(a), Some(b)) if a == b => fmt(a),
        (Some(a), Some(b)) => format!("{}–{}", fmt(a), fmt(b)),
        (Some(a), None) => format!("more than {}", fmt(a)),
        (None, Some(b)) => format!("up to {}", fmt(b)),
        (None, None) => "?".to_string(),
    };
    let mut s = String::new();
    if q.negated {
        s.push_str("not ");
    }
    if q.approximate {
        s.push('~');
    }
    s.push_str(&value);
    if let Some(u) = &q.unit {
        s.push(' ');
        s.push_str(u);
    }
    if let Some(w) = &q.what {
        s.push(' ');
        s.push_str(w);
    }
    s
}
