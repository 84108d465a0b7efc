//! The rules a value of the open data keeps, shared by the records'
//! validation and by the check of the written files: the 全国地方公共団体
//! コード with its check digit, dates as `YYYY-MM-DD`, and the NO made from
//! an item's id.

/// Why a text is not a 全国地方公共団体コード.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeFault {
    /// Not six ASCII digits.
    Shape,
    /// Six digits, but the sixth is not the check digit of the first five.
    CheckDigit { expected: u8 },
}

/// The check digit of the first five digits of a 全国地方公共団体コード, by
/// 総務省's rule: multiply the digits by 6, 5, 4, 3 and 2, add the products,
/// and take the last digit of 11 minus the remainder of the sum divided by
/// 11 (a remainder of 0 gives 1, a remainder of 1 gives 0).
pub fn check_digit(first_five: [u8; 5]) -> u8 {
    let sum: u32 = first_five
        .iter()
        .zip([6, 5, 4, 3, 2])
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    ((11 - sum % 11) % 10) as u8
}

/// What is wrong with `code` as a 全国地方公共団体コード, if anything.
pub fn code_fault(code: &str) -> Option<CodeFault> {
    let digits: Vec<u8> = code
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    if code.len() != 6 || digits.len() != 6 {
        return Some(CodeFault::Shape);
    }
    let expected = check_digit([digits[0], digits[1], digits[2], digits[3], digits[4]]);
    (digits[5] != expected).then_some(CodeFault::CheckDigit { expected })
}

/// Whether `text` is a date written `YYYY-MM-DD` (西暦) that exists.
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return false;
    }
    let part = |range: std::ops::Range<usize>| text.get(range).unwrap_or_default();
    match (part(0..4).parse(), part(5..7).parse(), part(8..10).parse()) {
        (Ok(y), Ok(m), Ok(d)) => y >= 1 && jiff::civil::Date::new(y, m, d).is_ok(),
        _ => false,
    }
}

/// A number of 1 to `most` written without leading zeros.
fn plain_number(text: &str, most: u64) -> Option<u64> {
    let n: u64 = text.parse().ok()?;
    let plain = text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0');
    (plain && (1..=most).contains(&n)).then_some(n)
}

/// The NO of an item, made from its id (ids are stored once and never
/// reused, see the README): an id `R-P-Lk` (recommendation R, point P,
/// measure letter L = a…z as 1…26, its k-th row, k from 2; the first row
/// has no k) gives `R·1000000 + P·10000 + L·100 + k` (k = 1 for the first
/// row), and an id `R-P-n` (row n of a point without measure labels) gives
/// `R·1000000 + P·10000 + n`. So `1-1-a` is 1010101, `3-4-a2` is 3040102,
/// `1-3-4` is 1030004. Two ids never give one NO; an id of another form
/// gives none.
pub fn item_no(id: &str) -> Option<u64> {
    let mut parts = id.split('-');
    let (Some(r), Some(p), Some(last), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let r = plain_number(r, 999_999)?;
    let p = plain_number(p, 99)?;
    let (letter, row) = match last.chars().next()? {
        c @ 'a'..='z' => {
            let rest = &last[1..];
            let row = if rest.is_empty() {
                1
            } else {
                plain_number(rest, 99).filter(|&k| k >= 2)?
            };
            (u64::from(c as u8 - b'a') + 1, row)
        }
        _ => (0, plain_number(last, 99)?),
    };
    Some(r * 1_000_000 + p * 10_000 + letter * 100 + row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_digit_is_that_of_real_codes() {
        // 札幌市, 東京都, 千代田区, 大阪市, 那覇市; 札幌市中央区 (remainder 0)
        // and 栃木県 (remainder 1).
        for code in [
            "011002", "130001", "131016", "271004", "472018", "011011", "090000",
        ] {
            assert_eq!(code_fault(code), None, "{code}");
        }
        assert_eq!(
            code_fault("011003"),
            Some(CodeFault::CheckDigit { expected: 2 })
        );
        for bad in ["01100", "0110022", "01100a", "０１１００２", "", " 11002"] {
            assert_eq!(code_fault(bad), Some(CodeFault::Shape), "{bad}");
        }
    }

    #[test]
    fn a_date_is_yyyy_mm_dd_and_exists() {
        assert!(is_date("2021-06-30"));
        assert!(is_date("2024-02-29"));
        for bad in [
            "2021-02-29",
            "2021-6-30",
            "20210630",
            "2021/06/30",
            "令和3年6月30日",
            "2021-06-30 ",
            "0000-01-01",
            "2021-13-01",
            "+021-06-30",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn a_no_is_made_from_the_id_and_never_shared() {
        assert_eq!(item_no("1-1-a"), Some(1_010_101));
        assert_eq!(item_no("3-4-a2"), Some(3_040_102));
        assert_eq!(item_no("1-3-4"), Some(1_030_004));
        assert_eq!(item_no("7-1-b"), Some(7_010_201));
        for other in [
            "1-1-a1", "1-1-a0", "01-1-a", "1-1", "1-1-a-2", "1-1-A", "1-100-a", "x", "1-1-0",
        ] {
            assert_eq!(item_no(other), None, "{other}");
        }
        let records = crate::domain::records::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/records"
        )))
        .unwrap();
        let mut nos: Vec<u64> = records
            .report
            .items()
            .map(|r| item_no(&r.item.id).unwrap())
            .collect();
        let all = nos.len();
        nos.sort_unstable();
        nos.dedup();
        assert_eq!(nos.len(), all);
    }
}
