//! Word alignment as `score.py` computes it, so that fixed / broken counts
//! agree word for word.
//!
//! score.py takes rapidfuzz's `Levenshtein.editops` on word ids as its base
//! alignment, then re-optimises every run of non-matching words. Among
//! equally cheap alignments, editops picks one by its own tie-breaks (common
//! affixes matched first, a backtrace preferring deletion, then insertion,
//! then the diagonal, and Hirschberg splits for big inputs); which one it
//! picks decides where the runs are, so [`base_alignment`] reproduces those
//! tie-breaks exactly. The rapidfuzz crate has no editops, so the
//! backtrace is done here; the crate supplies the distances.

use rapidfuzz::distance::levenshtein;
use rapidfuzz::HashableChar;
use std::collections::HashMap;

/// One step of an alignment of `a` (ground truth) with `b`; indices into
/// `a` and `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Match(usize, usize),
    Substitute(usize, usize),
    Delete(usize),
    Insert(usize),
}

impl Op {
    fn shifted(self, da: usize, db: usize) -> Op {
        match self {
            Op::Match(i, j) => Op::Match(i + da, j + db),
            Op::Substitute(i, j) => Op::Substitute(i + da, j + db),
            Op::Delete(i) => Op::Delete(i + da),
            Op::Insert(j) => Op::Insert(j + db),
        }
    }

    fn a_index(self) -> Option<usize> {
        match self {
            Op::Match(i, _) | Op::Substitute(i, _) | Op::Delete(i) => Some(i),
            Op::Insert(_) => None,
        }
    }

    fn b_index(self) -> Option<usize> {
        match self {
            Op::Match(_, j) | Op::Substitute(_, j) | Op::Insert(j) => Some(j),
            Op::Delete(_) => None,
        }
    }
}

/// Levenshtein distance (unit costs) of two sequences: rapidfuzz's
/// bit-parallel banded search, exact and fast enough for a book (strsim's
/// is quadratic, minutes on a book; triple_accel's works on bytes, not
/// code points).
pub fn distance<T>(a: &[T], b: &[T]) -> usize
where
    T: PartialEq + HashableChar + Copy,
{
    // score.py's hint: only selects rapidfuzz's faster banded search, the
    // result is exact whatever it is.
    let hint = expected_distance(a.len(), b.len());
    levenshtein::distance_with_args(
        a.iter().copied(),
        b.iter().copied(),
        &levenshtein::Args::default().score_hint(hint),
    )
}

/// score.py's `_hint`: what it passes to rapidfuzz as `score_hint`.
fn expected_distance(len_a: usize, len_b: usize) -> usize {
    len_a.abs_diff(len_b) + len_a.max(len_b) / 50 + 8
}

/// Word alignment of the ground-truth words `a` with `b`: a minimal
/// Levenshtein alignment in which every run of non-matching words is
/// re-optimised to maximise exact matches, then to pair similar words.
pub fn align(a: &[&str], b: &[&str]) -> Vec<Op> {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut intern = |word| {
        let next = ids.len() as u32;
        *ids.entry(word).or_insert(next)
    };
    let ia: Vec<u32> = a.iter().map(|w| intern(w)).collect();
    let ib: Vec<u32> = b.iter().map(|w| intern(w)).collect();
    let base = base_alignment(&ia, &ib);

    let mut out = Vec::with_capacity(base.len());
    let mut k = 0;
    while k < base.len() {
        if let Op::Match(..) = base[k] {
            out.push(base[k]);
            k += 1;
            continue;
        }
        let end = k + base[k..]
            .iter()
            .position(|op| matches!(op, Op::Match(..)))
            .unwrap_or(base.len() - k);
        let run = &base[k..end];
        let a_span = span(run.iter().filter_map(|op| op.a_index()));
        let b_span = span(run.iter().filter_map(|op| op.b_index()));
        match (a_span, b_span) {
            (Some((i0, i1)), Some((j0, j1))) if (i1 - i0) * (j1 - j0) <= MAX_RUN_CELLS => {
                let sub = best_local(&ia[i0..i1], &ib[j0..j1], &a[i0..i1], &b[j0..j1]);
                out.extend(sub.into_iter().map(|op| op.shifted(i0, j0)));
            }
            (Some(_), Some(_)) => {
                warn_huge_run();
                out.extend_from_slice(run);
            }
            _ => out.extend_from_slice(run),
        }
        k = end;
    }
    out
}

