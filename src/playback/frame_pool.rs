//! The RGBA buffers film frames are converted into, handed to iced as
//! images and taken back when iced drops them.
//!
//! A 1080p frame is 8 MB: allocated afresh 30 times a second it would be
//! a new mapping each time (the kiosk's malloc settings for weeks of
//! films), with 2,000 page faults to fill it.

use std::sync::{Arc, Mutex};

/// How many spare buffers a player keeps: iced holds the frame on screen
/// and perhaps the one before it while the next is converted.
const SPARE: usize = 3;

#[derive(Debug, Clone, Default)]
pub struct FramePool {
    spare: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl FramePool {
    /// A buffer of `len` bytes, reused when one of that size came back;
    /// its contents are whatever the last frame left.
    pub fn take(&self, len: usize) -> Vec<u8> {
        let mut spare = self.spare.lock().unwrap_or_else(|e| e.into_inner());
        match spare.iter().position(|buffer| buffer.len() == len) {
            Some(index) => spare.swap_remove(index),
            None => vec![0; len],
        }
    }

    /// `pixels` as bytes for an image handle, returned to the pool when the
    /// last copy of the handle is dropped.
    pub fn share(&self, pixels: Vec<u8>) -> bytes::Bytes {
        bytes::Bytes::from_owner(Pooled {
            pixels,
            pool: self.clone(),
        })
    }

    fn give_back(&self, pixels: Vec<u8>) {
        let mut spare = self.spare.lock().unwrap_or_else(|e| e.into_inner());
        if spare.len() < SPARE {
            spare.push(pixels);
        }
    }

    #[cfg(test)]
    fn spare(&self) -> usize {
        self.spare.lock().unwrap().len()
    }
}

struct Pooled {
    pixels: Vec<u8>,
    pool: FramePool,
}

impl AsRef<[u8]> for Pooled {
    fn as_ref(&self) -> &[u8] {
        &self.pixels
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        self.pool.give_back(std::mem::take(&mut self.pixels));
    }
}

#[cfg(test)]
mod tests {
    use super::{FramePool, SPARE};

    #[test]
    fn buffers_come_back_when_the_last_handle_goes_and_are_reused() {
        let pool = FramePool::default();
        let mut first = pool.take(16);
        first[0] = 7;
        let address = first.as_ptr();
        let shared = pool.share(first);
        let copy = shared.clone();
        drop(shared);
        assert_eq!(pool.spare(), 0, "a copy is still held");
        drop(copy);
        assert_eq!(pool.spare(), 1);
        let again = pool.take(16);
        assert_eq!((again.as_ptr(), again[0]), (address, 7));
        // Another size is a new buffer; the pool keeps a bounded number.
        assert_eq!(pool.take(32).len(), 32);
        let handles: Vec<_> = (0..SPARE + 2).map(|_| pool.share(pool.take(16))).collect();
        drop(handles);
        assert_eq!(pool.spare(), SPARE);
    }
}
