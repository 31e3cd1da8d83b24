//! A real SMTP server on 127.0.0.1 for the visitor-mail tests and the mail
//! benchmark: Debian's python3-aiosmtpd, run by `smtp_server.py` beside this file. The mails it
//! accepted are read back decoded (subject, parts, Message-ID).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

/// One accepted mail, as Python's mail parser decoded it.
#[derive(Debug, Clone, Deserialize)]
pub struct Mail {
    pub rcpt_tos: Vec<String>,
    pub tls: bool,
    pub subject: String,
    pub from: String,
    pub message_id: String,
    pub text: String,
    pub html: String,
}

impl Mail {
    /// The first link in the plain text that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> Option<String> {
        self.text
            .split_whitespace()
            .find(|word| word.starts_with(prefix))
            .map(str::to_string)
    }
}

#[derive(Debug, Default, Clone)]
pub struct SmtpOptions {
    /// A fixed port (a restart on the same port); any free one otherwise.
    pub port: Option<u16>,
    /// STARTTLS with this certificate and key, and required.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// While this file exists the server waits at RCPT TO.
    pub hold: Option<PathBuf>,
    /// Addresses containing this are refused for good (550).
    pub reject: Option<String>,
}

pub struct SmtpServer {
    child: Option<Child>,
    pub port: u16,
    out: PathBuf,
    options: SmtpOptions,
}

impl SmtpServer {
    /// Starts a server whose mails go to `out` (made if missing).
    pub fn start(out: &Path, options: SmtpOptions) -> SmtpServer {
        std::fs::create_dir_all(out).unwrap();
        let mut server = SmtpServer {
            child: None,
            port: 0,
            out: out.to_path_buf(),
            options,
        };
        server.restart();
        server
    }

    /// Starts it (again), on the same port once it has one.
    pub fn restart(&mut self) {
        self.stop();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hub/support/smtp_server.py");
        // Debian's Python: the one python3-aiosmtpd is installed for.
        let mut command = Command::new("/usr/bin/python3");
        command.arg(script).arg("--out").arg(&self.out);
        let port = self.options.port.or((self.port != 0).then_some(self.port));
        if let Some(port) = port {
            command.args(["--port", &port.to_string()]);
        }
        if let Some((cert, key)) = &self.options.tls {
            command
                .arg("--tls-cert")
                .arg(cert)
                .arg("--tls-key")
                .arg(key);
        }
        if let Some(hold) = &self.options.hold {
            command.arg("--hold").arg(hold);
        }
        if let Some(reject) = &self.options.reject {
            command.args(["--reject", reject]);
        }
        // Its complaints (a client that dropped the TLS handshake, as one
        // test wants) go to a file beside the mails.
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.out.with_extension("log"))
            .unwrap();
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("python3-aiosmtpd is installed (scripts/setup-debian.sh)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        self.port = line
            .trim()
            .strip_prefix("listening on ")
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("the SMTP server did not start: {line:?}"));
        self.child = Some(child);
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// `smtp://127.0.0.1:PORT?tls=none`, or with STARTTLS by name (the
    /// certificate is for localhost).
    pub fn url(&self) -> String {
        match self.options.tls {
            Some(_) => format!("smtp://localhost:{}", self.port),
            None => format!("smtp://127.0.0.1:{}?tls=none", self.port),
        }
    }

    /// The files of the mails accepted so far (their decoded form), in order.
    fn mail_files(&self) -> Vec<PathBuf> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.out)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        names.sort();
        names
    }

    /// How many mails were accepted so far (without reading them).
    pub fn count(&self) -> usize {
        self.mail_files().len()
    }

    /// Every mail accepted so far, in order.
    pub fn mails(&self) -> Vec<Mail> {
        self.mail_files()
            .iter()
            .map(|path| serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap())
            .collect()
    }

    /// Waits until at least `count` mails arrived; all of them.
    pub fn wait_for(&self, count: usize, within: Duration) -> Vec<Mail> {
        let start = Instant::now();
        loop {
            if self.count() >= count {
                return self.mails();
            }
            assert!(
                start.elapsed() < within,
                "{count} mail(s) expected within {within:?}, {} arrived",
                self.count()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}
