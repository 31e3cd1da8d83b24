//! `city-hub content`: the published pack as files.

use std::path::{Path, PathBuf};

use city_hub::BlobStore;
use city_hub::packs::folder::export_current;

#[derive(clap::Subcommand)]
pub enum ContentCommand {
    /// Write the published pack as a folder that `content check` accepts
    /// and `publish` (or a zip of it in the console) takes back.
    Export {
        /// A new folder to write the pack into.
        #[arg(long)]
        out: PathBuf,
    },
}

pub async fn run(
    pool: &sqlx::PgPool,
    blob_dir: &Path,
    command: ContentCommand,
) -> anyhow::Result<()> {
    match command {
        ContentCommand::Export { out } => {
            let blobs = BlobStore::new(blob_dir)?;
            let (version, files) = export_current(pool, &blobs, &out).await?;
            eprintln!(
                "pack {version} written to {} ({files} files)",
                out.display()
            );
        }
    }
    Ok(())
}
