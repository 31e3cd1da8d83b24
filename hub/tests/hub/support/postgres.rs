//! A throwaway PostgreSQL for one test: a fresh cluster in a temporary
//! folder from the installed server binaries (Debian's `postgresql`),
//! started on a free port on 127.0.0.1 and stopped when dropped. No
//! running server is assumed.

use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;

pub struct TestPostgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
    as_postgres: bool,
}

/// The newest installed server's `bin` folder.
fn server_bin() -> PathBuf {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL's server is installed (scripts/setup-debian.sh)")
        .filter_map(Result::ok)
        .map(|entry| entry.path().join("bin"))
        .filter(|bin| bin.join("initdb").is_file())
        .collect();
    versions.sort();
    versions
        .pop()
        .expect("an initdb under /usr/lib/postgresql/*/bin")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl TestPostgres {
    pub fn start() -> TestPostgres {
        let bin = server_bin();
        // initdb refuses to run as root: then the cluster belongs to the
        // `postgres` user the Debian package created.
        // SAFETY: geteuid only reads the process's user id; it cannot fail.
        let as_postgres = unsafe { libc_geteuid() } == 0;
        let dir = tempfile::Builder::new()
            .prefix("hub-pg-")
            .tempdir()
            .unwrap();
        if as_postgres {
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        let data = dir.path().join("data");
        let mut cluster = TestPostgres {
            port: free_port(),
            dir,
            bin,
            as_postgres,
        };
        cluster.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
        );
        let options = format!(
            "-k {} -p {} -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            cluster.dir.path().display(),
            cluster.port
        );
        let log = cluster.dir.path().join("server.log");
        cluster.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-o",
                &options,
                "-l",
                log.to_str().unwrap(),
                "-w",
                "-t",
                "60",
                "start",
            ],
        );
        cluster
    }

    fn run(&mut self, tool: &str, args: &[&str]) {
        let program = self.bin.join(tool);
        let output = if self.as_postgres {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&program)
                .args(args)
                .current_dir(self.dir.path())
                .output()
        } else {
            Command::new(&program).args(args).output()
        };
        let output = output.unwrap_or_else(|error| panic!("{tool}: {error}"));
        assert!(
            output.status.success(),
            "{tool} {args:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// A new, empty database for one use; its address.
    pub fn database(&mut self, name: &str) -> String {
        let port = self.port.to_string();
        self.run(
            "createdb",
            &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", name],
        );
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }
}

impl Drop for TestPostgres {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let data = data.to_str().unwrap_or_default().to_string();
        self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
    }
}

unsafe extern "C" {
    #[link_name = "geteuid"]
    fn libc_geteuid() -> u32;
}
