//! `city-hub publish DIR`: a pack folder checked and made current, or
//! refused with its problems.

use std::path::Path;
use std::process::ExitCode;

use city_hub::BlobStore;
use city_hub::packs::publish::{PublishError, publish};

pub async fn publish_folder(
    pool: &sqlx::PgPool,
    blob_dir: &Path,
    dir: &Path,
) -> anyhow::Result<ExitCode> {
    let blobs = BlobStore::new(blob_dir)?;
    match publish(pool, &blobs, dir).await {
        Ok(published) => {
            println!(
                "published pack {}: {} files, {} new, {} films and guides decoded \
                 ({} passed before), id {}",
                published.version,
                published.files,
                published.new_blobs,
                published.media_decoded,
                published.media_known,
                published.id
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(PublishError::Invalid(invalid)) => {
            for problem in &invalid.problems {
                println!("{problem}");
            }
            eprintln!(
                "{}: {} problem(s); nothing was published",
                dir.display(),
                invalid.problems.len()
            );
            Ok(ExitCode::FAILURE)
        }
        Err(PublishError::Other(error)) => Err(error),
    }
}
