//! Talking to systemd when it runs us (`Type=notify`): "ready" once the
//! service works, and the watchdog's "still alive" from the loop that must
//! not freeze, so that systemd restarts a kiosk whose screen hangs. Without
//! `$NOTIFY_SOCKET` (a terminal, a test) every call does nothing.

use std::os::unix::net::UnixDatagram;
use std::time::Duration;

/// Sends one notification, e.g. `READY=1`; false when there is no systemd
/// to tell or it could not be told.
pub fn notify(state: &str) -> bool {
    std::env::var_os("NOTIFY_SOCKET").is_some_and(|path| notify_to(&path, state))
}

/// Sends `state` to the notification socket at `path`.
fn notify_to(path: &std::ffi::OsStr, state: &str) -> bool {
    let Ok(socket) = UnixDatagram::unbound() else {
        return false;
    };
    // Never block the caller (the UI's loop) on a listener that is slow
    // to read: a ping lost is better than a frozen screen.
    if socket.set_nonblocking(true).is_err() {
        return false;
    }
    let bytes = path.as_encoded_bytes();
    let sent = match bytes.strip_prefix(b"@") {
        // An abstract socket, as systemd's user managers use.
        Some(name) => {
            use std::os::linux::net::SocketAddrExt;
            std::os::unix::net::SocketAddr::from_abstract_name(name)
                .and_then(|address| socket.send_to_addr(state.as_bytes(), &address))
        }
        None => socket.send_to(state.as_bytes(), path),
    };
    sent.is_ok()
}

/// The service started and works.
pub fn ready() -> bool {
    notify("READY=1")
}

/// The watched loop is alive.
pub fn watchdog_ping() -> bool {
    notify("WATCHDOG=1")
}

/// How often to ping the watchdog, if systemd watches this process: half
/// its `WatchdogSec=`.
pub fn watchdog_interval() -> Option<Duration> {
    interval_from(
        std::env::var("WATCHDOG_USEC").ok().as_deref(),
        std::env::var("WATCHDOG_PID").ok().as_deref(),
        std::process::id(),
    )
}

fn interval_from(usec: Option<&str>, pid: Option<&str>, own_pid: u32) -> Option<Duration> {
    let micros: u64 = usec?.parse().ok()?;
    if let Some(pid) = pid.and_then(|pid| pid.parse::<u32>().ok())
        && pid != own_pid
    {
        return None; // Meant for another process of the service.
    }
    (micros > 0).then(|| Duration::from_micros(micros / 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_reach_the_socket_and_the_interval_is_half_the_watchdog() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notify");
        let listener = UnixDatagram::bind(&path).unwrap();
        assert!(notify_to(path.as_os_str(), "READY=1"));
        assert!(notify_to(path.as_os_str(), "WATCHDOG=1"));
        let mut buffer = [0u8; 64];
        let read = listener.recv(&mut buffer).unwrap();
        assert_eq!(&buffer[..read], b"READY=1");
        let read = listener.recv(&mut buffer).unwrap();
        assert_eq!(&buffer[..read], b"WATCHDOG=1");
        assert!(!notify_to(dir.path().join("absent").as_os_str(), "READY=1"));

        let interval = |usec, pid| interval_from(usec, pid, 42);
        assert_eq!(
            interval(Some("30000000"), None),
            Some(Duration::from_secs(15))
        );
        assert_eq!(
            interval(Some("30000000"), Some("42")),
            Some(Duration::from_secs(15))
        );
        assert_eq!(
            interval(Some("30000000"), Some("7")),
            None,
            "another process's"
        );
        assert_eq!(interval(Some("0"), None), None);
        assert_eq!(interval(Some("x"), None), None);
        assert_eq!(interval(None, None), None);
    }
}
