//! Content, for the network's coordinator: the packs published (version,
//! date, size, how many kiosks show each), the packs uploaded and what
//! their check found, and publishing by uploading a zipped pack folder.
//! An upload is checked exactly as `city-hub publish` checks a folder
//! (films and guides decoded too), in the background: the page shows
//! "checking" until the outcome is there, then the path:line problems or
//! the new version. A pack with a problem is never published.

use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::extract::{Multipart, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use city_core::Lang;
use city_core::content::InvalidPack;
use maud::{Markup, html};
use serde::Deserialize;
use tokio::io::AsyncWriteExt;

use super::page::{ConsoleError, frame};
use super::session::SignedIn;
use crate::AppState;
use crate::db::packs;
use crate::db::uploads::{self, Outcome, Upload};
use crate::i18n::{Text, t, tf};
use crate::packs::publish::{PublishError, publish};
use crate::packs::unzip::unzip_pack;

/// The largest zip the console takes, and the most it may unpack to.
pub const MAX_UPLOAD_BYTES: u64 = 4 << 30;
/// Uploads unpacked and checked at once: each can fill the disk by
/// [`MAX_UPLOAD_BYTES`] and decodes films on every core. Others wait.
pub const PACK_CHECKS_AT_ONCE: usize = 1;
/// An upload that sends nothing for this long is dropped.
const UPLOAD_IDLE: Duration = Duration::from_secs(60);

#[derive(Deserialize)]
pub struct PacksQuery {
    upload: Option<i64>,
}

pub async fn list(
    signed_in: SignedIn,
    State(state): State<AppState>,
    Query(query): Query<PacksQuery>,
) -> Result<Response, ConsoleError> {
    signed_in.require_network()?;
    let lang = signed_in.lang;
    let internal = |error: sqlx::Error| ConsoleError::internal(lang, error);
    let published = packs::list(&state.pool, 30).await.map_err(internal)?;
    let recent = uploads::recent(&state.pool, 10).await.map_err(internal)?;
    let shown = match query.upload {
        Some(id) => uploads::get(&state.pool, id).await.map_err(internal)?,
        None => None,
    };
    let now = Utc::now();
    let checking = recent
        .iter()
        .chain(shown.iter())
        .any(|upload| upload.outcome(now) == Outcome::Checking);
    let csrf = &signed_in.session.csrf;
    let title = t(lang, Text::PacksTitle);
    let body = html! {
        h2 { (title) }
        @if let Some(upload) = &shown {
            (upload_outcome(lang, upload, now))
        }
        h3 { (t(lang, Text::PackUploadTitle)) }
        form class="filters" method="post" action="/console/packs/upload" enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(csrf);
            div {
                label for="pack" { (t(lang, Text::PackUploadFile)) }
                input id="pack" name="pack" type="file" accept=".zip,application/zip" required aria-describedby="pack-rule";
                p id="pack-rule" { small { (t(lang, Text::PackUploadRule)) } }
            }
            div { button type="submit" { (t(lang, Text::PackUploadSubmit)) } }
        }
        h3 { (t(lang, Text::PacksPublished)) }
        @if published.is_empty() {
            p class="notice" { (t(lang, Text::PacksNone)) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (t(lang, Text::PackVersion)) }
                    th scope="col" { (t(lang, Text::PackPublishedAt)) }
                    th scope="col" { (t(lang, Text::PackFiles)) }
                    th scope="col" { (t(lang, Text::PackSize)) }
                    th scope="col" { (t(lang, Text::PackCheck)) }
                    th scope="col" { (t(lang, Text::PackKiosks)) }
                } }
                tbody {
                    @for pack in &published {
                        tr data-pack=(pack.version) {
                            th scope="row" {
                                (pack.version)
                                @if pack.current { " " span class="health green" { (t(lang, Text::PackCurrent)) } }
                            }
                            td { (crate::utc_minute(pack.published_at)) }
                            td { (pack.files) }
                            td { (megabytes(pack.bytes)) }
                            td { (t(lang, Text::PackCheckPassed)) }
                            td class="kiosks" { (pack.kiosks.join(", ")) }
                        }
                    }
                }
            }
        }
        @if !recent.is_empty() {
            h3 { (t(lang, Text::PackUploads)) }
            table {
                thead { tr {
                    th scope="col" { (t(lang, Text::PackUploadFile)) }
                    th scope="col" { (t(lang, Text::PackUploadedAt)) }
                    th scope="col" { (t(lang, Text::PackSize)) }
                    th scope="col" { (t(lang, Text::PackCheck)) }
                } }
                tbody {
                    @for upload in &recent {
                        tr {
                            th scope="row" { a href={ "/console/packs?upload=" (upload.id) } { (upload.file_name) } }
                            td { (crate::utc_minute(upload.started_at)) }
                            td { (megabytes(upload.bytes)) }
                            td { (outcome_label(lang, upload, now)) }
                        }
                    }
                }
            }
        }
    };
    let page = Html(frame(lang, &title, Some((&signed_in.session.user, csrf)), body).into_string());
    if checking {
        // While a check runs the page looks again by itself (no script).
        return Ok(([(header::REFRESH, "3")], page).into_response());
    }
    Ok(page.into_response())
}

