//! Film pictures scaled to the size they are shown at, before their
//! colours are converted (`yuv`).
//!
//! GStreamer's `videoscale` did this for the town film screen (a 1080p
//! film shown at about 1600x900): 17 % of the kiosk's time there, most of
//! it in a loop of plain C. Here each plane is scaled bilinearly, rows
//! first (32 samples at a time with AVX2) and then columns (sixteen at a
//! time, shuffled out of two 16-byte stretches of the row; eight at a time
//! by gathering where a stretch cannot hold a block's neighbours), with
//! weights in 64ths of a sample; the same arithmetic one sample at a time
//! elsewhere gives the same bytes. Two neighbours are a fair filter down to half the size;
//! `pipeline::film_sink_bin` leaves any film shrunk further to
//! `videoscale`, whose filter widens with the shrinking, and everything to
//! it on a machine without AVX2 ([`is_fast`]).

use crate::yuv::I420;

/// Bits of fraction in a sample's weight.
const WEIGHT_BITS: u32 = 6;
const ONE: u32 = 1 << WEIGHT_BITS;

/// Bytes past a row's end that the column pass may read: sixteen from a
/// block's first sample, or a gather's four from any sample's.
const ROW_PADDING: usize = 16;

/// Target samples the column pass makes from one 16-byte stretch of a row.
const BLOCK: usize = 8;

/// Whether this machine scales faster than `videoscale`: with AVX2 (about
/// 0.25 ms a 1080p picture to 1600x900, where `videoscale` took 2.7 to
/// 3.6 ms of CPU time). One sample at a time (4.7 ms) it is slower than
/// `videoscale`, which is then left the work (`pipeline::film_sink_bin`).
pub fn is_fast() -> bool {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        return true;
    }
    false
}

/// For each sample of a scaled line, the first of the two source samples it
/// lies between and the second one's weight (`0..ONE`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Taps {
    index: Vec<u32>,
    weight: Vec<u8>,
}

impl Taps {
    /// Sample centres map onto sample centres: target sample `i` lies at
    /// source position `(i + 1/2) * source / target - 1/2`, held inside
    /// the source's first and last sample, in 64ths, rounded.
    fn new(source: usize, target: usize) -> Taps {
        let (source, target) = (source.max(1) as u64, target as u64);
        let last = (source - 1) * u64::from(ONE);
        let (index, weight) = (0..target)
            .map(|i| {
                let centre = ((2 * i + 1) * source * u64::from(ONE) + target) / (2 * target);
                let position = centre.saturating_sub(u64::from(ONE / 2)).min(last);
                (
                    (position >> WEIGHT_BITS) as u32,
                    (position & u64::from(ONE - 1)) as u8,
                )
            })
            .unzip();
        Taps { index, weight }
    }
}

/// The column taps again, for shuffling bytes within 16-byte stretches:
/// each block of [`BLOCK`] target samples takes its two neighbours from
/// the sixteen source samples from `start`, at `picks` (first, second, ...),
/// weighted by `weights` (64ths: the first's, the second's, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
struct ColumnBlocks {
    start: Vec<u32>,
    picks: Vec<[u8; 16]>,
    weights: Vec<[u8; 16]>,
}

impl ColumnBlocks {
    /// The blocks of `taps`' whole blocks, if each one's neighbours lie
    /// within sixteen samples: always when scaling up, and down to a
    /// little above half the size.
    fn new(taps: &Taps) -> Option<ColumnBlocks> {
        let mut blocks = ColumnBlocks {
            start: Vec::new(),
            picks: Vec::new(),
            weights: Vec::new(),
        };
        let whole = taps.index.len() / BLOCK * BLOCK;
        for (index, weight) in taps.index[..whole]
            .chunks_exact(BLOCK)
            .zip(taps.weight.chunks_exact(BLOCK))
        {
            let start = index[0];
            let (mut picks, mut weights) = ([0; 16], [0; 16]);
            for (i, (&index, &weight)) in index.iter().zip(weight).enumerate() {
                let offset = u8::try_from(index - start)
                    .ok()
                    .filter(|&offset| offset < 15)?;
                picks[2 * i..2 * i + 2].copy_from_slice(&[offset, offset + 1]);
                weights[2 * i..2 * i + 2].copy_from_slice(&[ONE as u8 - weight, weight]);
            }
            blocks.start.push(start);
            blocks.picks.push(picks);
            blocks.weights.push(weights);
        }
        Some(blocks)
    }
}

