//! Runs every extraction case under `tests/cases/`: adding a case is adding
//! a file (format in `tests/cases/README.md`).

use std::collections::BTreeMap;
use std::path::Path;

use evident_model::{DateRange, DocMeta, Document, Entity, EntityKind, Quantity, Structure};
use evident_text::{Context, EntityMention};

/// One case: text with entity markup, and what must come out.
#[derive(Default)]
struct Case {
    name: String,
    text: String,
    published: Option<String>,
    quantities: Vec<BTreeMap<String, String>>,
    dates: Vec<(String, String)>,
    agreements: Vec<(String, Vec<String>, String)>,
    no_quantity: bool,
}

fn parse_cases(path: &Path) -> Vec<Case> {
    let src = std::fs::read_to_string(path).unwrap_or_default();
    let file = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("?")
        .to_string();
    let mut out = Vec::new();
    let mut cur = Case::default();
    for (n, line) in src.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !cur.text.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (key, val) = line.split_once(':').unwrap_or((line, ""));
        let val = val.trim().to_string();
        match key.trim() {
            "text" => {
                cur.name = format!("{file}:{}", n + 1);
                cur.text = val.replace("\\t", "\t").replace("\\n", "\n");
            }
            "published" => cur.published = Some(val),
            "none" => cur.no_quantity = true,
            "quantity" => {
                let fields = val
                    .split_whitespace()
                    .filter_map(|kv| kv.split_once('='))
                    .map(|(k, v)| (k.to_string(), v.replace('_', " ")))
                    .collect();
                cur.quantities.push(fields);
            }
            "date" => {
                let (text, value) = val.split_once("=>").unwrap_or((&val, ""));
                cur.dates
                    .push((text.trim().to_string(), value.trim().to_string()));
            }
            "agreement" => {
                let parts: Vec<&str> = val.split('|').map(str::trim).collect();
                let parties = parts.get(1).map_or(Vec::new(), |p| {
                    p.split(',').map(|x| x.trim().to_string()).collect()
                });
                cur.agreements.push((
                    parts[0].to_string(),
                    parties,
                    parts.get(2).unwrap_or(&"").to_string(),
                ));
            }
            other => panic!("{file}:{}: unknown key {other:?}", n + 1),
        }
    }
    if !cur.text.is_empty() {
        out.push(cur);
    }
    out
}

/// Strips `[surface](kind)` / `[surface](kind:Name)` markup into mentions.
fn strip_markup(marked: &str) -> (String, Vec<(std::ops::Range<usize>, EntityKind, String)>) {
    let mut text = String::new();
    let mut found = Vec::new();
    let mut rest = marked;
    while let Some(a) = rest.find('[') {
        let Some(b) = rest[a..].find("](").map(|b| a + b) else {
            break;
        };
        let Some(c) = rest[b..].find(')').map(|c| b + c) else {
            break;
        };
        text.push_str(&rest[..a]);
        let surface = &rest[a + 1..b];
        let spec = &rest[b + 2..c];
        let (kind, name) = spec.split_once(':').unwrap_or((spec, surface));
        let kind = EntityKind::parse(kind).unwrap_or_else(|| panic!("bad kind {kind}"));
        let start = text.len();
        text.push_str(surface);
        found.push((start..text.len(), kind, name.to_string()));
        rest = &rest[c + 1..];
    }
    text.push_str(rest);
    (text, found)
}

fn entity_id(kind: EntityKind, name: &str) -> String {
    format!(
        "{}:{}",
        kind.as_str(),
        name.to_lowercase().replace(' ', "-")
    )
}

fn check_quantity(
    q: &Quantity,
    want: &BTreeMap<String, String>,
    ctx: &Context,
) -> Result<(), String> {
    let num = |v: Option<f64>| v.map_or("-".to_string(), |x| format!("{x}"));
    let names = |ids: &[String]| {
        ids.iter()
            .map(|i| ctx.entities.get(i).map_or(i.clone(), |e| e.name.clone()))
            .collect::<Vec<_>>()
            .join(",")
    };
    for (k, v) in want {
        let got = match k.as_str() {
            "min" => num(q.min),
            "max" => num(q.max),
            "approx" => q.approximate.to_string(),
            "negated" => q.negated.to_string(),
            "what" => q.what.clone().unwrap_or("-".into()),
            "unit" => q.unit.clone().unwrap_or("-".into()),
            "population" => names(&q.population),
            "affiliation" => names(&q.affiliation),
            "location" => names(&q.location),
            "source" => q
                .source
                .as_ref()
                .map_or("-".into(), |s| names(std::slice::from_ref(s))),
            "time" => q.time.as_ref().map_or("-".into(), |t| {
                if t.start == t.end {
                    t.start.clone()
                } else {
                    format!("{}..{}", t.start, t.end)
                }
            }),
            "kind" => q.count_kind.clone().unwrap_or("-".into()),
            other => return Err(format!("unknown field {other}")),
        };
        if &got != v {
            return Err(format!("{k}: want {v:?}, got {got:?}"));
        }
    }
    Ok(())
}

