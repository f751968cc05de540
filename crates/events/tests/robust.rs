//! The extractor must not panic on odd input: overlapping and
//! sentence-crossing mentions, multi-byte text, empty documents.

mod common;

use evident_model::EntityKind;
use evident_text::{Context, DateMention, EntityMention};

#[test]
fn odd_input_does_not_panic() {
    let texts = [
        "",
        "attack",
        "Ça a été bombardé à Alep — killed 3; injured «12». Он сказал. 他说 attacks.",
        "The leader of Ünal Front, Şükrü, was killed in 2015 in İzmir; he fled to Van via Muş.",
        "He said she attacked. She arrested him",
    ];
    for t in texts {
        let doc = common::document(t);
        let mut ctx = Context::new(&doc);
        // Mentions over every other char boundary, overlapping and crossing sentences.
        let bounds: Vec<usize> = (0..=t.len()).filter(|&b| t.is_char_boundary(b)).collect();
        for w in bounds.windows(4).step_by(2) {
            ctx.mentions.push(EntityMention {
                range: w[0]..w[3],
                entity: format!("e{}", w[0]),
                kind: EntityKind::ALL[w[0] % 6],
            });
            ctx.dates.push(DateMention {
                range: w[1]..w[2],
                date: evident_model::DateRange::parse_iso("2015"),
                relative: false,
            });
        }
        let _ = evident_events::extract(&ctx);
    }
}
