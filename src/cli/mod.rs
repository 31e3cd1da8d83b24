//! The command line: with no command the kiosk starts; the commands serve
//! editors (content check) and staff.

mod content;
mod film;
mod leads;
mod render;
mod renderer_choice;
mod run;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "city-kiosk",
    version,
    about = "Touch kiosk of the City Cooperation network of 24 towns"
)]
pub struct Cli {
    #[command(flatten)]
    pub run: run::RunArgs,

    /// How the log is written: `text`, or `json` (one object per line).
    #[arg(
        long,
        env = "CITY_LOG_FORMAT",
        default_value = "text",
        value_parser = clap::value_parser!(city_core::logging::LogFormat),
        global = true
    )]
    pub log_format: city_core::logging::LogFormat,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Work with a content pack.
    Content {
        #[command(subcommand)]
        command: ContentCommand,
    },
    /// Leads on this kiosk: count, export as CSV, erase an address.
    Leads {
        #[command(subcommand)]
        command: leads::LeadsCommand,
    },
    /// Sync with the hub once (leads and counts out, erasures and a new
    /// pack in) and report; for scripts and checks.
    Sync {
        /// One round, then exit (the kiosk itself syncs in the background).
        #[arg(long)]
        once: bool,
    },
    /// The staff PIN.
    Pin {
        #[command(subcommand)]
        command: leads::PinCommand,
    },
    /// Films: check that they play, measure decoding speed.
    Film {
        #[command(subcommand)]
        command: film::FilmCommand,
    },
    /// Draw one screen to a PNG without a window or GPU, e.g. to check
    /// texts in every language.
    Render(render::RenderArgs),
}

#[derive(Subcommand, Debug)]
pub enum ContentCommand {
    /// Load and validate a pack; print a summary, or every problem as
    /// `path:line: message` and exit 1.
    Check(CheckArgs),
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The pack folder.
    #[arg(default_value = "media")]
    pub dir: PathBuf,
}

impl Cli {
    /// Whether this process plays films for as long as a kiosk stands: the
    /// kiosk itself, and the film commands that measure its playback. A
    /// one-shot command such as `render` is better served by malloc's
    /// defaults, which reuse freed pages instead of mapping and faulting in
    /// fresh ones for every decoded picture (a third of `render`'s time).
    pub fn runs_for_weeks(&self) -> bool {
        matches!(self.command, None | Some(Command::Film { .. }))
    }

    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self.command {
            None => run::run(self.run),
            Some(Command::Content {
                command: ContentCommand::Check(args),
            }) => Ok(content::check(&args.dir)),
            Some(Command::Film { command }) => film::film(command),
            Some(Command::Render(args)) => render::render(&self.run.config, args),
            Some(Command::Leads { command }) => leads::leads(&self.run.config, command),
            Some(Command::Pin { command }) => leads::pin(command),
            Some(Command::Sync { once }) => leads::sync(&self.run.config, once),
        }
    }
}
