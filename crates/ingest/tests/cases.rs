//! Runs every case in `tests/cases/`: an input file (`NAME.txt`, `.md`,
//! `.html`, `.pdf`) and `NAME.expect`, one expectation a line:
//!
//! ```text
//! # comment
//! format: html
//! title: The Title            (also published:, author:, url:, publisher:, language:)
//! contains: some text          the stored text contains it
//! absent: some text            the stored text does not contain it
//! heading: Exact Heading       a heading span has exactly this text
//! not-heading: Some line       no heading span has this text
//! non-article: text            a non-article span contains this text
//! article: text                no non-article span overlaps this text
//! tables: 2                    number of tables
//! table 0: rows=5 header=1     rows and header rows of table 0
//! caption 0: text              the caption of table 0
//! row 0 1: a | b | c           cells of row 1 of table 0 (tabs shown as |)
//! ```
//! Adding a case is adding two files.

use std::path::{Path, PathBuf};

use evident_ingest::{read_path, Options};
use evident_model::{CharIndex, Document, Span};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

#[test]
fn all_cases() {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e != "expect"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no cases found");
    let mut failures = Vec::new();
    let mut checks = 0;
    for input in &inputs {
        let expect = input.with_extension("expect");
        let spec = std::fs::read_to_string(&expect)
            .unwrap_or_else(|e| panic!("{}: {e}", expect.display()));
        let (doc, _) = match read_path(input, &Options::default()) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{}: {e}", input.display()));
                continue;
            }
        };
        for (n, line) in spec.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            checks += 1;
            if let Err(msg) = check(&doc, line) {
                failures.push(format!("{}:{}: {line}: {msg}", expect.display(), n + 1));
            }
        }
    }
    println!("{} cases, {checks} checks", inputs.len());
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
}

fn text_of<'a>(doc: &'a Document, ix: &CharIndex, s: &Span) -> &'a str {
    &doc.text[ix.bytes(*s)]
}

fn check(doc: &Document, line: &str) -> Result<(), String> {
    let (key, want) = line
        .split_once(':')
        .map(|(k, v)| (k.trim(), v.trim()))
        .ok_or("no `key:`")?;
    let ix = CharIndex::new(&doc.text);
    let st = &doc.structure;
    let texts = |spans: &[Span]| -> Vec<String> {
        spans
            .iter()
            .map(|s| text_of(doc, &ix, s).to_string())
            .collect()
    };
    let meta = &doc.meta;
    let same = |got: Option<&str>| -> Result<(), String> {
        (got == Some(want))
            .then_some(())
            .ok_or(format!("got {got:?}"))
    };
    let mut words = key.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some("format"), None, _) => same(Some(&doc.format)),
        (Some("title"), None, _) => same(meta.title.as_deref()),
        (Some("author"), None, _) => same(meta.author.as_deref()),
        (Some("url"), None, _) => same(meta.url.as_deref()),
        (Some("publisher"), None, _) => same(meta.publisher.as_deref()),
        (Some("language"), None, _) => same(meta.language.as_deref()),
        (Some("published"), None, _) => same(meta.published.as_ref().map(|d| d.start.as_str())),
        (Some("contains"), None, _) => ok(doc.text.contains(want), || "not in text".into()),
        (Some("absent"), None, _) => ok(!doc.text.contains(want), || "found in text".into()),
        (Some("heading"), None, _) => {
            let h = texts(&st.headings);
            ok(h.iter().any(|x| x == want), || format!("headings: {h:?}"))
        }
        (Some("not-heading"), None, _) => {
            ok(!texts(&st.headings).iter().any(|x| x == want), || {
                "is a heading".into()
            })
        }
        (Some("non-article"), None, _) => {
            let na = texts(&st.non_article);
            ok(na.iter().any(|x| x.contains(want)), || {
                format!("non-article: {na:?}")
            })
        }
        (Some("article"), None, _) => {
            let at = doc.text.find(want).ok_or("not in text")?;
            let span = ix.span(at..at + want.len());
            ok(!st.non_article.iter().any(|n| n.overlaps(&span)), || {
                "marked non-article".into()
            })
        }
        (Some("tables"), None, _) => same_num(st.tables.len(), want),
        (Some("table"), Some(t), None) => {
            let table = st.tables.get(num(t)?).ok_or("no such table")?;
            let got = format!("rows={} header={}", table.rows.len(), table.header_rows);
            ok(got == want, || got.clone())
        }
        (Some("caption"), Some(t), None) => {
            let table = st.tables.get(num(t)?).ok_or("no such table")?;
            let got = table.caption.map(|c| text_of(doc, &ix, &c).to_string());
            ok(got.as_deref() == Some(want), || format!("got {got:?}"))
        }
        (Some("row"), Some(t), Some(r)) => {
            let table = st.tables.get(num(t)?).ok_or("no such table")?;
            let row = table.rows.get(num(r)?).ok_or("no such row")?;
            let got = texts(&row.cells).join(" | ");
            ok(got.trim_end() == want, || format!("got `{got}`"))
        }
        _ => Err("unknown expectation".into()),
    }
}

fn ok(cond: bool, msg: impl FnOnce() -> String) -> Result<(), String> {
    if cond {
        Ok(())
    } else {
        Err(msg())
    }
}

fn num(s: &str) -> Result<usize, String> {
    s.parse().map_err(|_| format!("`{s}` is not a number"))
}

fn same_num(got: usize, want: &str) -> Result<(), String> {
    ok(got.to_string() == want, || format!("got {got}"))
}
