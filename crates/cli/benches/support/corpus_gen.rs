//! A deterministic corpus generator for benchmarks: recombines the
//! paragraphs of a folder of our own example reports into as many
//! documents as needed, each about 40 KB.

use std::path::Path;

pub struct Generator {
    paragraphs: Vec<String>,
}

impl Generator {
    /// Collects the paragraphs of every .txt and .md file in `dir`.
    pub fn from_dir(dir: &Path) -> Option<Generator> {
        let mut paragraphs = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for f in files {
            if !matches!(f.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            paragraphs.extend(
                text.split("\n\n")
                    .map(str::trim)
                    .filter(|p| p.len() > 40)
                    .map(String::from),
            );
        }
        (!paragraphs.is_empty()).then_some(Generator { paragraphs })
    }

    /// Documents totalling at least `bytes`, deterministic for the same input.
    pub fn documents(&self, bytes: usize) -> impl Iterator<Item = String> + '_ {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut produced = 0usize;
        std::iter::from_fn(move || {
            if produced >= bytes {
                return None;
            }
            let mut doc = String::with_capacity(41_000);
            while doc.len() < 40_000 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let p = &self.paragraphs[(seed >> 33) as usize % self.paragraphs.len()];
                doc.push_str(p);
                doc.push_str("\n\n");
            }
            produced += doc.len();
            Some(doc)
        })
    }
}
