//! PDF: text of each page (pdf-extract, in reading order), without running
//! headers/footers and bare page numbers, lines of a paragraph joined and
//! words broken at line ends de-hyphenated; metadata from the info dictionary.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::LazyLock;

use evident_model::{DateRange, DocMeta};
use lopdf::{Dictionary, Object};

use crate::structure::detect_structure;
use crate::text::{shorten, title};
use crate::{IngestError, Read, Warning};

pub(crate) fn read(
    path: &Path,
    bytes: &[u8],
    warnings: &mut Vec<Warning>,
) -> Result<Read, IngestError> {
    let err = |reason: String| IngestError::Pdf {
        path: path.to_path_buf(),
        reason,
    };
    // pdf-extract panics on some malformed files: a panic is a refusal, not a crash.
    let pages = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem_by_pages(bytes)
    }))
    .map_err(|p| err(format!("the PDF parser failed ({})", panic_message(&p))))?
    .map_err(|e| err(e.to_string()))?;
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(err(
            "no text layer (a scanned PDF? run OCR on it first)".into()
        ));
    }
    let text = pdf_text(&pages);
    let structure = detect_structure(&text);
    let info = info(bytes).unwrap_or_else(|| {
        warnings.push(Warning {
            path: path.to_path_buf(),
            message: "could not read the PDF's info dictionary (no title, author or date from it)"
                .into(),
        });
        Info::default()
    });
    let meta = DocMeta {
        title: info.title.or_else(|| title(&text, &structure)),
        author: info.author,
        published: info.date,
        ..DocMeta::default()
    };
    Ok(Read {
        text,
        meta,
        structure,
    })
}

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".into())
}

// ------------------------------------------------------------------ text

/// The cleaned text of all pages, paragraphs separated by blank lines.
pub(crate) fn pdf_text(pages: &[String]) -> String {
    let pages: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.lines().map(|l| l.trim()).collect())
        .collect();
    let running = running_lines(&pages);
    let mut lines: Vec<&str> = Vec::new();
    for page in &pages {
        let edges = edge_flags(page);
        for (l, edge) in page.iter().zip(edges) {
            if edge && (running.contains_key(&key(l)) || is_page_number(l)) {
                continue;
            }
            lines.push(l);
        }
        // A page break may split a paragraph: the joining rules decide.
    }
    paragraphs(&lines).join("\n\n")
}

/// How many non-blank lines at the top and bottom of a page may be running heads.
const EDGE_LINES: usize = 2;

/// For each line of a page: is it among the first or last non-blank lines?
fn edge_flags(page: &[&str]) -> Vec<bool> {
    let total = page.iter().filter(|l| !l.is_empty()).count();
    let mut seen = 0;
    page.iter()
        .map(|l| {
            if l.is_empty() {
                return false;
            }
            seen += 1;
            seen <= EDGE_LINES || seen + EDGE_LINES > total
        })
        .collect()
}

/// A line with digits folded, so "Page 3" and "Page 4" compare equal.
fn key(l: &str) -> String {
    let folded: String = l
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '#'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines that repeat at the top or bottom of many pages (running heads and
/// footers), with the number of pages they appear on.
fn running_lines(pages: &[Vec<&str>]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let mut seen = std::collections::HashSet::new();
        for (l, edge) in page.iter().zip(edge_flags(page)) {
            if edge && seen.insert(key(l)) {
                *counts.entry(key(l)).or_default() += 1;
            }
        }
    }
    let min = (pages.len() * 2).div_ceil(5).max(3);
    counts.retain(|_, c| *c >= min);
    counts
}

static PAGE_NUMBER: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^[-–—\s]*(page\s*)?(\d{1,4}|[ivxlc]{1,7})(\s*(of|/)\s*\d{1,4})?[-–—\s]*$",
    )
    .expect("page number regex is valid")
});

fn is_page_number(l: &str) -> bool {
    PAGE_NUMBER.is_match(l)
}