/// First index and one past the last of a run's (contiguous) indices.
fn span(mut indices: impl Iterator<Item = usize>) -> Option<(usize, usize)> {
    let first = indices.next()?;
    Some((first, indices.last().unwrap_or(first) + 1))
}

/// Beyond this a run of non-matching words (two unrelated texts, in
/// practice) is not re-optimised: the table would not fit in memory.
const MAX_RUN_CELLS: usize = 200_000_000;

fn warn_huge_run() {
    static WARNED: std::sync::Once = std::sync::Once::new();
    WARNED.call_once(|| {
        eprintln!(
            "warning: a document has a run of over {MAX_RUN_CELLS} word pairs without a match \
             (unrelated texts?); its words are paired as the minimal alignment has them, and \
             fixed/broken may differ from score.py's"
        );
    });
}

/// Above this many cells score.py drops the similarity tie-break (`_SIMILARITY_CELLS`).
const SIMILARITY_CELLS: usize = 250_000;

/// score.py's `_local_best`: the alignment of a run minimising, in this
/// order, the edit cost, minus the exact matches, and the summed character
/// dissimilarity of substituted pairs (indels fully dissimilar). Ties prefer
/// the diagonal, then deletion, then insertion, scanned from the end.
fn best_local(a: &[u32], b: &[u32], wa: &[&str], wb: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    // The three criteria packed in one integer, exactly as score.py does:
    // (cost * K - matches) * M + dissimilarity, with K and M larger than
    // any match count and dissimilarity sum can be.
    const W: i128 = 1000;
    let k = n.min(m) as i128 + 1;
    let big_m = W * (n + m) as i128 + 1;
    let indel = k * big_m + W;
    let use_similarity = n * m <= SIMILARITY_CELLS;
    let chars_a: Vec<Vec<char>> = wa.iter().map(|w| w.chars().collect()).collect();
    let chars_b: Vec<Vec<char>> = wb.iter().map(|w| w.chars().collect()).collect();
    let substitution = |x: usize, y: usize| -> i128 {
        if !use_similarity {
            return indel;
        }
        let (u, v) = (&chars_a[x], &chars_b[y]);
        let longest = u.len().max(v.len()).max(1) as i128;
        k * big_m + W * distance(u, v) as i128 / longest
    };

    const DIAGONAL: u8 = 0;
    const UP: u8 = 1; // a[i] deleted
    const LEFT: u8 = 2; // b[j] inserted
    let mut back = vec![DIAGONAL; (n + 1) * (m + 1)];
    back[1..=m].fill(LEFT);
    let mut prev: Vec<i128> = (0..=m as i128).map(|j| j * indel).collect();
    let mut cur = vec![0i128; m + 1];
    for i in 1..=n {
        let row = &mut back[i * (m + 1)..(i + 1) * (m + 1)];
        cur[0] = i as i128 * indel;
        row[0] = UP;
        for j in 1..=m {
            let step = if a[i - 1] == b[j - 1] {
                -big_m
            } else {
                substitution(i - 1, j - 1)
            };
            let diagonal = prev[j - 1] + step;
            let up = prev[j] + indel;
            let left = cur[j - 1] + indel;
            (cur[j], row[j]) = if diagonal <= up && diagonal <= left {
                (diagonal, DIAGONAL)
            } else if up <= left {
                (up, UP)
            } else {
                (left, LEFT)
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }

    let mut ops = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        match back[i * (m + 1) + j] {
            DIAGONAL => {
                i -= 1;
                j -= 1;
                ops.push(if a[i] == b[j] {
                    Op::Match(i, j)
                } else {
                    Op::Substitute(i, j)
                });
            }
            UP => {
                i -= 1;
                ops.push(Op::Delete(i));
            }
            _ => {
                j -= 1;
                ops.push(Op::Insert(j));
            }
        }
    }
    ops.reverse();
    ops
}

/// The alignment rapidfuzz's `Levenshtein.editops(a, b, score_hint=...)`
/// describes, as score.py calls it, with the matches filled in.
pub fn base_alignment(a: &[u32], b: &[u32]) -> Vec<Op> {
    // rapidfuzz computes the exact distance first only when the hint
    // promises a saving; the bound it then works with decides below whether
    // it splits the problem, so it is reproduced exactly.
    let hint = expected_distance(a.len(), b.len()).max(31);
    let longest = a.len().max(b.len());
    let bound = if 2 * hint < longest {
        Bound::Exact(distance(a, b))
    } else {
        Bound::AtMost(longest)
    };
    let mut ops = Vec::with_capacity(longest);
    align_or_split(a, b, 0, 0, bound, &mut ops);
    ops
}

/// What is known of a distance: rapidfuzz's bound for it, which is
/// sometimes the distance itself (then worth not computing again).
#[derive(Debug, Clone, Copy)]
enum Bound {
    Exact(usize),
    AtMost(usize),
}

impl Bound {
    fn value(self) -> usize {
        match self {
            Bound::Exact(d) | Bound::AtMost(d) => d,
        }
    }

    fn exact(self, a: &[u32], b: &[u32]) -> usize {
        match self {
            Bound::Exact(d) => d,
            Bound::AtMost(_) => distance(a, b),
        }
    }
}

/// rapidfuzz's `levenshtein_align_hirschberg`: strips the common affix,
/// then backtraces directly when its bit matrix would be small, else splits
/// at the middle of `b` and recurses.
fn align_or_split(a: &[u32], b: &[u32], a0: usize, b0: usize, bound: Bound, ops: &mut Vec<Op>) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    ops.extend((0..prefix).map(|k| Op::Match(a0 + k, b0 + k)));
    let core_a = &a[prefix..a.len() - suffix];
    let core_b = &b[prefix..b.len() - suffix];
    let (ca0, cb0) = (a0 + prefix, b0 + prefix);

    // The common affix changes no distance, so an exact bound stays exact.
    let bound = match bound {
        Bound::AtMost(d) => Bound::AtMost(d.min(core_a.len().max(core_b.len()))),
        exact => exact,
    };
    let full_band = core_a.len().min(2 * bound.value() + 1);
    let matrix_bytes = 2 * full_band * core_b.len() / 8;
    if matrix_bytes < 1024 * 1024 || core_a.len() < 65 || core_b.len() < 10 {
        backtrace(core_a, core_b, bound.exact(core_a, core_b), ca0, cb0, ops);
    } else {
        let split = hirschberg_split(core_a, core_b, bound.exact(core_a, core_b));
        let (left_a, right_a) = core_a.split_at(split.a_mid);
        let (left_b, right_b) = core_b.split_at(split.b_mid);
        align_or_split(
            left_a,
            left_b,
            ca0,
            cb0,
            Bound::Exact(split.left_distance),
            ops,
        );
        align_or_split(
            right_a,
            right_b,
            ca0 + split.a_mid,
            cb0 + split.b_mid,
            Bound::Exact(split.right_distance),
            ops,
        );
    }
    let (end_a, end_b) = (a0 + a.len() - suffix, b0 + b.len() - suffix);
    ops.extend((0..suffix).map(|k| Op::Match(end_a + k, end_b + k)));
}

