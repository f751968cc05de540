//! HTML pages: the main content as text, with its structure and metadata.
//!
//! A readability-style heuristic of our own on `scraper`'s DOM: the root is
//! the article (`articleBody`, the largest `<article>`, `<main>`), else the
//! element whose paragraphs score highest. Inside it, scripts, styles,
//! navigation, asides, footers, forms, share/related/comment widgets,
//! link lists and "Read more" teasers are dropped. Each heading, paragraph,
//! list item and table becomes one block; blocks are separated by a blank
//! line; a table is one line per row with tab-separated cells.
//! (rs-trafilatura was considered: it gives text or markdown, not the
//! block and cell offsets that the structure needs.)

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use ego_tree::NodeId;
use evident_model::{DateRange, DocMeta, Structure};
use scraper::node::Node;
use scraper::{ElementRef, Html, Selector};

use crate::structure::{furniture, to_table, CharCursor, TableB};
use crate::text::shorten;
use crate::{decode, IngestError, Read, Warning};

pub(crate) fn read(
    path: &Path,
    bytes: &[u8],
    warnings: &mut Vec<Warning>,
) -> Result<Read, IngestError> {
    let declared = declared_charset(bytes);
    let source = decode::decode(path, bytes, declared.as_deref(), warnings)?;
    let page = Html::parse_document(&source);
    let mut meta = metadata(&page);
    let root = main_root(&page);
    let mut b = Builder::default();
    if let Some(root) = root {
        if let Some(h1) = headline_outside(&page, root) {
            b.heading(h1);
        }
        b.root_len = text_len(root);
        b.walk(root);
    }
    b.flush(BlockKind::Paragraph);
    if meta.title.is_none() {
        meta.title = b.first_heading.clone();
    }
    let (text, structure) = b.finish();
    if text.trim().is_empty() {
        return Err(IngestError::Invalid {
            path: path.to_path_buf(),
            reason: "no readable text found in the page (is the content loaded by scripts? save the article text as .txt)".into(),
        });
    }
    Ok(Read {
        text,
        meta,
        structure,
    })
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("static selector is valid")
}

/// `charset=` in the first bytes (a `<meta>` declaration).
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

// ---------------------------------------------------------------- metadata

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static HEADINGS: LazyLock<Selector> = LazyLock::new(|| selector("h1, h2, h3"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector("link[rel=canonical]"));
static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector("script[type=\"application/ld+json\"]"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static HTML_EL: LazyLock<Selector> = LazyLock::new(|| selector("html"));

fn metadata(page: &Html) -> DocMeta {
    let metas: Vec<(String, String)> = page
        .select(&META)
        .filter_map(|m| {
            let v = m.value();
            let key = v
                .attr("property")
                .or(v.attr("name"))
                .or(v.attr("itemprop"))?;
            let content = v.attr("content")?.trim();
            (!content.is_empty()).then(|| (key.to_ascii_lowercase(), content.to_string()))
        })
        .collect();
    let get = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| clean(v))
        })
    };
    let ld = json_ld(page);
    let ld_get = |key: &str| {
        ld.iter()
            .find_map(|v| find_key(v, key))
            .and_then(value_text)
    };
    let site = get(&["og:site_name", "application-name"]).or_else(|| ld_get("publisher"));
    let title = get(&["og:title", "twitter:title", "citation_title", "dc.title"])
        .or_else(|| ld_get("headline"))
        .or_else(|| {
            page.select(&TITLE)
                .next()
                .map(|t| strip_site(&inline_text(t), site.as_deref()))
        })
        .or_else(|| page.select(&H1).next().map(inline_text))
        .filter(|t| !t.is_empty())
        .map(|t| shorten(&t, 300));
    let published = get(&[
        "article:published_time",
        "datepublished",
        "citation_publication_date",
        "citation_date",
        "dc.date.issued",
        "dc.date",
        "date",
        "pubdate",
        "publishdate",
        "parsely-pub-date",
        "sailthru.date",
    ])
    .or_else(|| ld_get("datePublished"))
    .or_else(|| {
        page.select(&TIME)
            .next()
            .and_then(|t| t.value().attr("datetime"))
            .map(str::to_string)
    })
    .and_then(|d| parse_date(&d));
    let url = get(&["og:url"]).or_else(|| {
        page.select(&CANONICAL)
            .next()
            .and_then(|l| l.value().attr("href"))
            .map(str::to_string)
    });
    let author = get(&[
        "author",
        "article:author",
        "citation_author",
        "dc.creator",
        "parsely-author",
    ])
    .filter(|a| !a.starts_with("http"))
    .or_else(|| ld_get("author"))
    .or_else(|| byline(page));
    let language = page
        .select(&HTML_EL)
        .next()
        .and_then(|h| h.value().attr("lang"))
        .and_then(|l| l.split(['-', '_']).next())
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()));
    DocMeta {
        title,
        published,
        url,
        publisher: site,
        author,
        language,
    }
}

