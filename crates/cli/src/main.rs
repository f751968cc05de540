//! `evident`: the command line. It glues the write path (ingest → extract →
//! store) and the read paths (export, listings, claims, timelines) together;
//! the work itself lives in the library crates.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};

mod ingest;
mod load;

// Extraction allocates many small, short-lived values per sentence; glibc's
// allocator spends a tenth of the pipeline on them (and consolidates its
// free lists on every large request), mimalloc a third of that.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod query;
mod show;

/// Evident: a knowledge base of sourced, comparable facts from open-source reports.
#[derive(Parser)]
#[command(name = "evident", version, about)]
struct Cli {
    /// The SQLite store to use (created if missing).
    #[arg(long, global = true, env = "EVIDENT_DB", default_value = "evident.db")]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest files and folders (recursive): .txt, .md, .html/.htm, .pdf.
    Ingest {
        /// Files or folders to ingest.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// A manifest.csv (file,title,published,url,publisher,author) to apply to every file;
        /// by default a manifest.csv beside each file is used.
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = 64 * 1024 * 1024)]
        max_bytes: u64,
    },
    /// Re-run extraction over stored documents whose facts come from an older extractor
    /// version, replacing those machine-made facts.
    Extract {
        /// Re-extract every document, even those already at the current version.
        #[arg(long)]
        all: bool,
    },
    /// Export everything: JSON Lines per the interchange spec, or CSV files into a folder.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// Output file (jsonl; default stdout) or folder (csv; default ./evident-csv).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// List stored documents: id prefix, title, date, source, chars, fact counts.
    Docs,
    /// Print a document's stored text (the text every span indexes).
    Text {
        /// A document id or id prefix.
        doc: String,
    },
    /// List entities.
    Entities {
        /// Only this kind (person, armed_group, organization, country, place, ethnic_group).
        #[arg(long)]
        kind: Option<String>,
        /// Only entities mentioned in this document (id prefix).
        #[arg(long)]
        doc: Option<String>,
    },
    /// Show one entity by any of its names or aliases.
    Entity { name: String },
    /// Quantities: who claims how many of what, where and when.
    Claims {
        /// Only claims whose quote, what or entities match this text.
        query: Option<String>,
        /// Only claims about this entity (any alias), as population, affiliation, location or source.
        #[arg(long)]
        entity: Option<String>,
        /// Only claims counting this (e.g. fighters, killed, deportees).
        #[arg(long)]
        what: Option<String>,
        /// Print JSON Lines instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Dated events in order, optionally only those involving an entity.
    Timeline {
        entity: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Travel routes.
    Routes {
        #[arg(long)]
        json: bool,
    },
    /// Relations between entities, optionally only those of one entity.
    Relations {
        entity: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Jsonl,
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("evident: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

fn open(cli_db: &std::path::Path) -> Result<evident_store::Store> {
    evident_store::Store::open(cli_db)
        .with_context(|| format!("cannot open the store {}", cli_db.display()))
}

fn run(cli: Cli) -> Result<ExitCode> {
    let mut store = open(&cli.db)?;
    match cli.command {
        Command::Ingest {
            paths,
            manifest,
            max_bytes,
        } => {
            let opts = evident_ingest::Options { max_bytes };
            ingest::run(&mut store, &paths, manifest.as_deref(), &opts)
        }
        Command::Extract { all } => ingest::reextract(&mut store, all).map(|_| ExitCode::SUCCESS),
        Command::Export { format, out } => export(&store, format, out).map(|_| ExitCode::SUCCESS),
        Command::Docs => show::docs(&store).map(|_| ExitCode::SUCCESS),
        Command::Text { doc } => show::text(&store, &doc).map(|_| ExitCode::SUCCESS),
        Command::Entities { kind, doc } => show::entities(&store, kind.as_deref(), doc.as_deref()),
        Command::Entity { name } => show::entity(&store, &name),
        Command::Claims {
            query,
            entity,
            what,
            json,
        } => {
            let filter = query::ClaimFilter {
                query,
                entity,
                what,
            };
            query::claims(&store, &filter, json)
        }
        Command::Timeline { entity, json } => query::timeline(&store, entity.as_deref(), json),
        Command::Routes { json } => query::routes(&store, json),
        Command::Relations { entity, json } => query::relations(&store, entity.as_deref(), json),
    }
}

fn export(store: &evident_store::Store, format: Format, out: Option<PathBuf>) -> Result<()> {
    let kb = load::knowledge_base(store)?;
    match format {
        Format::Jsonl => {
            let n = match &out {
                Some(path) => {
                    let f = std::fs::File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?;
                    evident_export::write_jsonl(&kb, std::io::BufWriter::new(f))?
                }
                None => evident_export::write_jsonl(
                    &kb,
                    std::io::BufWriter::new(std::io::stdout().lock()),
                )?,
            };
            if let Some(path) = out {
                eprintln!("wrote {n} records to {}", path.display());
            }
        }
        Format::Csv => {
            let dir = out.unwrap_or_else(|| PathBuf::from("evident-csv"));
            let files = evident_export::write_csv(&kb, &dir)?;
            eprintln!("wrote {} CSV files into {}", files.len(), dir.display());
        }
    }
    Ok(())
}