/// Stands for "more than the band holds": larger than any real distance,
/// and small enough that adding to it cannot overflow.
const FAR: u32 = u32::MAX / 4;

/// rapidfuzz's `recover_alignment` over the exact distance matrix: from the
/// end, a deletion when it is optimal, else an insertion when the cell to
/// the left makes one optimal, else the diagonal.
fn backtrace(a: &[u32], b: &[u32], dist: usize, a0: usize, b0: usize, ops: &mut Vec<Op>) {
    let matrix = BandMatrix::new(a, b, dist);
    let (mut i, mut j) = (a.len(), b.len());
    let mut reversed = Vec::new();
    while i > 0 && j > 0 {
        if matrix.get(i, j) == matrix.get(i - 1, j) + 1 {
            i -= 1;
            reversed.push(Op::Delete(i));
        } else {
            j -= 1;
            if j > 0 && matrix.get(i - 1, j) == matrix.get(i, j) + 1 {
                reversed.push(Op::Insert(j));
            } else {
                i -= 1;
                reversed.push(if a[i] == b[j] {
                    Op::Match(i, j)
                } else {
                    Op::Substitute(i, j)
                });
            }
        }
    }
    while i > 0 {
        i -= 1;
        reversed.push(Op::Delete(i));
    }
    while j > 0 {
        j -= 1;
        reversed.push(Op::Insert(j));
    }
    ops.extend(reversed.into_iter().rev().map(|op| op.shifted(a0, b0)));
}