static AUTHOR_EL: LazyLock<Selector> =
    LazyLock::new(|| selector("[rel=author], [itemprop=author], .byline, .author, .author-name"));

/// The author from a byline element: "By Jane Writer, 5 May 2019" →
/// "Jane Writer" (capitalised words after "By", up to a month or a digit).
fn byline(page: &Html) -> Option<String> {
    let text = page
        .select(&AUTHOR_EL)
        .map(inline_text)
        .find(|t| !t.is_empty() && t.chars().count() <= 120)?;
    let rest = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))
        .unwrap_or(&text);
    let months = &crate::structure::tables::MONTHS;
    let name: Vec<&str> = rest
        .split_whitespace()
        .take_while(|w| {
            let bare = w.trim_end_matches([',', '.', '|']);
            w.starts_with(char::is_uppercase) && !months.contains(&bare.to_lowercase())
        })
        .take(5)
        .collect();
    let name = name.join(" ");
    let name = name.trim_end_matches([',', '|', ' ']);
    (!name.is_empty()).then(|| name.to_string())
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Headline | Site" → "Headline" when the last part is the site's name.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let Some(site) = site else {
        return title.to_string();
    };
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.trim().eq_ignore_ascii_case(site.trim()) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

fn json_ld(page: &Html) -> Vec<serde_json::Value> {
    page.select(&JSON_LD)
        .filter_map(|s| serde_json::from_str(&s.text().collect::<String>()).ok())
        .collect()
}

/// The first value of `key` anywhere in a JSON-LD tree (depth-first).
fn find_key<'a>(v: &'a serde_json::Value, key: &str) -> Option<&'a serde_json::Value> {
    match v {
        serde_json::Value::Object(m) => m
            .get(key)
            .or_else(|| m.values().find_map(|x| find_key(x, key))),
        serde_json::Value::Array(a) => a.iter().find_map(|x| find_key(x, key)),
        _ => None,
    }
}

/// A string, or the `name` of an object, or the first of a list.
fn value_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
        serde_json::Value::Object(m) => m.get("name").and_then(value_text),
        serde_json::Value::Array(a) => a.iter().find_map(value_text),
        _ => None,
    }
}

static DATE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
        .expect("date regex is valid")
});

/// `2019-01-05T10:00:00Z`, `2019/01/05`, `2019-01`, `2019` → a date.
pub(crate) fn parse_date(s: &str) -> Option<DateRange> {
    let c = DATE.captures(s)?;
    let year: i32 = c.get(1)?.as_str().parse().ok()?;
    let month: Option<u32> = c.get(2).and_then(|m| m.as_str().parse().ok());
    let day: Option<u32> = c.get(3).and_then(|d| d.as_str().parse().ok());
    let month = month.filter(|m| (1..=12).contains(m));
    let day = day.filter(|d| (1..=31).contains(d) && month.is_some());
    (1000..=2999)
        .contains(&year)
        .then(|| DateRange::point(year, month, day))
}

// ------------------------------------------------------------ main content

