//! The real `city-hub` binary, serving on a free port on 127.0.0.1, and
//! its commands, against a test database.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

pub struct Hub {
    child: Option<Child>,
    pub url: url::Url,
    database_url: String,
    blob_dir: PathBuf,
    /// Extra `serve` flags, e.g. shorter timeouts for a test.
    serve_args: Vec<String>,
    /// Extra environment of `serve` (the log's level and format).
    serve_env: Vec<(String, String)>,
    /// Every line `serve` wrote to its standard error, as it came.
    log: Arc<Mutex<Vec<String>>>,
}

pub fn hub_command(database_url: &str, blob_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_city-hub"));
    command
        .env("DATABASE_URL", database_url)
        .env("CITY_HUB_BLOBS", blob_dir)
        .env("RUST_LOG", "warn");
    command
}

impl Hub {
    pub fn start(database_url: &str, blob_dir: &Path) -> Hub {
        Hub::start_with(database_url, blob_dir, &[])
    }

    /// Starts the hub with extra `serve` flags.
    pub fn start_with(database_url: &str, blob_dir: &Path, serve_args: &[&str]) -> Hub {
        Hub::start_with_env(database_url, blob_dir, serve_args, &[("RUST_LOG", "info")])
    }

    /// Starts the hub with extra `serve` flags and environment.
    pub fn start_with_env(
        database_url: &str,
        blob_dir: &Path,
        serve_args: &[&str],
        serve_env: &[(&str, &str)],
    ) -> Hub {
        let mut hub = Hub {
            child: None,
            url: url::Url::parse("http://127.0.0.1/").unwrap(),
            database_url: database_url.to_string(),
            blob_dir: blob_dir.to_path_buf(),
            serve_args: serve_args.iter().map(ToString::to_string).collect(),
            serve_env: serve_env
                .iter()
                .map(|(key, value)| (key.to_string(), value.to_string()))
                .collect(),
            log: Arc::default(),
        };
        hub.restart();
        hub
    }

    /// What `serve` has logged so far, line by line.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// Starts the hub (again), on a new port.
    pub fn restart(&mut self) {
        let mut command = hub_command(&self.database_url, &self.blob_dir);
        // The levels an installed hub has, unless the test names some.
        command.env_remove("RUST_LOG");
        let mut child = command
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(&self.serve_args)
            .envs(self.serve_env.iter().map(|(key, value)| (key, value)))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (sender, receiver) = mpsc::channel();
        let log = self.log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                log.lock().unwrap().push(line.clone());
                // "… city-hub 0.1.0 listening on 127.0.0.1:PORT: database …"
                if let Some((_, rest)) = line.split_once(" listening on ") {
                    let address = rest.split_whitespace().next().unwrap_or_default();
                    let _ = sender.send(address.trim_end_matches(':').to_string());
                }
            }
        });
        let address = receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the hub starts listening");
        self.url = url::Url::parse(&format!("http://{address}/")).unwrap();
        self.child = Some(child);
    }

    /// SIGKILL: no goodbye, as a crash or a pulled cable.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Runs `city-hub ARGS` against the same database and blobs.
    pub fn cli(&self, args: &[&str]) -> Output {
        hub_command(&self.database_url, &self.blob_dir)
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs a command that must succeed; its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.cli(args);
        assert!(
            output.status.success(),
            "city-hub {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    /// The address to open raw connections to.
    pub fn address(&self) -> String {
        format!(
            "{}:{}",
            self.url.host_str().unwrap(),
            self.url.port().unwrap()
        )
    }

    pub fn blob_dir(&self) -> &Path {
        &self.blob_dir
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        self.kill();
    }
}