/// The distance matrix D[i][j] = distance(a[..i], b[..j]) on the diagonal
/// band |i - j| <= distance(a, b), which holds every cell an optimal path
/// can visit (a cell off it costs more than the whole distance); cells
/// off the band read as [`FAR`]. The backtrace only compares cells that
/// are either exact here or, truly, too costly to be taken.
struct BandMatrix {
    width: usize,
    band: usize,
    cols: usize,
    cells: Vec<u32>,
}

impl BandMatrix {
    /// `band` is distance(a, b).
    fn new(a: &[u32], b: &[u32], band: usize) -> Self {
        let cols = b.len() + 1;
        let width = (2 * band + 1).min(cols);
        let mut matrix = BandMatrix {
            width,
            band,
            cols,
            cells: vec![FAR; (a.len() + 1) * width],
        };
        let (_, last) = matrix.columns(0);
        for (j, cell) in matrix.cells[..=last].iter_mut().enumerate() {
            *cell = j as u32;
        }
        for i in 1..=a.len() {
            let (lo, hi) = matrix.columns(i);
            let (prev_lo, prev_hi) = matrix.columns(i - 1);
            let (done, rest) = matrix.cells.split_at_mut(i * width);
            let prev = &done[(i - 1) * width..];
            let row = &mut rest[..width];
            let ai = a[i - 1];
            // The band moves right by one column per row (or not at all
            // near the top), so the cells above and up-left of row i's
            // cells are in row i - 1's band, except above its last one.
            for j in lo..=hi {
                row[j - lo] = if j == 0 {
                    i as u32
                } else {
                    let substitution = prev[j - 1 - prev_lo] + u32::from(ai != b[j - 1]);
                    let deletion = if j <= prev_hi {
                        prev[j - prev_lo] + 1
                    } else {
                        FAR
                    };
                    let insertion = if j > lo { row[j - 1 - lo] + 1 } else { FAR };
                    substitution.min(deletion).min(insertion)
                };
            }
        }
        matrix
    }

    /// First and last column of row `i` inside the band.
    fn columns(&self, i: usize) -> (usize, usize) {
        (
            i.saturating_sub(self.band),
            (i + self.band).min(self.cols - 1),
        )
    }

    fn index(&self, i: usize, j: usize) -> usize {
        i * self.width + (j - self.columns(i).0)
    }

    fn get(&self, i: usize, j: usize) -> u32 {
        let (lo, hi) = self.columns(i);
        if j < lo || j > hi {
            FAR
        } else {
            self.cells[self.index(i, j)]
        }
    }
}