static ARTICLE_BODY: LazyLock<Selector> = LazyLock::new(|| selector("[itemprop=articleBody]"));
static ARTICLE: LazyLock<Selector> = LazyLock::new(|| selector("article"));
static MAIN: LazyLock<Selector> = LazyLock::new(|| selector("main, [role=main]"));
static PARAS: LazyLock<Selector> = LazyLock::new(|| selector("p, pre, li"));
static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));

fn text_len(el: ElementRef) -> usize {
    let mut parts = Vec::new();
    visible_text(el, &mut parts);
    parts.iter().map(|t| t.trim().len()).sum()
}

fn para_len(el: ElementRef) -> usize {
    el.select(&PARAS).map(text_len).sum()
}

/// The element holding the article.
fn main_root(page: &Html) -> Option<ElementRef<'_>> {
    let body = page
        .select(&BODY)
        .next()
        .or_else(|| Some(page.root_element()))?;
    let total = para_len(body).max(1);
    let big_enough = |el: &ElementRef| para_len(*el) * 4 >= total;
    if let Some(el) = page
        .select(&ARTICLE_BODY)
        .max_by_key(|e| para_len(*e))
        .filter(big_enough)
    {
        return Some(el);
    }
    if let Some(el) = page
        .select(&ARTICLE)
        .max_by_key(|e| para_len(*e))
        .filter(big_enough)
    {
        return Some(el);
    }
    if let Some(el) = page
        .select(&MAIN)
        .max_by_key(|e| para_len(*e))
        .filter(big_enough)
    {
        return Some(el);
    }
    Some(best_scored(body).unwrap_or(body))
}

/// Readability-style: each paragraph scores its parent (and half its
/// grandparent) by its length and commas; the best-scored element wins.
fn best_scored(body: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for p in body.select(&PARAS) {
        let text = inline_text(p);
        let len = text.trim().chars().count();
        if len < 25 {
            continue;
        }
        let score = 1.0 + text.matches(',').count() as f64 + (len as f64 / 100.0).min(3.0);
        let mut node = p.parent();
        for weight in [1.0, 0.5] {
            let Some(n) = node else { break };
            *scores.entry(n.id()).or_default() += score * weight;
            node = n.parent();
        }
    }
    let best = scores.into_iter().max_by(|a, b| a.1.total_cmp(&b.1))?.0;
    body.tree().get(best).and_then(ElementRef::wrap)
}

/// The page's `<h1>` when it is outside the chosen root (the headline above
/// an article body), so the text starts with it.
fn headline_outside<'a>(page: &'a Html, root: ElementRef<'a>) -> Option<ElementRef<'a>> {
    if root.select(&H1).next().is_some() {
        return None;
    }
    page.select(&H1).find(|h| !skipped(*h, usize::MAX, 0))
}

/// Elements whose content is never article text.
const DROP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
    "iframe", "svg", "canvas", "select", "input", "textarea", "menu", "dialog", "object", "embed",
    "video", "audio", "picture", "img", "head", "link", "meta", "title", "label",
];

/// Roles of navigation, sidebars, banners and site footers.
const DROP_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "banner",
    "contentinfo",
    "menu",
    "menubar",
    "search",
    "dialog",
    "alert",
    "toolbar",
];

/// class/id words of boilerplate, dropped unless the element holds most of the article.
const STRONG: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "share",
    "sharing",
    "social",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "newsletter",
    "subscribe",
    "subscription",
    "popup",
    "modal",
    "outbrain",
    "taboola",
    "comments",
    "comment",
    "pagination",
    "signup",
    "masthead",
    "byline",
    "author-bio",
    "skip",
];
/// Weaker words: dropped only when the element is a small part of the article.
const WEAK: &[&str] = &[
    "sidebar",
    "related",
    "teaser",
    "teasers",
    "promo",
    "recommended",
    "recommendations",
    "widget",
    "tags",
    "readmore",
    "more-stories",
    "trending",
    "popular",
    "most-read",
    "also-read",
];