/// How one plane's rows and columns map onto the source's.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PlaneTaps {
    rows: Taps,
    columns: Taps,
    column_blocks: Option<ColumnBlocks>,
    /// The source's width, for the column pass's padded row.
    source_width: usize,
}

impl PlaneTaps {
    fn new(source: (usize, usize), target: (usize, usize)) -> PlaneTaps {
        let columns = Taps::new(source.0, target.0);
        PlaneTaps {
            rows: Taps::new(source.1, target.1),
            column_blocks: ColumnBlocks::new(&columns),
            columns,
            source_width: source.0,
        }
    }
}

/// Scales a film's I420 pictures to one target size, in buffers it keeps
/// from picture to picture.
#[derive(Debug)]
pub struct Scaler {
    target: (usize, usize),
    /// The taps for the last source size seen: luma, then chroma.
    taps: Option<((usize, usize), PlaneTaps, PlaneTaps)>,
    luma: Vec<u8>,
    blue: Vec<u8>,
    red: Vec<u8>,
    /// One source row blended from two, with padding for the gathers.
    row: Vec<u8>,
}

impl Scaler {
    /// A scaler to `width`x`height` (each at least 1).
    pub fn new(width: usize, height: usize) -> Scaler {
        Scaler {
            target: (width.max(1), height.max(1)),
            taps: None,
            luma: Vec::new(),
            blue: Vec::new(),
            red: Vec::new(),
            row: Vec::new(),
        }
    }

    /// The size pictures are scaled to.
    pub fn target(&self) -> (usize, usize) {
        self.target
    }

    /// `picture` at the target size: itself if it is at that size, else
    /// scaled into this scaler's buffers.
    pub fn scale<'a>(&'a mut self, picture: &I420<'a>) -> I420<'a> {
        if (picture.width, picture.height) == self.target {
            return picture.clone();
        }
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            return self.scale_with(
                picture,
                |first, second, weight, out| {
                    // SAFETY: the processor has AVX2, checked above.
                    unsafe { avx2::blend_rows(first, second, weight, out) }
                },
                |row, taps, out| {
                    // SAFETY: the processor has AVX2, checked above.
                    unsafe { avx2::gather_columns(row, taps, out) }
                },
            );
        }
        self.scale_with(picture, blend_rows, gather_columns)
    }

    fn scale_with(
        &mut self,
        picture: &I420,
        blend: impl Fn(&[u8], &[u8], u8, &mut [u8]),
        gather: impl Fn(&[u8], &PlaneTaps, &mut [u8]),
    ) -> I420<'_> {
        let source = (picture.width, picture.height);
        let (width, height) = self.target;
        let chroma = (width.div_ceil(2), height.div_ceil(2));
        if self.taps.as_ref().map(|taps| taps.0) != Some(source) {
            let source_chroma = (source.0.div_ceil(2), source.1.div_ceil(2));
            self.taps = Some((
                source,
                PlaneTaps::new(source, self.target),
                PlaneTaps::new(source_chroma, chroma),
            ));
        }
        let Some((_, luma_taps, chroma_taps)) = &self.taps else {
            unreachable!("the taps were made above")
        };
        let planes = [
            (picture.y, luma_taps, &mut self.luma, width),
            (picture.u, chroma_taps, &mut self.blue, chroma.0),
            (picture.v, chroma_taps, &mut self.red, chroma.0),
        ];
        for (source, taps, out, width) in planes {
            out.resize(width * taps.rows.index.len(), 0);
            scale_plane(source, taps, out, &mut self.row, &blend, &gather);
        }
        I420 {
            width,
            height,
            y: (&self.luma, width),
            u: (&self.blue, chroma.0),
            v: (&self.red, chroma.0),
        }
    }
}

