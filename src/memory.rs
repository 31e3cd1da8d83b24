//! The allocator setting that keeps a kiosk's memory flat over weeks of
//! films, and malloc's own figure beside the resident size.

/// Sets glibc's malloc up for weeks of films: every buffer of 1 MiB or more
/// gets its own mapping, returned to the system the moment it is freed, and
/// the decoders' threads share two heaps instead of one each.
///
/// Every film frame passes through buffers of several megabytes (decoded,
/// converted for the software renderer). By default glibc raises its mmap
/// threshold when the first such buffer is freed and serves the later ones
/// from its heaps, where they fragment, and every thread that ever
/// allocated keeps a heap of freed memory. In the soak benchmark the
/// attract loop grew by 43 MB in a quarter of an hour with the bytes in use
/// unchanged; with these settings it stays flat. Call it first thing in
/// `main`, before any thread starts.
pub fn keep_large_buffers_out_of_the_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; called before
    // other threads exist.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Gives the system back the heaps' free pages, after a one-off piece of
/// work that freed much (the decoding speed's measurement).
pub fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of malloc's heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The bytes malloc has handed out and not got back, which tells a leak
/// (this grows) from fragmentation (only the resident size grows, see
/// [`city_core::process_memory`]).
pub fn heap_in_use() -> Option<u64> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallinfo2 reads the allocator's counters.
        let info = unsafe { libc::mallinfo2() };
        Some((info.uordblks + info.hblkhd) as u64)
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    None
}