/// True when an element is furniture. `root_len` is the text length of the
/// article root, so a wrapper holding most of it is never dropped.
fn skipped(el: ElementRef, root_len: usize, depth: usize) -> bool {
    let v = el.value();
    let name = v.name();
    if DROP.contains(&name) {
        return true;
    }
    if name == "header" && el.select(&HEADINGS).next().is_none() {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if v.attr("role")
        .is_some_and(|r| DROP_ROLES.contains(&r.trim()))
    {
        return true;
    }
    let style = v
        .attr("style")
        .unwrap_or_default()
        .replace(' ', "")
        .to_ascii_lowercase();
    if style.contains("display:none") || style.contains("visibility:hidden") {
        return true;
    }
    depth > 0 && boilerplate_class(el, root_len)
}

fn boilerplate_class(el: ElementRef, root_len: usize) -> bool {
    let v = el.value();
    let names = format!(
        "{} {}",
        v.attr("class").unwrap_or_default(),
        v.attr("id").unwrap_or_default()
    )
    .to_ascii_lowercase();
    let words: Vec<&str> = names.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    let joined: Vec<String> = words
        .windows(2)
        .map(|w| format!("{}-{}", w[0], w[1]))
        .collect();
    let has = |list: &[&str]| {
        words.iter().any(|w| list.contains(w)) || joined.iter().any(|w| list.contains(&w.as_str()))
    };
    let share = |max_pct: usize| text_len(el) * 100 <= root_len * max_pct;
    (has(STRONG) && share(60)) || (has(WEAK) && share(30))
}

/// Elements whose text is never shown.
const INVISIBLE: &[&str] = &["script", "style", "noscript", "template"];

/// The text nodes of an element, without those of scripts and styles.
fn visible_text<'a>(el: ElementRef<'a>, out: &mut Vec<&'a str>) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push(t),
            Node::Element(e) if !INVISIBLE.contains(&e.name()) => {
                if let Some(c) = ElementRef::wrap(child) {
                    visible_text(c, out);
                }
            }
            _ => {}
        }
    }
}

/// Text of an element with whitespace collapsed (for titles and cells).
fn inline_text(el: ElementRef) -> String {
    let mut parts = Vec::new();
    visible_text(el, &mut parts);
    clean(&parts.join(" "))
}

/// Share of an element's text inside links.
fn link_density(el: ElementRef) -> f64 {
    static A: LazyLock<Selector> = LazyLock::new(|| selector("a"));
    let total = text_len(el);
    if total == 0 {
        return 0.0;
    }
    let links: usize = el.select(&A).map(text_len).sum();
    links as f64 / total as f64
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Paragraph,
    Heading,
}

/// A table being built: byte ranges in the output text.
struct TableOut {
    caption: Option<Range<usize>>,
    header_rows: usize,
    rows: Vec<(Range<usize>, Vec<Range<usize>>)>,
}

/// Builds the output text block by block, recording the structure.
#[derive(Default)]
struct Builder {
    text: String,
    inline: String,
    paragraphs: Vec<Range<usize>>,
    headings: Vec<Range<usize>>,
    tables: Vec<TableOut>,
    first_heading: Option<String>,
    root_len: usize,
    depth: usize,
    /// Teaser blocks still to drop after a "Related"-style heading.
    drop_teasers: usize,
    /// Everything after a comments heading is dropped.
    drop_rest: bool,
}

/// Elements that start a new block.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "section",
    "summary",
    "ul",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
    "caption",
];

