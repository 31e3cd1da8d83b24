//! This process's memory as Linux reports it, for benchmarks and the film
//! bench: now, at its peak, and a fresh start for the peak.

/// The memory this process holds now, in bytes.
pub fn current_memory() -> Option<u64> {
    status_kib("VmRSS:").map(|kib| kib * 1024)
}

/// The most memory this process has held at once, in bytes.
pub fn peak_memory() -> Option<u64> {
    status_kib("VmHWM:").map(|kib| kib * 1024)
}

/// Starts measuring the peak from now on (`clear_refs` 5).
pub fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_peak_is_at_least_what_is_held_now() {
        let now = current_memory().expect("Linux reports VmRSS");
        let peak = peak_memory().expect("Linux reports VmHWM");
        assert!(now > 0 && peak >= now, "now {now}, peak {peak}");
    }
}