/// Where rapidfuzz's Hirschberg step splits: `b` at its middle, `a` at the
/// first position through which an optimal alignment passes there.
struct Split {
    a_mid: usize,
    b_mid: usize,
    left_distance: usize,
    right_distance: usize,
}

/// `band` is distance(a, b).
fn hirschberg_split(a: &[u32], b: &[u32], band: usize) -> Split {
    let b_mid = b.len() / 2;
    let left = last_row(a, &b[..b_mid], band);
    let a_reversed: Vec<u32> = a.iter().rev().copied().collect();
    let b_right_reversed: Vec<u32> = b[b_mid..].iter().rev().copied().collect();
    let right = last_row(&a_reversed, &b_right_reversed, band);
    let n = a.len();
    let (a_mid, _) = (0..=n)
        .map(|i| (i, left[i] + right[n - i]))
        .min_by_key(|&(i, total)| (total, i))
        .expect("a row has at least one cell");
    Split {
        a_mid,
        b_mid,
        left_distance: left[a_mid] as usize,
        right_distance: right[n - a_mid] as usize,
    }
}

/// distance(a[..i], b) for every i, exact wherever it is at most `band`
/// (anything larger may read larger still, or [`FAR`]): Hyyrö's
/// bit-parallel algorithm over 64-word blocks of `a`, computing for each
/// row of `b` only the blocks that meet the band |i - row| <= band, which
/// holds every path costing at most `band`. Cells just outside are
/// over-estimated (each row adds one at the top edge), never under.
fn last_row(a: &[u32], b: &[u32], band: usize) -> Vec<u32> {
    let n = a.len();
    if b.is_empty() || n == 0 {
        return (0..=n as u32).map(|i| i + b.len() as u32).collect();
    }
    let blocks = n.div_ceil(64);
    // Per word, the blocks of `a` holding it and where: sparse, because a
    // dense table (words x blocks) would not fit for a book.
    let mut occurrences: HashMap<u32, Vec<(usize, u64)>> = HashMap::new();
    for (pos, &word) in a.iter().enumerate() {
        let (block, bit) = (pos / 64, 1u64 << (pos % 64));
        let list = occurrences.entry(word).or_default();
        match list.last_mut() {
            Some((last, bits)) if *last == block => *bits |= bit,
            _ => list.push((block, bit)),
        }
    }
    // Blocks meeting columns [row - band, row + band] of 1..=n.
    let window = |row: usize| {
        let first_col = row.saturating_sub(band).max(1);
        let last_col = (row + band).min(n);
        let hi = (last_col - 1) / 64;
        ((first_col - 1) / 64).min(hi)..=hi
    };

    let mut vp = vec![!0u64; blocks];
    let mut vn = vec![0u64; blocks];
    let mut pm = vec![0u64; blocks];
    let (mut lo, mut hi) = window(1).into_inner();
    // Value at column 64 * lo, the cell just above the first block.
    let mut top = (64 * lo) as i64;
    for row in 1..=b.len() {
        pm[lo..=hi].fill(0);
        if let Some(list) = occurrences.get(&b[row - 1]) {
            let start = list.partition_point(|&(block, _)| block < lo);
            for &(block, bits) in list[start..].iter().take_while(|&&(block, _)| block <= hi) {
                pm[block] = bits;
            }
        }
        // The top edge is assumed to grow by one per row: exact for block
        // 0 (D[0][row] = row), an over-estimate further down.
        let (mut hp_carry, mut hn_carry) = (1u64, 0u64);
        let blocks_in_window = vp[lo..=hi]
            .iter_mut()
            .zip(&mut vn[lo..=hi])
            .zip(&pm[lo..=hi]);
        for ((vp, vn), &pm) in blocks_in_window {
            let x = pm | hn_carry;
            let d0 = (((x & *vp).wrapping_add(*vp)) ^ *vp) | x | *vn;
            let hp = *vn | !(d0 | *vp);
            let hn = d0 & *vp;
            let (hp_in, hn_in) = (hp_carry, hn_carry);
            hp_carry = hp >> 63;
            hn_carry = hn >> 63;
            let hp = (hp << 1) | hp_in;
            let hn = (hn << 1) | hn_in;
            *vp = hn | !(d0 | hp);
            *vn = hp & d0;
        }
        top += 1;
        if row < b.len() {
            let (next_lo, next_hi) = window(row + 1).into_inner();
            for w in lo..next_lo {
                top += i64::from(vp[w].count_ones()) - i64::from(vn[w].count_ones());
            }
            for w in hi + 1..=next_hi {
                // Entering blocks start as "one more per cell" below the
                // block above: an over-estimate, as the top edge.
                vp[w] = !0;
                vn[w] = 0;
            }
            lo = next_lo;
            hi = hi.max(next_hi);
        }
    }

    let mut row = vec![FAR; n + 1];
    let mut value = top;
    row[64 * lo] = clamp(value);
    for (i, cell) in row
        .iter_mut()
        .enumerate()
        .take(n.min(64 * (hi + 1)) + 1)
        .skip(64 * lo + 1)
    {
        let bit = 1u64 << ((i - 1) % 64);
        let w = (i - 1) / 64;
        value += i64::from(vp[w] & bit != 0) - i64::from(vn[w] & bit != 0);
        *cell = clamp(value);
    }
    row
}

