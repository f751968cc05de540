use evident_model::{
    DateRange, DocMeta, Document, Entity, EntityKind, Event, Facts, Mention, Modality, Quantity,
    Span, Structure,
};

use crate::Store;

fn doc(id: &str) -> Document {
    Document {
        id: id.into(),
        path: Some("a.txt".into()),
        format: "txt".into(),
        meta: DocMeta {
            title: Some("A".into()),
            published: DateRange::parse_iso("2019-01"),
            ..Default::default()
        },
        text: "Uyghurs in Syria: up to 5,000.".into(),
        structure: Structure::default(),
        supersedes: None,
    }
}

fn facts() -> Facts {
    let uy = Entity {
        id: "ethnic_group:uyghurs".into(),
        kind: EntityKind::EthnicGroup,
        name: "Uyghurs".into(),
        aliases: vec!["Uighurs".into()],
        wikidata: Some("Q46076".into()),
    };
    Facts {
        mentions: vec![Mention {
            entity: uy.id.clone(),
            span: Span::new(0, 7),
            text: "Uyghurs".into(),
        }],
        quantities: vec![Quantity {
            span: Span::new(18, 29),
            quote: "Uyghurs in Syria: up to 5,000.".into(),
            min: None,
            max: Some(5000.0),
            approximate: true,
            what: Some("fighters".into()),
            unit: None,
            population: vec![uy.id.clone()],
            affiliation: vec![],
            location: vec![],
            time: DateRange::parse_iso("2015"),
            source: None,
            negated: false,
            count_kind: None,
        }],
        events: vec![Event {
            span: Span::new(0, 7),
            quote: "x".into(),
            event_type: "attack".into(),
            date: DateRange::parse_iso("2015-08-17"),
            place: vec![],
            actors: vec![uy.id.clone()],
            targets: vec![],
            killed: Some(20.0),
            injured: None,
            modality: Modality::Alleged,
        }],
        entities: vec![uy],
        ..Default::default()
    }
}

#[test]
fn round_trips_documents_and_facts() {
    let mut s = Store::open_in_memory().unwrap();
    s.insert_document(&doc("d1"), &facts(), "test").unwrap();
    assert!(s.has_document("d1").unwrap());
    assert_eq!(s.document("d1").unwrap(), doc("d1"));
    let mut f = s.facts("d1").unwrap();
    f.entities = s.entities().unwrap();
    assert_eq!(f, facts());
    assert_eq!(s.resolve_document("d").unwrap(), "d1");
    assert!(s.integrity_ok().unwrap());
}

#[test]
fn a_failed_document_leaves_nothing_behind() {
    let mut s = Store::open_in_memory().unwrap();
    let mut bad = facts();
    bad.mentions[0].entity = "no-such-entity".into(); // violates the foreign key
    assert!(s.insert_document(&doc("d1"), &bad, "test").is_err());
    assert!(!s.has_document("d1").unwrap());
    assert!(s.document_summaries().unwrap().is_empty());
}

#[test]
fn replacing_facts_keeps_the_document() {
    let mut s = Store::open_in_memory().unwrap();
    s.insert_document(&doc("d1"), &facts(), "v1").unwrap();
    s.replace_facts("d1", &Facts::default(), "v2").unwrap();
    assert_eq!(s.facts("d1").unwrap(), Facts::default());
    assert!(s.documents_not_extracted_by("v2").unwrap().is_empty());
    assert_eq!(
        s.documents_not_extracted_by("v3").unwrap(),
        vec!["d1".to_string()]
    );
    assert!(s.entities().unwrap().is_empty());
    assert_eq!(s.document_summaries().unwrap().len(), 1);
}

#[test]
fn views_read_back() {
    let mut s = Store::open_in_memory().unwrap();
    s.insert_document(&doc("d1"), &facts(), "v1").unwrap();
    let pop: String = s
        .conn
        .query_row("SELECT population FROM v_quantities", [], |r| r.get(0))
        .unwrap();
    assert_eq!(pop, "Uyghurs");
}

#[test]
fn two_handles_opening_a_new_store_both_succeed() {
    let dir = std::env::temp_dir().join(format!("evident-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("kb.db");
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let p = path.clone();
            std::thread::spawn(move || Store::open(&p).map(|s| s.schema_version().unwrap()))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().unwrap(), 1);
    }
    std::fs::remove_dir_all(dir).ok();
}