impl Builder {
    fn walk(&mut self, el: ElementRef) {
        if skipped(el, self.root_len, self.depth) {
            return;
        }
        let name = el.value().name();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush(BlockKind::Paragraph);
                self.heading(el);
            }
            "br" => self.inline.push('\n'),
            "pre" => {
                self.flush(BlockKind::Paragraph);
                let mut parts = Vec::new();
                visible_text(el, &mut parts);
                let t = parts.concat();
                self.push_block(t.trim_matches('\n').to_string(), BlockKind::Paragraph);
            }
            "table" if !is_layout_table(el) => {
                self.flush(BlockKind::Paragraph);
                self.table(el);
            }
            "li" | "p" if link_density(el) > 0.7 && text_len(el) < 300 => {}
            _ if BLOCKS.contains(&name) => {
                self.flush(BlockKind::Paragraph);
                self.children(el);
                self.flush(BlockKind::Paragraph);
            }
            _ => self.children(el),
        }
    }

    fn children(&mut self, el: ElementRef) {
        self.depth += 1;
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.push_inline(t),
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        self.walk(c);
                    }
                }
                _ => {}
            }
        }
        self.depth -= 1;
    }

    fn push_inline(&mut self, t: &str) {
        for c in t.chars() {
            if c.is_whitespace() {
                if !self.inline.is_empty() && !self.inline.ends_with([' ', '\n']) {
                    self.inline.push(' ');
                }
            } else {
                self.inline.push(c);
            }
        }
    }

    fn heading(&mut self, el: ElementRef) {
        let t = inline_text(el);
        if self.first_heading.is_none() && !t.is_empty() {
            self.first_heading = Some(t.clone());
        }
        self.push_block(t, BlockKind::Heading);
    }

    /// Ends the current inline run as a block.
    fn flush(&mut self, kind: BlockKind) {
        let raw = std::mem::take(&mut self.inline);
        let lines: Vec<&str> = raw
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        self.push_block(lines.join("\n"), kind);
    }

    fn push_block(&mut self, block: String, kind: BlockKind) {
        if block.trim().is_empty() {
            return;
        }
        if self.is_furniture(&block) {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(&block);
        let range = start..self.text.len();
        self.paragraphs.push(range.clone());
        if kind == BlockKind::Heading {
            self.headings.push(range);
        }
    }

    /// "Read more" teasers, "Related" headings and the teaser lines after them.
    fn is_furniture(&mut self, block: &str) -> bool {
        let first_line = block.lines().next().unwrap_or_default();
        if self.drop_rest {
            return true;
        }
        if let Some(rule) = furniture::matching_rule(first_line) {
            self.drop_teasers = if rule.list {
                furniture::TEASER_LINES
            } else {
                0
            };
            // A comments heading late in the article: the comments follow.
            self.drop_rest = rule.rest && self.text.len() * 5 >= self.root_len * 3;
            return true;
        }
        if self.drop_teasers > 0 {
            let short = block.chars().count() <= furniture::TEASER_LEN
                && !block.ends_with(['.', '!', '?', ':', ';']);
            if short {
                self.drop_teasers -= 1;
                return true;
            }
            self.drop_teasers = 0;
        }
        false
    }

    fn table(&mut self, el: ElementRef) {
        let rows = table_rows(el);
        if rows.is_empty() {
            return;
        }
        let caption = el
            .child_elements()
            .find(|c| c.value().name() == "caption")
            .map(inline_text)
            .filter(|c| !c.is_empty());
        let caption = match caption {
            Some(c) => {
                self.push_block(c, BlockKind::Paragraph);
                self.paragraphs.last().cloned()
            }
            None => self.previous_title_block(),
        };
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        let mut out = TableOut {
            caption,
            header_rows: rows.iter().take_while(|r| r.header).count(),
            rows: Vec::new(),
        };
        if out.header_rows == rows.len() {
            out.header_rows = 0;
        }
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                self.text.push('\n');
            }
            let row_start = self.text.len();
            let mut cells = Vec::new();
            for (k, cell) in row.cells.iter().enumerate() {
                if k > 0 {
                    self.text.push('\t');
                }
                let s = self.text.len();
                self.text.push_str(cell);
                cells.push(s..self.text.len());
            }
            out.rows.push((row_start..self.text.len(), cells));
        }
        self.paragraphs.push(start..self.text.len());
        self.tables.push(out);
    }

    /// The block just before a table, when it reads as its title.
    fn previous_title_block(&self) -> Option<Range<usize>> {
        let last = self.paragraphs.last()?.clone();
        let t = &self.text[last.clone()];
        let titled = self.headings.last() == Some(&last)
            || (t.chars().count() <= 250 && !t.ends_with('.') && !t.contains('\n'));
        let in_table = self
            .tables
            .iter()
            .any(|tb| tb.rows.iter().any(|r| r.0.end == last.end));
        (titled && !in_table).then_some(last)
    }

    fn finish(self) -> (String, Structure) {
        let cursor = CharCursor::new(&self.text);
        let mut c = cursor.clone();
        let tables = self
            .tables
            .into_iter()
            .map(|t| {
                let b = TableB {
                    lines: 0..0,
                    header_rows: t.header_rows,
                    rows: t.rows,
                };
                to_table(&mut c, t.caption, &b)
            })
            .collect();
        let structure = Structure {
            paragraphs: cursor.spans(&self.paragraphs),
            headings: cursor.spans(&self.headings),
            tables,
            non_article: Vec::new(),
        };
        (self.text, structure)
    }
}