/// One plane (`source`: its bytes and row stride, whole for the taps'
/// source size) into `out`'s tight rows.
fn scale_plane(
    (source, stride): (&[u8], usize),
    taps: &PlaneTaps,
    out: &mut [u8],
    row: &mut Vec<u8>,
    blend: impl Fn(&[u8], &[u8], u8, &mut [u8]),
    gather: impl Fn(&[u8], &PlaneTaps, &mut [u8]),
) {
    let width = taps.source_width;
    row.resize(width + ROW_PADDING, 0);
    let target_width = taps.columns.index.len();
    let rows = taps.rows.index.iter().zip(&taps.rows.weight);
    for (out, (&index, &weight)) in out.chunks_exact_mut(target_width).zip(rows) {
        let index = index as usize;
        let first = &source[index * stride..][..width];
        if weight == 0 {
            row[..width].copy_from_slice(first);
        } else {
            // A weight above 0 never falls on the last row (`Taps::new`).
            let second = &source[(index + 1) * stride..][..width];
            blend(first, second, weight, &mut row[..width]);
        }
        gather(row, taps, out);
    }
}

/// `out` between two rows: `second`'s weight is `weight` 64ths.
fn blend_rows(first: &[u8], second: &[u8], weight: u8, out: &mut [u8]) {
    let weights = (u16::from(ONE as u8 - weight), u16::from(weight));
    for ((out, &first), &second) in out.iter_mut().zip(first).zip(second) {
        *out = mix(first, second, weights);
    }
}

/// A row's samples at the column taps' positions: `row` is padded past
/// its source width so that the last sample's neighbour can be read.
fn gather_columns(row: &[u8], taps: &PlaneTaps, out: &mut [u8]) {
    gather_columns_from(row, &taps.columns, out, 0);
}

fn gather_columns_from(row: &[u8], taps: &Taps, out: &mut [u8], from: usize) {
    let columns = taps.index[from..].iter().zip(&taps.weight[from..]);
    for (out, (&index, &weight)) in out[from..].iter_mut().zip(columns) {
        let index = index as usize;
        let weights = (u16::from(ONE as u8 - weight), u16::from(weight));
        *out = mix(row[index], row[index + 1], weights);
    }
}