fn run_case(case: &Case) -> Result<(), String> {
    let (text, marks) = strip_markup(&case.text);
    let doc = Document {
        id: "case".into(),
        path: None,
        format: "txt".into(),
        meta: DocMeta {
            published: case.published.as_deref().and_then(DateRange::parse_iso),
            ..Default::default()
        },
        text: text.clone(),
        structure: Structure::default(),
        supersedes: None,
    };
    let mut ctx = Context::new(&doc);
    for (range, kind, name) in marks {
        let id = entity_id(kind, &name);
        ctx.entities.insert(
            id.clone(),
            Entity {
                id: id.clone(),
                kind,
                name: name.clone(),
                aliases: vec![],
                wikidata: None,
            },
        );
        ctx.mentions.push(EntityMention {
            range,
            entity: id,
            kind,
        });
    }
    ctx.dates = evident_claims::find_dates(&ctx);
    for (surface, value) in &case.dates {
        let d = ctx
            .dates
            .iter()
            .find(|d| &ctx.text[d.range.clone()] == surface)
            .ok_or_else(|| {
                let all: Vec<&str> = ctx
                    .dates
                    .iter()
                    .map(|d| &ctx.text[d.range.clone()])
                    .collect();
                format!("no date {surface:?}; found {all:?}")
            })?;
        let got = d.date.as_ref().map_or("-".to_string(), |t| {
            if t.start == t.end {
                t.start.clone()
            } else {
                format!("{}..{}", t.start, t.end)
            }
        });
        if &got != value {
            return Err(format!("date {surface:?}: want {value}, got {got}"));
        }
    }
    let claims = evident_claims::extract(&ctx);
    let summary = || {
        claims
            .quantities
            .iter()
            .map(evident_claims::quantity_summary)
            .collect::<Vec<_>>()
            .join("; ")
    };
    if case.no_quantity && !claims.quantities.is_empty() {
        return Err(format!("want no quantity, got {}", summary()));
    }
    if !case.quantities.is_empty() && claims.quantities.len() != case.quantities.len() {
        return Err(format!(
            "want {} quantities, got {}: {}",
            case.quantities.len(),
            claims.quantities.len(),
            summary()
        ));
    }
    for (i, (q, want)) in claims.quantities.iter().zip(&case.quantities).enumerate() {
        check_quantity(q, want, &ctx).map_err(|e| {
            format!(
                "quantity {i} ({}): {e}",
                evident_claims::quantity_summary(q)
            )
        })?;
    }
    for (ty, parties, signed) in &case.agreements {
        let want: Vec<String> = parties
            .iter()
            .map(|n| entity_id(EntityKind::Country, n))
            .collect();
        let hit = claims.agreements.iter().find(|a| {
            &a.agreement_type == ty
                && a.parties.len() == want.len()
                && want.iter().all(|w| a.parties.contains(w))
        });
        let a = hit.ok_or_else(|| {
            format!(
                "no agreement {ty} {parties:?}; got {:?}",
                claims
                    .agreements
                    .iter()
                    .map(|a| (&a.agreement_type, &a.parties))
                    .collect::<Vec<_>>()
            )
        })?;
        let got = a
            .signed
            .as_ref()
            .map_or("-".to_string(), |d| d.start.clone());
        if !signed.is_empty() && &got != signed {
            return Err(format!("agreement {ty}: signed want {signed}, got {got}"));
        }
    }
    Ok(())
}

#[test]
fn extraction_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut n = 0;
    for f in &files {
        for case in parse_cases(f) {
            n += 1;
            if let Err(e) = run_case(&case) {
                failures.push(format!("{}: {e}\n    text: {}", case.name, case.text));
            }
        }
    }
    println!("{n} cases, {} failed", failures.len());
    assert!(n > 0, "no cases found");
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
