//! The kiosk reaches its hub over TLS with the certificate checked: a hub
//! with a certificate nobody vouches for gets nothing, the same hub with
//! the network's own CA configured serves its files. The server is
//! OpenSSL's own (`openssl s_server -WWW`), with a CA made for the test.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use city_core::config::HubUrl;
use city_core::hash::Sha256;
use city_core::sync::{HubClient, SyncError};

use crate::support::certificates::make_certificates;

struct TlsServer {
    child: Child,
    port: u16,
}

impl TlsServer {
    /// Serves the files under `dir/www` over TLS, each request by path.
    fn start(dir: &Path) -> TlsServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("openssl")
            .args(["s_server", "-quiet", "-WWW", "-accept"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-cert", "../hub.pem", "-key", "../hub.key"])
            .current_dir(dir.join("www"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        TlsServer { child, port }
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hub_is_trusted_only_with_a_certificate_someone_vouches_for() {
    let dir = tempfile::tempdir().unwrap();
    make_certificates(dir.path());
    let content = b"a file of the pack\n";
    let sha = Sha256::of(content);
    let blobs = dir.path().join("www/v1/blobs");
    std::fs::create_dir_all(&blobs).unwrap();
    std::fs::write(blobs.join(sha.to_hex()), content).unwrap();
    let server = TlsServer::start(dir.path());
    let url = HubUrl::parse(&format!("https://localhost:{}/", server.port)).unwrap();

    // Public roots only: the network's CA is nobody's.
    let client = HubClient::new(&url, "token", None).unwrap();
    let target = dir.path().join("download");
    let error = client
        .download_blob(sha, content.len() as u64, &target)
        .await
        .unwrap_err();
    assert!(matches!(error, SyncError::Network(_)), "{error}");
    assert!(
        error.to_string().to_lowercase().contains("certificate"),
        "{error}"
    );
    assert!(!target.exists(), "nothing was written");

    // A certificate for another name is refused even with the CA.
    let ca = std::fs::read(dir.path().join("ca.pem")).unwrap();
    let other_name = HubUrl::parse(&format!("https://127.0.0.1:{}/", server.port)).unwrap();
    let client = HubClient::new(&other_name, "token", Some(&ca)).unwrap();
    let error = client
        .download_blob(sha, content.len() as u64, &target)
        .await
        .unwrap_err();
    assert!(
        error.to_string().to_lowercase().contains("certificate"),
        "{error}"
    );

    // With the network's CA configured, the file comes and is checked.
    let client = HubClient::new(&url, "token", Some(&ca)).unwrap();
    client
        .download_blob(sha, content.len() as u64, &target)
        .await
        .unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), content);
}