fn clamp(value: i64) -> u32 {
    value.clamp(0, i64::from(FAR)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Textbook full matrix, for checking the fast paths.
    fn full_matrix(a: &[u32], b: &[u32]) -> Vec<Vec<u32>> {
        let mut d = vec![vec![0u32; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i as u32;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j as u32;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                d[i][j] = (d[i - 1][j - 1] + u32::from(a[i - 1] != b[j - 1]))
                    .min(d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1);
            }
        }
        d
    }

    /// Deterministic pseudo-random sequences (xorshift), no extra crate.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        fn seq(&mut self, len: usize, alphabet: u64) -> Vec<u32> {
            (0..len).map(|_| self.below(alphabet) as u32).collect()
        }
        /// Of a random length below `max_len`.
        fn short_seq(&mut self, max_len: u64, alphabet: u64) -> Vec<u32> {
            let len = self.below(max_len) as usize;
            self.seq(len, alphabet)
        }
        /// `base` with about `rate` percent of its symbols edited.
        fn noisy(&mut self, base: &[u32], rate: u64, alphabet: u64) -> Vec<u32> {
            let mut out = Vec::new();
            for &x in base {
                match (self.below(100) < rate).then(|| self.below(3)) {
                    Some(0) => {}
                    Some(1) => out.push(self.below(alphabet) as u32),
                    Some(_) => {
                        out.push(x);
                        out.push(self.below(alphabet) as u32);
                    }
                    None => out.push(x),
                }
            }
            out
        }
    }

    fn is_valid(ops: &[Op], a: &[u32], b: &[u32]) -> bool {
        let ra: Vec<usize> = ops.iter().filter_map(|op| op.a_index()).collect();
        let rb: Vec<usize> = ops.iter().filter_map(|op| op.b_index()).collect();
        let matches_equal = ops.iter().all(|op| match *op {
            Op::Match(i, j) => a[i] == b[j],
            Op::Substitute(i, j) => a[i] != b[j],
            _ => true,
        });
        ra == (0..a.len()).collect::<Vec<_>>()
            && rb == (0..b.len()).collect::<Vec<_>>()
            && matches_equal
    }

    fn cost(ops: &[Op]) -> usize {
        ops.iter().filter(|op| !matches!(op, Op::Match(..))).count()
    }

    #[test]
    fn distances_match_the_textbook_matrix() {
        let mut rng = Rng(7);
        for _ in 0..300 {
            let a = rng.short_seq(40, 3);
            let b = rng.short_seq(40, 3);
            assert_eq!(
                distance(&a, &b) as u32,
                full_matrix(&a, &b)[a.len()][b.len()]
            );
        }
        let kitten: Vec<char> = "kitten".chars().collect();
        let sitting: Vec<char> = "sitting".chars().collect();
        assert_eq!(distance(&kitten, &sitting), 3);
        assert_eq!(distance(&[] as &[char], &sitting), 7);
    }

    #[test]
    fn last_row_is_exact_within_the_band() {
        let mut rng = Rng(11);
        for round in 0..200 {
            let alphabet = [2, 4, 50][round % 3];
            let len = 1 + rng.below(300) as usize;
            let a = rng.seq(len, alphabet);
            let rate = rng.below(40);
            let b = rng.noisy(&a, rate, alphabet);
            let full = full_matrix(&a, &b);
            let band = distance(&a, &b);
            let row = last_row(&a, &b, band);
            for i in 0..=a.len() {
                let truth = full[i][b.len()];
                if truth as usize <= band {
                    assert_eq!(row[i], truth, "round {round} i {i}");
                } else {
                    assert!(row[i] >= truth, "round {round} i {i}: under-estimate");
                }
            }
        }
    }

    #[test]
    fn base_alignment_is_minimal_and_valid() {
        let mut rng = Rng(3);
        for round in 0..300 {
            let a = rng.short_seq(15, 4);
            let b = rng.short_seq(15, 4);
            let ops = base_alignment(&a, &b);
            assert!(is_valid(&ops, &a, &b), "round {round}: {a:?} {b:?} {ops:?}");
            assert_eq!(cost(&ops), distance(&a, &b), "round {round}");
        }
    }

    #[test]
    fn hirschberg_splits_keep_the_alignment_minimal() {
        // Big and noisy enough for rapidfuzz to split, several levels deep.
        let mut rng = Rng(5);
        let a = rng.seq(6000, 300);
        let b = rng.noisy(&a, 30, 300);
        assert!(2 * (2 * distance(&a, &b) + 1).min(a.len()) * b.len() / 8 >= 1 << 20);
        let ops = base_alignment(&a, &b);
        assert!(is_valid(&ops, &a, &b));
        assert_eq!(cost(&ops), distance(&a, &b));
    }

    /// Cases checked against rapidfuzz 3.14 `Levenshtein.editops` through
    /// score.py's `_base_alignment_rapidfuzz`.
    #[test]
    fn tie_breaks_follow_rapidfuzz() {
        use Op::*;
        // From the end: deletion when optimal, else insertion, else diagonal.
        assert_eq!(
            base_alignment(&[0, 1], &[1, 2]),
            [Substitute(0, 0), Substitute(1, 1)]
        );
        assert_eq!(
            base_alignment(&[0, 1, 2], &[3]),
            [Substitute(0, 0), Delete(1), Delete(2)]
        );
        assert_eq!(
            base_alignment(&[0], &[1, 2, 3]),
            [Insert(0), Insert(1), Substitute(0, 2)]
        );
    }

    fn words(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    #[test]
    fn similar_words_pair_up() {
        // score.py's self-test 6b: "f1uid." pairs with "fluid.", not with
        // a neighbour, although every pairing costs the same.
        let gt = words("frequently fluid. It will");
        let ocr = words("frequently f1uid. I t will");
        use Op::*;
        assert_eq!(
            align(&gt, &ocr),
            [
                Match(0, 0),
                Substitute(1, 1),
                Insert(2),
                Substitute(2, 3),
                Match(3, 4)
            ]
        );
    }

    #[test]
    fn equal_cost_keeps_the_exact_match() {
        // score.py's self-test 8.
        use Op::*;
        assert_eq!(
            align(&["a", "b"], &["b", "c"]),
            [Delete(0), Match(1, 0), Insert(1)]
        );
    }
}
