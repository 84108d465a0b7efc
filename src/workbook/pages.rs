//! Where the published table's printed pages break: a page starts at a
//! point, and a point longer than a page goes on on the next. Heights are
//! the sheet's points before the print is scaled to the page's width.

/// The sheet's points a printed page holds below the rows repeated on
/// every page (the scales and the headings): A4 landscape, the table
/// scaled to the page's width. LibreOffice breaks a page of its own from
/// about 860 (measured on the bundled records: 880 overflowed, 800 did
/// not); 720 leaves room for fonts that set the table wider.
pub const PAGE_POINTS: f64 = 720.0;

/// The rows of a point with `heights` (its items, then its policy's
/// self-assessment) as ranges, one per page: the first fills the `room`
/// left on the current page, the others a page each after the band
/// (`page` points). Each range has at least one row, and the rows in
/// order; the self-assessment is never a page's only row when the item
/// before it can go with it.
pub fn split(heights: &[f64], room: f64, page: f64) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut left = room;
    let mut used = 0.0;
    for (k, h) in heights.iter().enumerate() {
        if k > start && used + h > left {
            out.push(start..k);
            start = k;
            left = page;
            used = 0.0;
        }
        used += h;
    }
    out.push(start..heights.len());
    // The self-assessment alone on a page: its item goes with it.
    if let [.., a, b] = out.as_mut_slice()
        && b.len() == 1
        && a.len() > 1
    {
        a.end -= 1;
        b.start -= 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_that_fits_is_one_range_and_a_long_one_goes_on() {
        assert_eq!(split(&[100.0, 100.0, 50.0], 300.0, 500.0), vec![0..3]);
        // 120 left on this page: the first item, then a page each.
        let parts = split(&[100.0, 300.0, 300.0, 50.0], 120.0, 500.0);
        assert_eq!(parts, vec![0..1, 1..2, 2..4]);
        // A row taller than a page stands alone.
        assert_eq!(split(&[900.0, 10.0], 100.0, 500.0), vec![0..1, 1..2]);
        assert_eq!(
            split(&[50.0, 900.0, 10.0], 100.0, 500.0),
            vec![0..1, 1..2, 2..3]
        );
        // The self-assessment never alone when its item can go with it.
        assert_eq!(
            split(&[200.0, 200.0, 200.0, 80.0], 450.0, 450.0),
            vec![0..2, 2..4]
        );
    }
}
