//! The real kiosk binary in a real fullscreen window (X, Vulkan on Mesa's
//! software driver): a scripted finger tour with xdotool, after which the
//! kiosk still runs and its log has no error.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::demo_pack_dir;
use crate::xserver::XServer;

fn xdotool(display: &str, args: &[&str]) {
    let status = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .status()
        .expect("xdotool is installed (scripts/setup-debian.sh)");
    assert!(status.success(), "xdotool {args:?}");
}

fn tap(display: &str, x: u32, y: u32) {
    xdotool(
        display,
        &["mousemove", &x.to_string(), &y.to_string(), "click", "1"],
    );
    std::thread::sleep(Duration::from_millis(700));
}

fn screenshot(display: &str, path: &Path) -> image::RgbImage {
    let status = Command::new("import")
        .args(["-window", "root"])
        .arg(path)
        .env("DISPLAY", display)
        .status()
        .expect("imagemagick is installed");
    assert!(status.success());
    image::open(path).unwrap().to_rgb8()
}

fn write_config(dir: &Path) -> std::path::PathBuf {
    let config = dir.join("kiosk.toml");
    std::fs::write(
        &config,
        format!(
            "[kiosk]\nid = \"tour\"\nvenue = \"Window test\"\n\n[content]\ndir = \"{}\"\n\n[data]\ndir = \"{}\"\n",
            demo_pack_dir().display(),
            dir.join("data").display()
        ),
    )
    .unwrap();
    config
}

