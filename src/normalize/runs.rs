//! Finding runs of ASCII letters fast: the word-level rules (`missing-apostrophe`,
//! `acronym-case`) look at every word of every paragraph, and a byte-at-a-time loop that
//! branches at each word's edges spends most of its time on mispredicted branches.
//!
//! The text is read 64 bytes at a time into a bit mask (a loop the compiler turns into vector
//! compares), and the runs are read off the mask's edges with bit tricks: one step per word,
//! not per byte. This module only finds runs; it never judges a word.

/// Which bytes make up a run.
#[derive(Clone, Copy)]
pub(super) enum Class {
    /// `a`–`z` and `A`–`Z`.
    Letters,
    /// `a`–`z`.
    Lower,
}

impl Class {
    #[cfg(test)]
    fn holds(self, c: u8) -> bool {
        match self {
            Class::Letters => (c | 0x20).wrapping_sub(b'a') < 26,
            Class::Lower => c.wrapping_sub(b'a') < 26,
        }
    }

    /// The high bit of each byte of `x` set when the byte belongs to the class, the rest clear
    /// (the "hasbetween" test of the Bit Twiddling Hacks, exact per byte, and never true for a
    /// byte of 0x80 or more).
    #[inline(always)]
    fn swar(self, x: u64) -> u64 {
        const ONES: u64 = u64::MAX / 255;
        let (x, below, above) = match self {
            // `| 0x20` folds `A`–`Z` onto `a`–`z` and takes no other byte there.
            Class::Letters => (x | (ONES * 0x20), 0x60, 0x7b),
            Class::Lower => (x, 0x60, 0x7b),
        };
        let low7 = x & (ONES * 127);
        (ONES * (127 + above)).wrapping_sub(low7)
            & !x
            & (low7 + ONES * (127 - below))
            & (ONES * 128)
    }

    /// Bit `j` set when `block[j]` belongs to the class (`block` at most 64 bytes).
    #[inline(always)]
    fn mask(self, block: &[u8]) -> u64 {
        let mut padded = [0u8; 64];
        let block: &[u8; 64] = match block.try_into() {
            Ok(full) => full,
            Err(_) => {
                padded[..block.len()].copy_from_slice(block);
                &padded
            }
        };
        let mut m = 0u64;
        for (k, lane) in block.chunks_exact(8).enumerate() {
            let mut word = [0u8; 8];
            word.copy_from_slice(lane);
            let high = self.swar(u64::from_le_bytes(word)) >> 7;
            // Gathers the eight flags (bits 0, 8, …, 56) into the top byte, lane 0 lowest.
            let flags = high.wrapping_mul(0x0102_0408_1020_4080) >> 56;
            m |= flags << (8 * k);
        }
        m
    }
}

/// Calls `f(start, end)` for every maximal run of `class` bytes in `b`, in order.
pub(super) fn for_each(b: &[u8], class: Class, mut f: impl FnMut(usize, usize)) {
    // Where the run that reaches the current block started, if one does.
    let mut open: Option<usize> = None;
    let mut base = 0;
    for block in b.chunks(64) {
        let m = class.mask(block);
        // Bit j set where the class changes between byte j-1 and byte j.
        let carry = u64::from(open.is_some());
        let mut edges = m ^ ((m << 1) | carry);
        while edges != 0 {
            let j = edges.trailing_zeros() as usize;
            edges &= edges - 1;
            match open.take() {
                Some(start) => f(start, base + j),
                None => open = Some(base + j),
            }
        }
        base += block.len();
    }
    if let Some(start) = open {
        f(start, b.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(b: &[u8], class: Class) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if !class.holds(b[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && class.holds(b[i]) {
                i += 1;
            }
            out.push((start, i));
        }
        out
    }

    fn fast(b: &[u8], class: Class) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for_each(b, class, |s, e| out.push((s, e)));
        out
    }

    #[test]
    fn finds_the_same_runs_as_a_byte_loop() {
        let mut texts: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"a".to_vec(),
            b" ".to_vec(),
            b"The CEO's gdp grew, dont it? x".to_vec(),
            "héllo wörld — Zürich".as_bytes().to_vec(),
            // Runs that cross, start at and end at the 64-byte block edges.
            vec![b'a'; 64],
            vec![b'a'; 65],
            vec![b'a'; 200],
            [vec![b' '; 63], vec![b'b'; 2], vec![b' '; 62], vec![b'c'; 1]].concat(),
            [vec![b'x'; 64], vec![b'.'; 64], vec![b'Y'; 64]].concat(),
        ];
        // Pseudo-random bytes, letters and not, of many lengths.
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for len in 0..300 {
            let mut t = Vec::with_capacity(len);
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push(b"abzAZ@[`{ .\xc3\xa9\xe1\xc1\xfa\x7f\xff\x00"[(seed % 19) as usize]);
            }
            texts.push(t);
        }
        for t in &texts {
            for class in [Class::Letters, Class::Lower] {
                assert_eq!(
                    fast(t, class),
                    naive(t, class),
                    "{:?}",
                    String::from_utf8_lossy(t)
                );
            }
        }
    }
}