/// Joins lines into paragraphs. A paragraph ends at a blank line, after a
/// short line that ends a sentence, or at a short title-like line; lines
/// with column gaps (tables) are kept as lines of their own block.
fn paragraphs(lines: &[&str]) -> Vec<String> {
    let median = median_len(lines);
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut rows: Vec<&str> = Vec::new();
    let end = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.trim().is_empty() {
            out.push(std::mem::take(cur));
        }
        cur.clear();
    };
    for (i, line) in lines.iter().enumerate() {
        if is_tabular(line) {
            end(&mut cur, &mut out);
            rows.push(line);
            continue;
        }
        if !rows.is_empty() {
            out.push(rows.join("\n"));
            rows.clear();
        }
        if line.is_empty() {
            end(&mut cur, &mut out);
            continue;
        }
        join_line(&mut cur, line);
        let next = lines.get(i + 1).copied().unwrap_or_default();
        if ends_paragraph(line, next, median) {
            end(&mut cur, &mut out);
        }
    }
    if !rows.is_empty() {
        out.push(rows.join("\n"));
    }
    end(&mut cur, &mut out);
    out
}

fn median_len(lines: &[&str]) -> usize {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.chars().count())
        .collect();
    lens.sort_unstable();
    lens.get(lens.len() / 2).copied().unwrap_or(0)
}

/// Two or more columns separated by wide gaps.
fn is_tabular(line: &str) -> bool {
    line.contains('\t') || line.split("   ").filter(|c| !c.trim().is_empty()).count() >= 2
}

/// Appends a line to a paragraph: "inter-" + "national" → "international"
/// when both parts are lower case, "Al-" + "Qaeda" keeps its hyphen, else
/// a space between.
fn join_line(cur: &mut String, line: &str) {
    if cur.is_empty() {
        cur.push_str(line);
        return;
    }
    if cur.ends_with('\u{ad}') {
        cur.pop();
        cur.push_str(line);
        return;
    }
    if let Some(stem) = cur.strip_suffix('-') {
        let last = stem.chars().next_back();
        let before_lower = last.is_some_and(char::is_lowercase);
        let after_lower = line.chars().next().is_some_and(char::is_lowercase);
        if last.is_some_and(char::is_alphabetic) {
            if before_lower && after_lower {
                cur.pop();
            }
            cur.push_str(line);
            return;
        }
    }
    cur.push(' ');
    cur.push_str(line);
}

