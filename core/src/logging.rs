//! How the kiosk and the hub write their logs, set up once for both: what
//! an operator reads in `journalctl`, not what a developer reads in a
//! terminal.
//!
//! - Our own crates at INFO, everyone else's at WARN (`RUST_LOG` says
//!   otherwise when set): a running kiosk's log grows by events, not by
//!   frames or by a library's start-up dump.
//! - Colours only on a terminal, and not with `NO_COLOR`: a file or the
//!   journal gets plain text.
//! - Plain text by default, one JSON object per line with `--log-format
//!   json` (or `CITY_LOG_FORMAT=json`), for a log collector.

use std::io::IsTerminal;

/// The environment variable that picks the format when no flag does
/// (the command lines read it through their `--log-format` flag).
pub const FORMAT_VARIABLE: &str = "CITY_LOG_FORMAT";

/// The crates whose events an operator reads at INFO.
const OWN_CRATES: [&str; 4] = ["city_kiosk", "city_core", "city_decode", "city_hub"];

/// What winit says about the X server describing itself (Xvfb's screen of
/// 0 mm, a session without a settings daemon) concerns no kiosk: errors
/// only.
const QUIETER: [(&str, &str); 2] = [("winit", "error"), ("wgpu_hal", "error")];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// Lines of text.
    #[default]
    Text,
    /// One JSON object per line: time, level, target, message and fields.
    Json,
}

impl std::str::FromStr for LogFormat {
    type Err = String;

    fn from_str(text: &str) -> Result<LogFormat, String> {
        match text.trim() {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            other => Err(format!("`{other}` is neither `text` nor `json`")),
        }
    }
}

/// The filter when `RUST_LOG` is not set.
pub fn default_filter() -> String {
    let mut directives = vec!["warn".to_string()];
    directives.extend(OWN_CRATES.iter().map(|target| format!("{target}=info")));
    directives.extend(
        QUIETER
            .iter()
            .map(|(target, level)| format!("{target}={level}")),
    );
    directives.join(",")
}

/// Whether the log goes to a person at a terminal who wants colours.
pub fn use_colours() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Sets up the process's log on standard error; once, before anything logs.
pub fn init(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_filter()));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let result = match format {
        LogFormat::Text => builder.with_ansi(use_colours()).try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            // A request's id, on the hub, from the span it runs in.
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
    // A second set-up (a test that ran one already) keeps the first.
    let _ = result;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_crates_speak_at_info_and_everyone_else_only_to_warn() {
        let filter = default_filter();
        assert!(filter.starts_with("warn,"), "{filter}");
        for target in OWN_CRATES {
            assert!(filter.contains(&format!("{target}=info")), "{filter}");
        }
        assert!(filter.contains("winit=error"));
        tracing_subscriber::EnvFilter::try_new(&filter).unwrap();
    }
}
