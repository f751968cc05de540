//! Properties of the text reader and the structure detector on random input.

use std::path::Path;

use evident_ingest::{detect_structure, normalize_bytes, Options};
use evident_model::{CharIndex, Span};
use proptest::prelude::*;

/// Pieces that exercise every detector: tabs, runs of spaces, CRLF, markup,
/// furniture phrases, digits and months, and multi-byte chars.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,8}".prop_map(|s| s),
        "[0-9]{1,4}".prop_map(|s| s),
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("# ".to_string()),
        Just("| ".to_string()),
        Just(". ".to_string()),
        Just("Read more".to_string()),
        Just("Related".to_string()),
        Just("March".to_string()),
        Just("**Table 1:** ".to_string()),
        Just("<sup>2</sup>".to_string()),
        Just("é’中—".to_string()),
        Just("\u{feff}".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|v| v.concat())
}

fn check_span(text: &str, ix: &CharIndex, s: &Span) -> Result<(), TestCaseError> {
    let chars = ix.chars();
    prop_assert!(
        s.start <= s.end && s.end <= chars,
        "{s:?} out of 0..{chars}"
    );
    let r = ix.bytes(*s);
    prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn structure_spans_are_in_bounds(t in text()) {
        let st = detect_structure(&t);
        let ix = CharIndex::new(&t);
        for s in st.paragraphs.iter().chain(&st.headings).chain(&st.non_article) {
            check_span(&t, &ix, s)?;
        }
        for w in st.non_article.windows(2) {
            prop_assert!(w[0].end <= w[1].start, "non-article regions overlap");
        }
        for table in &st.tables {
            check_span(&t, &ix, &table.span)?;
            if let Some(c) = &table.caption {
                check_span(&t, &ix, c)?;
            }
            prop_assert!(table.header_rows <= table.rows.len());
            for row in &table.rows {
                check_span(&t, &ix, &row.span)?;
                prop_assert!(table.span.contains(&row.span));
                prop_assert!(!t[ix.bytes(row.span)].contains('\n'), "a row spans lines");
                for c in &row.cells {
                    check_span(&t, &ix, c)?;
                    prop_assert!(row.span.contains(c), "cell {c:?} outside row {:?}", row.span);
                }
            }
        }
    }

    #[test]
    fn txt_text_is_the_input_with_crlf_normalised(t in text()) {
        match normalize_bytes(Path::new("p.txt"), "txt", t.as_bytes(), &Options::default()) {
            Ok((doc, _)) => prop_assert_eq!(doc.text, t.replace("\r\n", "\n")),
            Err(e) => prop_assert!(t.trim().is_empty() || t.trim() == "\u{feff}", "{e}"),
        }
    }
}

fn html_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{1,12}".prop_map(|s| s),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("</td><td>".to_string()),
        Just("</tr><tr><th>".to_string()),
        Just("<h2>".to_string()),
        Just("</h2>".to_string()),
        Just("<script>x()</script>".to_string()),
        Just("<li><a href=x>".to_string()),
        Just("<br>".to_string()),
        Just("é’中".to_string()),
        Just("\t\n".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn html_spans_are_in_bounds(parts in prop::collection::vec(html_piece(), 1..60)) {
        let html = parts.concat();
        if let Ok((doc, _)) = normalize_bytes(Path::new("p.html"), "html", html.as_bytes(), &Options::default()) {
            let ix = CharIndex::new(&doc.text);
            let st = &doc.structure;
            for s in st.paragraphs.iter().chain(&st.headings) {
                check_span(&doc.text, &ix, s)?;
            }
            prop_assert!(!doc.text.contains("x()"));
            for t in &st.tables {
                for r in &t.rows {
                    for c in &r.cells {
                        check_span(&doc.text, &ix, c)?;
                        prop_assert!(r.span.contains(c));
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Any bytes give a document or an error naming the file, never a panic.
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for format in ["txt", "md", "html", "pdf"] {
            let mut b = bytes.clone();
            if format == "pdf" {
                let mut v = b"%PDF-1.4\n".to_vec();
                v.extend(b);
                b = v;
            }
            if let Err(e) = normalize_bytes(Path::new("f.bin"), format, &b, &Options::default()) {
                prop_assert!(e.to_string().contains("f.bin"));
            }
        }
    }
}