/// Two samples mixed by weights summing to [`ONE`], rounded.
#[inline(always)]
fn mix(first: u8, second: u8, (first_weight, second_weight): (u16, u16)) -> u8 {
    ((u16::from(first) * first_weight + u16::from(second) * second_weight + (ONE as u16 / 2))
        >> WEIGHT_BITS) as u8
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::{BLOCK, ColumnBlocks, ONE, PlaneTaps, Taps, WEIGHT_BITS};

    /// `super::blend_rows`, 32 samples at a time.
    ///
    /// # Safety
    /// The processor must have AVX2.
    #[target_feature(enable = "avx2")]
    pub unsafe fn blend_rows(first: &[u8], second: &[u8], weight: u8, out: &mut [u8]) {
        let length = out.len().min(first.len()).min(second.len());
        let blocks = length / 32;
        // Each pair of bytes (first, second) times (64 - weight, weight).
        let weights = _mm256_set1_epi16(i16::from_le_bytes([ONE as u8 - weight, weight]));
        let half = _mm256_set1_epi16(ONE as i16 / 2);
        for block in 0..blocks {
            let at = block * 32;
            // SAFETY: 32 bytes from `at` lie inside all three slices.
            unsafe {
                let first = _mm256_loadu_si256(first.as_ptr().add(at).cast());
                let second = _mm256_loadu_si256(second.as_ptr().add(at).cast());
                let mixed = |pairs: __m256i| {
                    let sum = _mm256_add_epi16(_mm256_maddubs_epi16(pairs, weights), half);
                    _mm256_srli_epi16::<{ WEIGHT_BITS as i32 }>(sum)
                };
                let low = mixed(_mm256_unpacklo_epi8(first, second));
                let high = mixed(_mm256_unpackhi_epi8(first, second));
                _mm256_storeu_si256(
                    out.as_mut_ptr().add(at).cast(),
                    _mm256_packus_epi16(low, high),
                );
            }
        }
        let done = blocks * 32;
        super::blend_rows(&first[done..], &second[done..], weight, &mut out[done..]);
    }

    /// `super::gather_columns`, sixteen samples at a time from the taps'
    /// blocks where they have them, else eight at a time by gathering.
    ///
    /// # Safety
    /// The processor must have AVX2.
    #[target_feature(enable = "avx2")]
    pub unsafe fn gather_columns(row: &[u8], taps: &PlaneTaps, out: &mut [u8]) {
        let done = match &taps.column_blocks {
            Some(blocks) => shuffle_blocks(row, blocks, out),
            None => gather_eights(row, &taps.columns, out),
        };
        let length = out.len().min(taps.columns.index.len());
        super::gather_columns_from(row, &taps.columns, &mut out[..length], done);
    }

    /// The blocks' samples, two blocks at a time: sixteen bytes of the row
    /// from each block's start, shuffled into (first, second) pairs and
    /// weighted. Returns how many samples it made.
    #[target_feature(enable = "avx2")]
    fn shuffle_blocks(row: &[u8], blocks: &ColumnBlocks, out: &mut [u8]) -> usize {
        let count = blocks.start.len().min(out.len() / BLOCK);
        // Each block reads sixteen bytes from its start; the starts only
        // grow along a row, so the last is the largest.
        assert!(
            blocks.start[..count]
                .last()
                .is_none_or(|&last| last as usize + 16 <= row.len()),
            "the row is padded past every block"
        );
        let half = _mm256_set1_epi16(ONE as i16 / 2);
        let load = |block: usize| {
            // SAFETY: sixteen bytes from a block's start lie inside `row`
            // (asserted above).
            unsafe { _mm_loadu_si128(row.as_ptr().add(blocks.start[block] as usize).cast()) }
        };
        let mix = |samples: __m256i, picks: __m256i, weights: __m256i| {
            let pairs = _mm256_shuffle_epi8(samples, picks);
            let sum = _mm256_add_epi16(_mm256_maddubs_epi16(pairs, weights), half);
            _mm256_srli_epi16::<{ WEIGHT_BITS as i32 }>(sum)
        };
        let mut block = 0;
        while block + 2 <= count {
            let samples = _mm256_set_m128i(load(block + 1), load(block));
            // SAFETY: blocks `block` and `block + 1` exist: 32 bytes of
            // picks and of weights from `block` on; sixteen bytes of `out`
            // from the first block's first sample.
            unsafe {
                let picks = _mm256_loadu_si256(blocks.picks.as_ptr().add(block).cast());
                let weights = _mm256_loadu_si256(blocks.weights.as_ptr().add(block).cast());
                let mixed = mix(samples, picks, weights);
                // Each half's eight samples, side by side.
                let packed = _mm256_permute4x64_epi64::<0b1000>(_mm256_packus_epi16(mixed, mixed));
                _mm_storeu_si128(
                    out.as_mut_ptr().add(block * BLOCK).cast(),
                    _mm256_castsi256_si128(packed),
                );
            }
            block += 2;
        }
        block * BLOCK
    }

    /// The samples eight at a time, each gathering four bytes from its
    /// first neighbour's position. Returns how many samples it made.
    #[target_feature(enable = "avx2")]
    fn gather_eights(row: &[u8], taps: &Taps, out: &mut [u8]) -> usize {
        let length = out.len().min(taps.index.len());
        // Every gather reads four bytes from a tap's index; the indices
        // only grow along a line (`Taps::new`), so the last is the largest.
        assert!(
            taps.index[..length]
                .last()
                .is_none_or(|&last| last as usize + 4 <= row.len()),
            "the row is padded past every tap"
        );
        let blocks = length / 8;
        let low_pair = _mm256_set1_epi32(0xffff);
        let half = _mm256_set1_epi32(ONE as i32 / 2);
        // The lowest byte of each 32-bit lane, four per 128-bit half...
        let bytes = _mm256_setr_epi8(
            0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, //
            0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        );
        // ...and the two halves' four side by side.
        let halves = _mm256_setr_epi32(0, 4, 0, 0, 0, 0, 0, 0);
        for block in 0..blocks {
            let at = block * 8;
            // SAFETY: eight taps from `at` exist; each index is at least
            // four bytes from the row's end (asserted above); eight bytes
            // from `at` lie inside `out`.
            unsafe {
                let index = _mm256_loadu_si256(taps.index.as_ptr().add(at).cast());
                let weight = _mm_loadl_epi64(taps.weight.as_ptr().add(at).cast());
                let weight = _mm256_cvtepu8_epi32(weight);
                // Each lane: (64 - weight) in its lowest byte, weight next.
                let weights = _mm256_or_si256(
                    _mm256_sub_epi32(_mm256_set1_epi32(ONE as i32), weight),
                    _mm256_slli_epi32::<8>(weight),
                );
                let pairs = _mm256_and_si256(
                    _mm256_i32gather_epi32::<1>(row.as_ptr().cast(), index),
                    low_pair,
                );
                let sum = _mm256_add_epi32(_mm256_maddubs_epi16(pairs, weights), half);
                let samples = _mm256_srli_epi32::<{ WEIGHT_BITS as i32 }>(sum);
                let packed =
                    _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(samples, bytes), halves);
                _mm_storel_epi64(
                    out.as_mut_ptr().add(at).cast(),
                    _mm256_castsi256_si128(packed),
                );
            }
        }
        blocks * 8
    }
}

