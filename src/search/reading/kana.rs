//! Kana as one byte each, folded so that the ways people write a reading
//! meet: ぢ = じ, づ = ず, を = お, small ゎ ゕ ゖ = わ か け, and long vowels
//! written or not (じどう = じど = じどお = じどー). The query and the
//! texts' readings are folded by the same [`Folder`].

/// The byte that separates fields in a reading (as `\n` in the folded texts).
pub const FIELD: u8 = b'\n';
/// The byte that stands for anything that is not kana in a reading.
pub const OTHER: u8 = b' ';
/// The byte that closes each alternative reading kept after a text's own.
pub const ALTERNATIVE: u8 = 0x01;

const FIRST: u32 = 0x3041;
const LAST: u32 = 0x3096;

/// A hiragana character as folded, or None for anything else.
fn folded_kana(c: char) -> Option<char> {
    let c = match c {
        'ぢ' => 'じ',
        'づ' => 'ず',
        'を' => 'お',
        'ゐ' => 'い',
        'ゑ' => 'え',
        'ゎ' => 'わ',
        'ゕ' => 'か',
        'ゖ' => 'け',
        'ゔ' => 'ぶ',
        // Katakana (a query's or a text's) as hiragana.
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60)?,
        _ => c,
    };
    (FIRST..=LAST).contains(&(c as u32)).then_some(c)
}

/// The byte of a folded hiragana character.
fn byte_of(c: char) -> u8 {
    // FIRST..=LAST is 86 characters: 0x81..=0xD6.
    (c as u32 - FIRST + 0x81) as u8
}

/// Whether `c` is kana (or the long-vowel mark), read as itself: the
/// characters [`folded_kana`] folds, by their ranges (asked of every
/// character of every text, so kept to comparisons).
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | 'ァ'..='ヶ' | 'ー')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vowel {
    A,
    I,
    U,
    E,
    O,
}

fn vowel(c: char) -> Option<Vowel> {
    static TABLE: std::sync::OnceLock<Vec<Option<Vowel>>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        const SETS: [(&str, Vowel); 5] = [
            ("あぁかがさざただなはばぱまやゃらわ", Vowel::A),
            ("いぃきぎしじちにひびぴみり", Vowel::I),
            ("うぅくぐすずつぬふぶぷむゆゅる", Vowel::U),
            ("えぇけげせぜてでねへべぺめれ", Vowel::E),
            ("おぉこごそぞとどのほぼぽもよょろ", Vowel::O),
        ];
        (FIRST..=LAST)
            .map(|u| {
                let c = char::from_u32(u).unwrap_or(' ');
                SETS.iter()
                    .find(|(set, _)| set.contains(c))
                    .map(|&(_, v)| v)
            })
            .collect()
    });
    let at = (c as u32).checked_sub(FIRST)?;
    table.get(at as usize).copied().flatten()
}

/// Folds kana into bytes, dropping what writes a long vowel: ー, う after an
/// o or u sound, お after an o sound.
#[derive(Debug, Clone, Copy, Default)]
pub struct Folder {
    last: Option<Vowel>,
}

impl Folder {
    /// Fold `c` (kana or ー) onto `out`; how many bytes it added (0 or 1).
    /// Anything else is not kana: the caller writes its own byte and calls
    /// [`Folder::reset`].
    pub fn push(&mut self, out: &mut Vec<u8>, c: char) -> usize {
        if c == 'ー' {
            return 0;
        }
        let Some(k) = folded_kana(c) else {
            return 0;
        };
        let long = match k {
            'う' => matches!(self.last, Some(Vowel::O | Vowel::U)),
            'お' => self.last == Some(Vowel::O),
            _ => false,
        };
        if long {
            return 0;
        }
        self.last = vowel(k);
        out.push(byte_of(k));
        1
    }

    pub fn reset(&mut self) {
        self.last = None;
    }
}

/// `text` (kana) folded into bytes, alone.
pub fn fold_str(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 3 + 1);
    let mut f = Folder::default();
    for c in text.chars() {
        f.push(&mut out, c);
    }
    out
}

/// The voiced form of a kana's byte (か → が, は → ば), for rendaku.
pub fn voiced(b: u8) -> u8 {
    // In hiragana order the voiced kana follows its plain one.
    let c = u32::from(b) - 0x81 + FIRST;
    match char::from_u32(c) {
        // ぢ and づ are folded as じ and ず.
        Some('ち') => byte('じ'),
        Some('つ') => byte('ず'),
        Some(
            'か' | 'き' | 'く' | 'け' | 'こ' | 'さ' | 'し' | 'す' | 'せ' | 'そ' | 'た' | 'て'
            | 'と' | 'は' | 'ひ' | 'ふ' | 'へ' | 'ほ',
        ) => b + 1,
        _ => b,
    }
}

/// The byte of one hiragana character (for tables of the code).
pub fn byte(c: char) -> u8 {
    folded_kana(c).map_or(OTHER, byte_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_vowels_written_or_not_meet() {
        let one = fold_str("じどう");
        assert_eq!(fold_str("じど"), one);
        assert_eq!(fold_str("じどお"), one);
        assert_eq!(fold_str("ジドー"), one);
        assert_ne!(fold_str("けいさつ"), fold_str("けさつ"));
        assert_eq!(fold_str("ぢ"), fold_str("じ"));
    }

    #[test]
    fn voicing_is_the_next_kana() {
        assert_eq!(voiced(byte('か')), byte('が'));
        assert_eq!(voiced(byte('し')), byte('じ'));
        assert_eq!(voiced(byte('ほ')), byte('ぼ'));
        assert_eq!(voiced(byte('あ')), byte('あ'));
    }

    #[test]
    fn kana_by_ranges_is_what_folds() {
        for c in ('\u{3000}'..='\u{3100}').chain(['a', '児', '々']) {
            assert_eq!(is_kana(c), c == 'ー' || folded_kana(c).is_some(), "{c}");
        }
    }
}