#[test]
fn the_kiosk_survives_a_click_tour_in_a_real_window() {
    let x = XServer::get();
    let work = tempfile::tempdir().unwrap();
    let config = write_config(work.path());
    // systemd's side of Type=notify with a watchdog, as the kiosk's unit has.
    let notify_path = work.path().join("notify");
    let systemd = std::os::unix::net::UnixDatagram::bind(&notify_path).unwrap();
    systemd
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut kiosk = Command::new(env!("CARGO_BIN_EXE_city-kiosk"))
        .arg("--config")
        .arg(&config)
        .env("NOTIFY_SOCKET", &notify_path)
        .env("WATCHDOG_USEC", "4000000")
        .env("DISPLAY", &x.display)
        .env("XDG_RUNTIME_DIR", work.path())
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    // Read the log as it comes; wait for the first frame.
    let (lines, log) = mpsc::channel::<String>();
    let stderr = kiosk.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    while !seen
        .iter()
        .any(|line: &String| line.contains("first frame drawn"))
    {
        let wait = deadline.saturating_duration_since(Instant::now());
        match log.recv_timeout(wait) {
            Ok(line) => seen.push(line),
            Err(_) => {
                let _ = kiosk.kill();
                panic!("no first frame within 120 s; log:\n{}", seen.join("\n"));
            }
        }
    }
    // Ready once the first frame is drawn, then pinged from the UI's loop.
    let mut notices = Vec::new();
    let mut buffer = [0u8; 256];
    // (Pings may come before the first frame; READY=1 comes with it.)
    while !notices.iter().any(|notice| notice == "READY=1")
        || notices
            .iter()
            .filter(|notice| *notice == "WATCHDOG=1")
            .count()
            < 3
    {
        let read = systemd
            .recv(&mut buffer)
            .expect("the kiosk notifies systemd");
        notices.push(String::from_utf8_lossy(&buffer[..read]).into_owned());
    }
    std::thread::sleep(Duration::from_secs(2));
    let attract = screenshot(&x.display, &work.path().join("attract.png"));
    // The attract loop's film moves: a second later the picture differs.
    std::thread::sleep(Duration::from_millis(1500));
    let attract_later = screenshot(&x.display, &work.path().join("attract-later.png"));

    // The tour, at the positions of the 1920x1080 layout. First a town's
    // film, each step waiting for what the screen must show, since a
    // loaded machine may take a moment.
    let d = x.display.as_str();
    let teal = [0x0f, 0x5c, 0x6e];
    let accent = [0xe8, 0x83, 0x3a];
    tap(d, 960, 540); // attract → home
    wait_for_screen(d, &work.path().join("home.png"), |shot| {
        close_to(shot.get_pixel(960, 8).0, teal)
    });
    tap(d, 300, 500); // a town tile
    wait_for_screen(d, &work.path().join("town.png"), |shot| {
        close_to(shot.get_pixel(1000, 294).0, accent)
    });
    tap(d, 1000, 294); // watch the film
    let film = wait_for_screen(d, &work.path().join("film.png"), |shot| {
        close_to(shot.get_pixel(960, 1075).0, teal)
    });
    tap(d, 110, 48); // close the film
    tap(d, 240, 1028); // towns
    tap(d, 1550, 48); // DE
    tap(d, 230, 220); // country chip
    tap(d, 300, 500); // a town tile
    xdotool(
        d,
        &[
            "mousemove",
            "1400",
            "600",
            "click",
            "5",
            "click",
            "5",
            "click",
            "5",
        ],
    ); // scroll the town page
    tap(d, 700, 300); // swipe area of the gallery (a tap)
    tap(d, 720, 1028); // events
    tap(d, 130, 222); // this weekend
    tap(d, 1200, 1028); // map
    tap(d, 700, 600); // somewhere on the map
    tap(d, 1680, 1028); // kids
    tap(d, 150, 350); // a mascot
    tap(d, 60, 1000); // outside the story: close it
    tap(d, 1840, 48); // EN
    tap(d, 85, 48); // back
    tap(d, 240, 1028); // towns
    let after = screenshot(&x.display, &work.path().join("after.png"));

    let still_running = kiosk.try_wait().unwrap().is_none();
    let _ = kiosk.kill();
    let _ = kiosk.wait();
    while let Ok(line) = log.recv_timeout(Duration::from_millis(300)) {
        seen.push(line);
    }
    let log_text = seen.join("\n");
    assert!(
        still_running,
        "the kiosk died during the tour; log:\n{log_text}"
    );
    let errors: Vec<&String> = seen
        .iter()
        .filter(|line| line.contains("ERROR") || line.contains("panicked"))
        .collect();
    assert!(errors.is_empty(), "errors in the log:\n{log_text}");
    assert!(
        distinct_colours(&attract) > 50,
        "the attract screen is blank"
    );
    let moved = changed_share(&attract, &attract_later);
    assert!(
        moved > 0.05,
        "the attract film stands still ({moved:.3} changed)"
    );
    // The film screen: its control bar (teal) where pages have the white
    // navigation bar.
    let controls = film.get_pixel(960, 1075).0;
    assert!(
        close_to(controls, [0x0f, 0x5c, 0x6e]),
        "no film controls after tapping the film button: {controls:?}"
    );
    assert!(
        distinct_colours(&after) > 50,
        "the screen is blank after the tour"
    );
    // The tour ends on the towns screen: the header bar is the network's
    // teal, where the attract loop showed a picture to the edges.
    let header = after.get_pixel(960, 8).0;
    assert!(
        close_to(header, [0x0f, 0x5c, 0x6e]),
        "no header after the tour: {header:?}"
    );
    let attract_top = attract.get_pixel(960, 8).0;
    assert!(
        !close_to(attract_top, [0x0f, 0x5c, 0x6e]),
        "the attract loop showed a header"
    );
    if let Ok(dir) = std::env::var("CITY_KIOSK_KEEP_SCREENSHOTS") {
        let _ = std::fs::copy(
            work.path().join("after.png"),
            Path::new(&dir).join("tour-after.png"),
        );
        let _ = std::fs::copy(
            work.path().join("attract.png"),
            Path::new(&dir).join("tour-attract.png"),
        );
        let _ = std::fs::copy(
            work.path().join("film.png"),
            Path::new(&dir).join("tour-film.png"),
        );
    }
}

/// Screenshots until `ready` holds or 20 s pass; returns the last one.
fn wait_for_screen(
    display: &str,
    path: &Path,
    ready: impl Fn(&image::RgbImage) -> bool,
) -> image::RgbImage {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let shot = screenshot(display, path);
        if ready(&shot) || Instant::now() >= deadline {
            return shot;
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// The share of sampled pixels that differ between two screenshots.
fn changed_share(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    let pairs: Vec<(_, _)> = a.pixels().zip(b.pixels()).step_by(97).collect();
    let changed = pairs.iter().filter(|(a, b)| !close_to(a.0, b.0)).count();
    changed as f64 / pairs.len().max(1) as f64
}

fn close_to(pixel: [u8; 3], expected: [u8; 3]) -> bool {
    pixel.iter().zip(expected).all(|(a, b)| a.abs_diff(b) <= 6)
}

fn distinct_colours(image: &image::RgbImage) -> usize {
    let mut colours: Vec<[u8; 3]> = image.pixels().step_by(101).map(|pixel| pixel.0).collect();
    colours.sort_unstable();
    colours.dedup();
    colours.len()
}