struct RowOut {
    header: bool,
    cells: Vec<String>,
}

/// Rows of a table (not of tables nested in it), cells as single-line text.
fn table_rows(table: ElementRef) -> Vec<RowOut> {
    let mut out = Vec::new();
    collect_rows(table, false, &mut out);
    out.retain(|r| r.cells.iter().any(|c| !c.is_empty()));
    out
}

fn collect_rows(el: ElementRef, in_head: bool, out: &mut Vec<RowOut>) {
    for c in el.child_elements() {
        match c.value().name() {
            "thead" => collect_rows(c, true, out),
            "tbody" | "tfoot" => collect_rows(c, false, out),
            "tr" => {
                let cells: Vec<ElementRef> = c
                    .child_elements()
                    .filter(|x| matches!(x.value().name(), "td" | "th"))
                    .collect();
                let all_th = !cells.is_empty() && cells.iter().all(|x| x.value().name() == "th");
                out.push(RowOut {
                    header: in_head || all_th,
                    cells: cells.into_iter().map(cell_text).collect(),
                });
            }
            _ => {}
        }
    }
}

fn cell_text(cell: ElementRef) -> String {
    inline_text(cell)
}

/// Tables used for page layout: one column, or cells holding long prose.
fn is_layout_table(table: ElementRef) -> bool {
    let rows = table_rows(table);
    let max_cells = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    max_cells < 2 || rows.iter().any(|r| r.cells.iter().any(|c| c.len() > 400))
}

#[cfg(test)]
mod tests {
    use super::*;
    use evident_model::CharIndex;

    fn read_html(html: &str) -> Read {
        read(Path::new("p.html"), html.as_bytes(), &mut Vec::new()).unwrap()
    }

    const PAGE: &str = r#"<!doctype html><html lang="en-GB"><head>
<meta charset="utf-8"><title>Ignored Title | The Site</title>
<meta property="og:title" content="Fighters Cross the Border">
<meta property="og:site_name" content="The Site">
<meta property="og:url" content="https://example.org/a/1">
<meta name="author" content="Jane Writer">
<script>var secretTracker = "SCRIPT_TEXT";</script>
<style>.x { color: red }</style>
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-01-05T10:00:00Z"}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header class="site"><div class="logo">The Site</div></header>
<article>
<h1>Fighters Cross the Border</h1>
<p>The first paragraph says that <b>forty</b> fighters crossed
   the border in March.</p>
<div class="share-buttons">Share on Facebook</div>
<p>A second paragraph follows, with more detail about the route.</p>
<script>document.write("INLINE_SCRIPT")</script>
<ul><li>First listed point of the article.</li><li>Second point.</li></ul>
<table><caption>Arrivals by year</caption>
<thead><tr><th>Year</th><th>Count</th></tr></thead>
<tbody><tr><td>2014</td><td>12</td></tr><tr><td>2015</td><td></td></tr></tbody></table>
<p>Muslim scholars make a case. <a href="/x">Read more</a></p>
<h2>Related</h2>
<p><a href="/1">Another story headline</a></p>
</article>
<aside><p>Popular posts: nothing to see here at all in this sidebar.</p></aside>
<footer><p>Copyright 2019 The Site. All rights reserved.</p></footer>
</body></html>"#;