#[cfg(test)]
mod tests {
    use super::{BLOCK, ColumnBlocks, I420, Scaler, Taps};

    #[test]
    fn taps_put_sample_centres_on_sample_centres() {
        // The same size: every sample is its own.
        let same = Taps::new(5, 5);
        assert_eq!(same.index, [0, 1, 2, 3, 4]);
        assert_eq!(same.weight, [0; 5]);
        // Twice the size: a quarter of a sample either side of each
        // source sample, held at both ends.
        let twice = Taps::new(3, 6);
        assert_eq!(twice.index, [0, 0, 0, 1, 1, 2]);
        assert_eq!(twice.weight, [0, 16, 48, 16, 48, 0]);
        // Half the size: halfway between each pair.
        let half = Taps::new(6, 3);
        assert_eq!(half.index, [0, 2, 4]);
        assert_eq!(half.weight, [32, 32, 32]);
        // 1920 -> 1600: never past the last sample.
        let town = Taps::new(1920, 1600);
        assert!(town.index.iter().all(|&index| index < 1920));
        assert_eq!(town.index[0], 0);
        assert_eq!(town.index[1599], 1918);
    }

    #[test]
    fn column_blocks_cover_scaling_up_and_down_to_near_half() {
        for (source, target) in [(1920, 1600), (1280, 1920), (960, 520), (7, 300)] {
            let taps = Taps::new(source, target);
            let blocks = ColumnBlocks::new(&taps).expect("within sixteen samples");
            assert_eq!(blocks.start.len(), target / BLOCK);
            // Each block's picks are the taps' neighbours.
            for (block, start) in blocks.start.iter().enumerate() {
                for i in 0..BLOCK {
                    let tap = block * BLOCK + i;
                    let picked = *start + u32::from(blocks.picks[block][2 * i]);
                    assert_eq!(picked, taps.index[tap]);
                    assert_eq!(blocks.weights[block][2 * i + 1], taps.weight[tap]);
                }
            }
        }
        assert_eq!(ColumnBlocks::new(&Taps::new(1280, 600)), None);
    }