fn megabytes(bytes: i64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

fn outcome_label(lang: Lang, upload: &Upload, now: chrono::DateTime<Utc>) -> String {
    match upload.outcome(now) {
        Outcome::Checking => t(lang, Text::PackChecking),
        Outcome::Published => tf(
            lang,
            Text::PackPublishedAs,
            &[("version", upload.version.as_deref().unwrap_or("").into())],
        ),
        Outcome::Refused => tf(
            lang,
            Text::PackRefused,
            &[("count", (upload.problems.len() as i64).into())],
        ),
        Outcome::Failed => t(lang, Text::PackFailed),
    }
}

/// What became of one upload, with every problem its check found.
fn upload_outcome(lang: Lang, upload: &Upload, now: chrono::DateTime<Utc>) -> Markup {
    let outcome = upload.outcome(now);
    let class = match outcome {
        Outcome::Checking => "notice",
        Outcome::Published => "success",
        Outcome::Refused | Outcome::Failed => "error",
    };
    html! {
        section class=(class) role="status" aria-live="polite" id="upload-outcome" {
            p { strong { (upload.file_name) ": " (outcome_label(lang, upload, now)) } }
            @if !upload.problems.is_empty() {
                ul class="problems" {
                    @for problem in &upload.problems { li { code { (problem) } } }
                }
            }
            @if let Some(error) = &upload.error { p { (error) } }
            @if outcome == Outcome::Checking { p { (t(lang, Text::PackCheckingWait)) } }
        }
    }
}

/// Takes a zipped pack (the form's `csrf` first, then `pack`), stores it
/// beside the blob store, and starts its check; the page follows it.
pub async fn upload(
    signed_in: SignedIn,
    State(state): State<AppState>,
    mut form: Multipart,
) -> Result<Response, ConsoleError> {
    signed_in.require_network()?;
    let lang = signed_in.lang;
    let bad_form = || ConsoleError::bad_request(lang);
    let mut csrf_checked = false;
    let workspace = tempfile::Builder::new()
        .prefix("upload-")
        .tempdir_in(
            state
                .blobs
                .uploads_dir()
                .map_err(|error| ConsoleError::internal(lang, error))?,
        )
        .map_err(|error| ConsoleError::internal(lang, error))?;
    let zip_path = workspace.path().join("pack.zip");
    let mut received = None;
    while let Some(mut field) = form.next_field().await.map_err(|_| bad_form())? {
        match field.name() {
            Some("csrf") => {
                let sent = field.text().await.map_err(|_| bad_form())?;
                signed_in.check_csrf(&sent)?;
                csrf_checked = true;
            }
            Some("pack") if csrf_checked => {
                let file_name = field
                    .file_name()
                    .map(|name| name.chars().filter(|c| !c.is_control()).take(200).collect())
                    .unwrap_or_else(|| "pack.zip".to_string());
                let mut out = tokio::fs::File::create(&zip_path)
                    .await
                    .map_err(|error| ConsoleError::internal(lang, error))?;
                let mut bytes: u64 = 0;
                loop {
                    let chunk = tokio::time::timeout(UPLOAD_IDLE, field.chunk())
                        .await
                        .map_err(|_| bad_form())?
                        .map_err(|_| bad_form())?;
                    let Some(chunk) = chunk else { break };
                    bytes += chunk.len() as u64;
                    if bytes > MAX_UPLOAD_BYTES {
                        return Err(ConsoleError::too_large(lang));
                    }
                    out.write_all(&chunk)
                        .await
                        .map_err(|error| ConsoleError::internal(lang, error))?;
                }
                out.sync_all()
                    .await
                    .map_err(|error| ConsoleError::internal(lang, error))?;
                received = Some((file_name, bytes));
            }
            _ => return Err(ConsoleError::forbidden(lang)),
        }
    }
    let (file_name, bytes) = received.ok_or_else(bad_form)?;
    let user = &signed_in.session.user;
    let id = uploads::start(
        &state.pool,
        user.id,
        &file_name,
        i64::try_from(bytes).unwrap_or(i64::MAX),
    )
    .await
    .map_err(|error| ConsoleError::internal(lang, error))?;
    tracing::info!(user = user.id, upload = id, bytes, "console: pack uploaded");
    tokio::spawn(check_and_publish(state, id, workspace, zip_path));
    Ok(Redirect::to(&format!("/console/packs?upload={id}")).into_response())
}

/// Unpacks, checks and (when it has no problem) publishes upload `id`,
/// then records the outcome; the workspace goes when this ends.
async fn check_and_publish(state: AppState, id: i64, workspace: tempfile::TempDir, zip: PathBuf) {
    // One check at a time; the page shows the others as checking.
    let Ok(_turn) = state.pack_checks.clone().acquire_owned().await else {
        return;
    };
    let unpack_into = workspace.path().join("pack");
    let unpacked = tokio::task::spawn_blocking({
        let unpack_into = unpack_into.clone();
        move || {
            std::fs::create_dir(&unpack_into)?;
            unzip_pack(&zip, &unpack_into, MAX_UPLOAD_BYTES).map_err(std::io::Error::other)
        }
    })
    .await
    .map_err(std::io::Error::other)
    .and_then(|result| result);
    let (version, problems, error) = match unpacked {
        Err(error) => (None, Vec::new(), Some(error.to_string())),
        Ok(root) => match publish(&state.pool, &state.blobs, &root).await {
            Ok(published) => {
                tracing::info!(
                    upload = id,
                    pack = %published.version,
                    "console: pack published"
                );
                (Some(published.version), Vec::new(), None)
            }
            Err(PublishError::Invalid(invalid)) => (None, relative_problems(&invalid), None),
            Err(PublishError::Other(error)) => {
                tracing::error!("console: upload {id}: {error:#}");
                (
                    None,
                    Vec::new(),
                    Some(error.to_string().replace(&*root.to_string_lossy(), ".")),
                )
            }
        },
    };
    // The unpacked files go before the outcome shows: a finished check
    // leaves nothing behind.
    drop(workspace);
    if let Err(error) = uploads::finish(
        &state.pool,
        id,
        version.as_deref(),
        &problems,
        error.as_deref(),
    )
    .await
    {
        tracing::error!("console: cannot record the check of upload {id}: {error}");
    }
}

/// The problems as `path:line: message`, with paths inside the pack.
fn relative_problems(invalid: &InvalidPack) -> Vec<String> {
    invalid
        .problems
        .iter()
        .map(|problem| {
            let mut problem = problem.clone();
            problem.path = problem
                .path
                .strip_prefix(&invalid.root)
                .map(Path::to_path_buf)
                .unwrap_or(problem.path);
            problem.to_string()
        })
        .collect()
}