    #[test]
    fn keeps_only_the_article() {
        let r = read_html(PAGE);
        assert!(!r.text.contains("SCRIPT_TEXT") && !r.text.contains("INLINE_SCRIPT"));
        assert!(!r.text.contains("Home") && !r.text.contains("Copyright"));
        assert!(!r.text.contains("Share on") && !r.text.contains("Read more"));
        assert!(!r.text.contains("Popular") && !r.text.contains("Another story"));
        assert_eq!(
            r.text,
            "Fighters Cross the Border\n\n\
             The first paragraph says that forty fighters crossed the border in March.\n\n\
             A second paragraph follows, with more detail about the route.\n\n\
             First listed point of the article.\n\nSecond point.\n\n\
             Arrivals by year\n\nYear\tCount\n2014\t12\n2015\t"
        );
    }

    #[test]
    fn structure_spans_and_table() {
        let r = read_html(PAGE);
        let ix = CharIndex::new(&r.text);
        let s = |sp: evident_model::Span| &r.text[ix.bytes(sp)];
        assert_eq!(s(r.structure.headings[0]), "Fighters Cross the Border");
        let t = &r.structure.tables[0];
        assert_eq!(t.header_rows, 1);
        assert_eq!(s(t.caption.unwrap()), "Arrivals by year");
        assert_eq!(s(t.rows[1].span), "2014\t12");
        assert_eq!(s(t.rows[1].cells[1]), "12");
        assert_eq!(t.rows[2].cells[1].len(), 0);
        assert_eq!(r.structure.paragraphs.len(), 7);
    }

    #[test]
    fn metadata_from_meta_tags_and_json_ld() {
        let m = read_html(PAGE).meta;
        assert_eq!(m.title.as_deref(), Some("Fighters Cross the Border"));
        assert_eq!(m.publisher.as_deref(), Some("The Site"));
        assert_eq!(m.url.as_deref(), Some("https://example.org/a/1"));
        assert_eq!(m.author.as_deref(), Some("Jane Writer"));
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(m.published.unwrap().start, "2019-01-05");
    }

    #[test]
    fn readability_fallback_and_title_tag() {
        let html = "<html><head><title>Plain | Blog</title></head><body>\
            <div class=\"menu\"><a href=\"/\">Home</a></div>\
            <div id=\"x\"><p>Long paragraph one, with commas, clauses, and enough text to score well.</p>\
            <p>Long paragraph two, also with commas, and more than enough text to count.</p></div>\
            <div><p>Tiny.</p></div><time datetime=\"2020-03\">March</time></body></html>";
        let r = read_html(html);
        assert!(r.text.starts_with("Long paragraph one"));
        assert!(!r.text.contains("Home") && !r.text.contains("Tiny"));
        assert_eq!(r.meta.title.as_deref(), Some("Plain | Blog"));
        assert_eq!(r.meta.published.unwrap().start, "2020-03");
    }

    #[test]
    fn windows_1252_page_with_declared_charset() {
        let mut bytes = b"<html><head><meta charset=\"windows-1252\"></head><body><p>Caf".to_vec();
        bytes.extend(b"\xe9 \x93quoted\x94 words in a paragraph of text.</p></body></html>");
        let r = read(Path::new("p.htm"), &bytes, &mut Vec::new()).unwrap();
        assert_eq!(r.text, "Café “quoted” words in a paragraph of text.");
    }

    #[test]
    fn author_from_byline() {
        let html = "<html><body><article><div class=\"byline\">By Jane Smith January 15, 2024</div>\
            <p>Some article text that is long enough, with commas, to be the content.</p></article></body></html>";
        let r = read_html(html);
        assert_eq!(r.meta.author.as_deref(), Some("Jane Smith"));
        assert!(!r.text.contains("Jane Smith"));
    }

    #[test]
    fn dates_parse() {
        assert_eq!(parse_date("2019-1-5").unwrap().start, "2019-01-05");
        assert_eq!(parse_date("2019/13/40").unwrap().start, "2019");
        assert!(parse_date("yesterday").is_none());
    }
}