    fn picture(
        width: usize,
        height: usize,
        planes: &[Vec<u8>; 3],
        strides: [usize; 3],
    ) -> I420<'_> {
        I420 {
            width,
            height,
            y: (&planes[0], strides[0]),
            u: (&planes[1], strides[1]),
            v: (&planes[2], strides[2]),
        }
    }

    #[test]
    fn an_even_picture_scales_to_what_lies_between_its_samples() {
        // Luma 0, 64, 128, 192 across; chroma one colour.
        let planes = [[0, 64, 128, 192].repeat(2), vec![100, 200], vec![50, 150]];
        let source = picture(4, 2, &planes, [4, 2, 2]);
        let mut scaler = Scaler::new(8, 2);
        let scaled = scaler.scale(&source);
        assert_eq!((scaled.width, scaled.height), (8, 2));
        // Half a step either side of each sample, held at the ends.
        let wide = [0, 16, 48, 80, 112, 144, 176, 192];
        assert_eq!(scaled.y.0, [wide, wide].concat());
        assert_eq!(scaled.u.0, [100, 125, 175, 200]);
        assert_eq!(scaled.v.0, [50, 75, 125, 150]);

        // At its own size: the picture itself, not a copy.
        let mut scaler = Scaler::new(4, 2);
        let same = scaler.scale(&source);
        assert!(std::ptr::eq(same.y.0, source.y.0) && std::ptr::eq(same.v.0, source.v.0));

        // Down to two columns and one row: the middle of each half.
        let mut scaler = Scaler::new(2, 1);
        let scaled = scaler.scale(&source);
        assert_eq!(scaled.y.0, [32, 160]);
        assert_eq!((scaled.u.0, scaled.v.0), (&[150][..], &[100][..]));
    }

    #[test]
    fn rows_are_blended_and_strides_skipped() {
        // Two rows, 0 and 200, with four bytes of stride padding.
        let planes = [
            [vec![0; 2], vec![9; 4], vec![200; 2], vec![9; 4]].concat(),
            vec![128, 9],
            vec![128, 9],
        ];
        let source = picture(2, 2, &planes, [6, 2, 2]);
        let mut scaler = Scaler::new(2, 4);
        let scaled = scaler.scale(&source);
        assert_eq!(scaled.y.0, [0, 0, 50, 50, 150, 150, 200, 200]);
        assert_eq!(scaled.u.0, [128, 128]);
    }

    #[test]
    fn a_film_whose_pictures_change_size_is_scaled_from_each_size() {
        // A stream may change its size midway (a hostile or spliced
        // file): the taps follow the picture, never the first one's size.
        let big = [vec![200; 8 * 4], vec![90; 4 * 2], vec![60; 4 * 2]];
        let small = [vec![10; 2 * 2], vec![30], vec![50]];
        let mut kept = Scaler::new(4, 2);
        let first = kept.scale(&picture(8, 4, &big, [8, 4, 4])).y.0.to_vec();
        let second = kept.scale(&picture(2, 2, &small, [2, 1, 1]));
        let mut fresh = Scaler::new(4, 2);
        let alone = fresh.scale(&picture(2, 2, &small, [2, 1, 1]));
        assert_eq!(first, [200; 8]);
        assert_eq!(
            (second.y.0, second.u.0, second.v.0),
            (alone.y.0, alone.u.0, alone.v.0)
        );
        assert_eq!(second.y.0, [10; 8]);
    }

    #[test]
    fn the_fast_path_gives_the_same_bytes_as_one_sample_at_a_time() {
        let mut state = 0x2545_f491_u32;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        };
        let sizes = [
            ((1920_usize, 1080_usize), (1600, 900)),
            ((1280, 720), (1920, 1080)),
            ((67, 9), (45, 31)),
            // Shrunk below 1/1.875: gathered, not shuffled.
            ((1280, 720), (600, 338)),
            ((33, 5), (50, 4)),
            ((1, 1), (3, 2)),
            ((9, 3), (1, 1)),
        ];
        for ((width, height), (to_width, to_height)) in sizes {
            let strides = [width + 5, width.div_ceil(2) + 3, width.div_ceil(2) + 1];
            let rows = [height, height.div_ceil(2), height.div_ceil(2)];
            let planes: [Vec<u8>; 3] = std::array::from_fn(|plane| {
                (0..strides[plane] * rows[plane]).map(|_| next()).collect()
            });
            let source = picture(width, height, &planes, strides);
            let mut fastest = Scaler::new(to_width, to_height);
            let mut one_by_one = Scaler::new(to_width, to_height);
            let fast = fastest.scale(&source);
            let slow = one_by_one.scale_with(&source, super::blend_rows, super::gather_columns);
            assert!(
                (fast.y.0, fast.u.0, fast.v.0) == (slow.y.0, slow.u.0, slow.v.0),
                "{width}x{height} -> {to_width}x{to_height}"
            );
        }
    }
}