/// Whether the paragraph ends after `line` (given the line that follows).
fn ends_paragraph(line: &str, next: &str, median: usize) -> bool {
    let len = line.chars().count();
    let stop = line
        .trim_end_matches(['"', '”', '’', ')', '\''])
        .ends_with(['.', '!', '?', ':']);
    let next_upper = next
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let short = len * 5 < median * 4;
    if stop && short {
        return true;
    }
    // A short line without a stop before a capitalised line: a heading.
    let title_like = len * 5 < median * 3 && !line.ends_with([',', '-', ';']) && !stop;
    title_like && next_upper && line.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

// ------------------------------------------------------------- info dict

#[derive(Debug, Default)]
struct Info {
    title: Option<String>,
    author: Option<String>,
    date: Option<DateRange>,
}

fn info(bytes: &[u8]) -> Option<Info> {
    let doc = catch_unwind(AssertUnwindSafe(|| lopdf::Document::load_mem(bytes)))
        .ok()?
        .ok()?;
    let dict: &Dictionary = match doc.trailer.get(b"Info").ok()? {
        Object::Reference(id) => doc.get_object(*id).ok()?.as_dict().ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    let field = |k: &[u8]| {
        dict.get(k)
            .ok()
            .and_then(|o| o.as_str().ok())
            .map(pdf_string)
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    Some(Info {
        title: field(b"Title")
            .filter(|t| !is_junk_title(t))
            .map(|t| shorten(&t, 300)),
        author: field(b"Author"),
        date: field(b"CreationDate").and_then(|d| pdf_date(&d)),
    })
}

/// Titles that name the file or the tool rather than the document.
fn is_junk_title(t: &str) -> bool {
    let l = t.to_ascii_lowercase();
    l == "untitled"
        || l.starts_with("microsoft word")
        || [".doc", ".docx", ".pdf", ".indd", ".rtf", ".odt", ".tex"]
            .iter()
            .any(|e| l.ends_with(e))
}

/// A PDF text string: UTF-16 with a BOM, UTF-8, else PDFDocEncoding
/// (Latin-1 for the characters that matter here).
fn pdf_string(b: &[u8]) -> String {
    if let Some(rest) = b.strip_prefix(&[0xFE, 0xFF]) {
        return encoding_rs::UTF_16BE
            .decode_without_bom_handling(rest)
            .0
            .into_owned();
    }
    if let Some(rest) = b.strip_prefix(&[0xFF, 0xFE]) {
        return encoding_rs::UTF_16LE
            .decode_without_bom_handling(rest)
            .0
            .into_owned();
    }
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => b.iter().map(|&c| c as char).collect(),
    }
}

/// `D:YYYYMMDDHHmmSS…` → a date (day, month or year precision).
fn pdf_date(s: &str) -> Option<DateRange> {
    let d = s.trim().trim_start_matches("D:");
    let num = |r: std::ops::Range<usize>| d.get(r).and_then(|x| x.parse::<u32>().ok());
    let year = num(0..4)? as i32;
    let month = num(4..6).filter(|m| (1..=12).contains(m));
    let day = num(6..8).filter(|x| (1..=31).contains(x) && month.is_some());
    (1000..=2999)
        .contains(&year)
        .then(|| DateRange::point(year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dehyphenates_and_joins() {
        let mut s = String::from("the inter-");
        join_line(&mut s, "national order");
        assert_eq!(s, "the international order");
        let mut s = String::from("joined Al-");
        join_line(&mut s, "Qaeda in");
        assert_eq!(s, "joined Al-Qaeda in");
        let mut s = String::from("plain");
        join_line(&mut s, "words");
        assert_eq!(s, "plain words");
    }

    #[test]
    fn drops_running_heads_and_page_numbers() {
        let words = ["alpha", "beta", "gamma", "delta"];
        let body = |n: usize| {
            let w = words[n - 1];
            format!(
                "Journal of Invented Studies\n\n{w} text on this page runs long enough to be a line of prose\nand ends here on a {w} line.\nAnother {w} paragraph starts on this page and it has\nwords that continue on the next line until the end of\nthe {w} page.\n\n{n}\n"
            )
        };
        let pages: Vec<String> = (1..=4).map(body).collect();
        let t = pdf_text(&pages);
        assert!(!t.contains("Journal of Invented"), "{t}");
        assert!(!t.lines().any(|l| l.trim() == "3"), "{t}");
        assert!(
            t.contains("beta text on this page runs long enough to be a line of prose and ends here on a beta line."),
            "{t}"
        );
        assert!(t.contains("end of the gamma page."), "{t}");
    }

    #[test]
    fn pdf_dates_and_strings() {
        assert_eq!(
            pdf_date("D:20190105120000+01'00'").unwrap().start,
            "2019-01-05"
        );
        assert_eq!(pdf_date("D:2019").unwrap().start, "2019");
        assert_eq!(pdf_string(&[0xFE, 0xFF, 0, b'H', 0, b'i']), "Hi");
        assert_eq!(pdf_string(b"caf\xe9"), "café");
        assert!(is_junk_title("Microsoft Word - draft.docx"));
    }

    /// A PDF with one page per entry of `pages`, each a list of lines, and
    /// an info dictionary.
    pub(crate) fn tiny_pdf(pages: &[&[&str]]) -> Vec<u8> {
        use lopdf::content::{Content, Operation};
        use lopdf::{dictionary, Stream};
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let resources_id = doc.add_object(dictionary! {"Font" => dictionary! {"F1" => font_id}});
        let mut kids = Vec::new();
        for lines in pages {
            let mut ops = vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 11.into()]),
                Operation::new("TL", vec![14.into()]),
                Operation::new("Td", vec![72.into(), 760.into()]),
            ];
            for l in lines.iter() {
                ops.push(Operation::new("Tj", vec![Object::string_literal(*l)]));
                ops.push(Operation::new("T*", vec![]));
            }
            ops.push(Operation::new("ET", vec![]));
            let content = Content { operations: ops };
            let content_id = doc.add_object(Stream::new(
                dictionary! {},
                content.encode().expect("content encodes"),
            ));
            let page_id = doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            });
            kids.push(page_id.into());
        }
        let count = kids.len() as i64;
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => kids, "Count" => count,
                "Resources" => resources_id,
                "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            }),
        );
        let catalog_id = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
        let info_id = doc.add_object(dictionary! {
            "Title" => Object::string_literal("Invented Report on Routes"),
            "Author" => Object::string_literal("A. Writer"),
            "CreationDate" => Object::string_literal("D:20180412093000Z"),
        });
        doc.trailer.set("Root", catalog_id);
        doc.trailer.set("Info", info_id);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("pdf saves");
        out
    }

    #[test]
    fn reads_a_generated_pdf() {
        let p1: &[&str] = &[
            "Invented Quarterly",
            "The report describes the inter-",
            "national routes that the travellers took in",
            "the spring, through three countries.",
            "",
            "A second paragraph starts here and goes on",
            "for a while before it ends on this line.",
            "1",
        ];
        let p2: &[&str] = &[
            "Invented Quarterly",
            "Later the group moved south along the",
            "coast and reached the port in the summer.",
            "",
            "More text follows on the second page, with",
            "another sentence that closes the page here.",
            "2",
        ];
        let p3: &[&str] = &[
            "Invented Quarterly",
            "The third page opens with its own para-",
            "graph and nothing else of note to report.",
            "",
            "It closes with one more sentence, as the",
            "others did, before the final page number.",
            "3",
        ];
        let bytes = tiny_pdf(&[p1, p2, p3]);
        let (doc, _) =
            crate::normalize_bytes(Path::new("r.pdf"), "pdf", &bytes, &Default::default())
                .expect("the generated PDF reads");
        assert_eq!(doc.format, "pdf");
        assert!(
            doc.text.contains("the international routes"),
            "{}",
            doc.text
        );
        assert!(doc.text.contains("its own paragraph"), "{}", doc.text);
        assert!(!doc.text.contains("Invented Quarterly"), "{}", doc.text);
        assert!(!doc.text.lines().any(|l| l.trim() == "2"), "{}", doc.text);
        assert_eq!(doc.meta.title.as_deref(), Some("Invented Report on Routes"));
        assert_eq!(doc.meta.author.as_deref(), Some("A. Writer"));
        assert_eq!(doc.meta.published.unwrap().start, "2018-04-12");
    }

    /// Regenerates `tests/cases/generated.pdf` (run with `--ignored`).
    #[test]
    #[ignore]
    fn write_case_pdf() {
        let p1: &[&str] = &[
            "Invented Review of Routes",
            "Routes of Travellers in an Invented Region",
            "",
            "The authorities said that about 120 travellers crossed the moun-",
            "tain pass in 2016, most of them on foot, and that the route",
            "ran from the northern towns to the southern coast.",
            "",
            "A second paragraph follows on the same page and carries on",
            "until it ends here.",
            "1",
        ];
        let p2: &[&str] = &[
            "Invented Review of Routes",
            "The third paragraph opens the second page and tells of the",
            "return journey in the following year.",
            "",
            "Another paragraph closes the second page with a last sentence",
            "about the travellers.",
            "2",
        ];
        let p3: &[&str] = &[
            "Invented Review of Routes",
            "The final page has a short paragraph that ends the report",
            "with thanks to the people who helped.",
            "3",
        ];
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/generated.pdf");
        std::fs::write(path, tiny_pdf(&[p1, p2, p3])).expect("writes the case PDF");
    }

    #[test]
    fn broken_pdf_is_an_error_naming_it() {
        let err = crate::normalize_bytes(
            Path::new("dir/broken.pdf"),
            "pdf",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n%%EOF",
            &Default::default(),
        )
        .unwrap_err();
        assert!(matches!(err, IngestError::Pdf { .. }), "{err}");
        assert!(err.to_string().contains("dir/broken.pdf"));
    }
}
