//! An X server for tests and benchmarks that open real windows: the one in
//! `DISPLAY` if there is one, else a private Xvfb started here and stopped
//! when dropped.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct XServer {
    pub display: String,
    xvfb: Option<Child>,
}

impl XServer {
    pub fn get() -> XServer {
        if let Ok(display) = std::env::var("DISPLAY")
            && !display.is_empty()
        {
            return XServer {
                display,
                xvfb: None,
            };
        }
        for number in 140..200 {
            if Path::new(&format!("/tmp/.X11-unix/X{number}")).exists()
                || Path::new(&format!("/tmp/.X{number}-lock")).exists()
            {
                continue;
            }
            let display = format!(":{number}");
            let Ok(child) = Command::new("Xvfb")
                .args([
                    display.as_str(),
                    "-screen",
                    "0",
                    "1920x1080x24",
                    "-nolisten",
                    "tcp",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
            else {
                panic!("Xvfb is not installed; run scripts/setup-debian.sh");
            };
            let socket = format!("/tmp/.X11-unix/X{number}");
            let deadline = Instant::now() + Duration::from_secs(10);
            while !Path::new(&socket).exists() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            return XServer {
                display,
                xvfb: Some(child),
            };
        }
        panic!("no free X display number for Xvfb");
    }
}

impl Drop for XServer {
    fn drop(&mut self) {
        if let Some(child) = &mut self.xvfb {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
