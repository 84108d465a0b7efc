//! A text's readings: its kanji read through the word list where a word
//! covers them (the fewest pieces), one by one otherwise (on readings in a
//! compound, a kun reading before okurigana), with sokuon where on
//! readings meet (学+校 → がっこう). Each run of kanji and kana is read once
//! as it most likely reads, and again as it may also read (rendaku on the
//! kanji read one by one: 相談+所 → …じょ; the other kind of reading); these
//! alternatives follow the text's own reading, each closed by
//! [`ALTERNATIVE`], so that one scan of the bytes finds either.

use foldhash::HashMap;

use super::dict::{Dict, dict, is_kanji};
use super::kana::{ALTERNATIVE, FIELD, Folder, OTHER, is_kana, voiced};

/// Where each byte of a reading came from: a range of the text's characters.
pub type Origin = Vec<(u32, u32)>;

/// One way to read a run of kanji and kana: kana, each with the range of
/// the run's characters it reads.
struct Spelled {
    kana: String,
    from: Vec<(u32, u32)>,
}

impl Spelled {
    fn push(&mut self, s: &str, from: (u32, u32)) {
        for c in s.chars() {
            self.kana.push(c);
            self.from.push(from);
        }
    }

    /// Folded to bytes, with each byte's characters.
    fn fold(&self, base: u32) -> (Vec<u8>, Origin) {
        let mut bytes = Vec::with_capacity(self.kana.len() / 3 + 1);
        let mut origin = Vec::with_capacity(bytes.capacity());
        let mut folder = Folder::default();
        for (c, &(a, b)) in self.kana.chars().zip(&self.from) {
            if folder.push(&mut bytes, c) == 1 {
                origin.push((a + base, b + base));
            }
        }
        (bytes, origin)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Piece {
    Kana,
    /// A word of this many characters.
    Word(usize),
    Kanji,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    /// As it most likely reads.
    Likely,
    /// The kanji read one by one voiced after another kanji (rendaku).
    Voiced,
    /// The kanji read one by one with the other kind of reading (kun for
    /// on), a word with its second reading.
    Other,
}

/// The fewest-cost cover of `run` by kana, words and single kanji.
fn pieces(dict: &Dict, run: &[char]) -> Vec<Piece> {
    const WORD: u32 = 10;
    const KANJI: u32 = 14;
    let n = run.len();
    let mut cost = vec![u32::MAX; n + 1];
    let mut back = vec![(0usize, Piece::Kana); n + 1];
    cost[0] = 0;
    let mut surface = String::new();
    for i in 0..n {
        if cost[i] == u32::MAX {
            continue;
        }
        let here = cost[i];
        let mut relax = |to: usize, c: u32, p: Piece| {
            if c < cost[to] {
                cost[to] = c;
                back[to] = (i, p);
            }
        };
        if !is_kanji(run[i]) {
            relax(i + 1, here, Piece::Kana);
            continue;
        }
        relax(i + 1, here + KANJI, Piece::Kanji);
        surface.clear();
        surface.push(run[i]);
        for len in 2..=n - i {
            surface.push(run[i + len - 1]);
            let found = dict.words.find(&surface);
            if found.readings.is_some() {
                relax(i + len, here + WORD, Piece::Word(len));
            }
            if !found.longer {
                break;
            }
        }
    }
    let mut out = Vec::new();
    let mut at = n;
    while at > 0 {
        let (from, p) = back[at];
        out.push(p);
        at = from;
    }
    out.reverse();
    out
}

/// The kun reading's stem before the okurigana `next` (組+み: くみ → く;
/// 育+て: そだてる → そだ; 組+ま: くむ → く).
fn kun_stem(kun: &[Box<str>], next: char) -> Option<String> {
    let row = |c: char| super::kana::byte(c);
    kun.iter().find_map(|k| {
        let chars: Vec<char> = k.chars().collect();
        let n = chars.len();
        if n < 2 {
            return None;
        }
        if let Some(at) = chars[1..].iter().position(|&c| c == next) {
            return Some(chars[..=at].iter().collect());
        }
        // A verb's last kana and the okurigana in one row (む, ま).
        let (last, stem) = (chars[n - 1], &chars[..n - 1]);
        let same_row = "うくぐすつぬぶむる".contains(last) && {
            let (a, b) = (row(last), row(next));
            a.abs_diff(b) <= 4 && (last == 'る') == "らりるれろ".contains(next)
        };
        same_row.then(|| stem.iter().collect())
    })
}

/// The reading of one kanji read alone at `i` of `run`, the way `way` says.
fn one_kanji(dict: &Dict, run: &[char], i: usize, way: Way) -> Option<String> {
    let c = if run[i] == '々' && i > 0 {
        run[i - 1]
    } else {
        run[i]
    };
    let k = dict.kanji.get(&c)?;
    let before_kanji = i > 0 && is_kanji(run[i - 1]);
    let okurigana = run
        .get(i + 1)
        .filter(|&&n| !is_kanji(n) && n != 'ー' && !before_kanji);
    let kun = okurigana
        .and_then(|&n| kun_stem(&k.kun, n))
        .or_else(|| k.kun.first().map(|s| s.to_string()));
    let on = k.on.first().map(|s| s.to_string());
    let (likely, other) = match okurigana {
        Some(_) => (kun.or(on.clone()), on),
        None => (on.or(kun.clone()), kun),
    };
    let mut reading = match way {
        Way::Other => other.or(likely)?,
        _ => likely?,
    };
    if way == Way::Voiced
        && before_kanji
        && let Some(first) = reading.chars().next()
    {
        let v = voiced(super::kana::byte(first));
        if let Some(vc) = char::from_u32(u32::from(v) - 0x81 + 0x3041) {
            reading.replace_range(..first.len_utf8(), &vc.to_string());
        }
    }
    Some(reading)
}

/// Sokuon where two on readings meet: 学(がく)+校(こう) → がっこう,
/// 発(はつ)+表(ひょう) → はっぴょう.
fn sokuon(before: &mut Spelled, next: &mut String) {
    let Some(last) = before.kana.chars().last() else {
        return;
    };
    let Some(first) = next.chars().next() else {
        return;
    };
    let k_row = "かきくけこ".contains(first);
    let h_row = "はひふへほ".contains(first);
    let st_row = "さしすせそたちつてと".contains(first);
    let joins = match last {
        'く' | 'き' => k_row,
        'つ' | 'ち' => k_row || h_row || st_row,
        _ => false,
    };
    if !joins || before.kana.chars().count() < 2 {
        return;
    }
    // One kana for another: each still reads the same characters.
    before.kana.pop();
    before.kana.push('っ');
    if h_row {
        let p = char::from_u32(first as u32 + 2).unwrap_or(first);
        next.replace_range(..first.len_utf8(), &p.to_string());
    }
}

/// `run` (kanji and kana) read the way `way` says; and whether it read
/// any kanji one by one or a word that has another reading.
fn spell(dict: &Dict, run: &[char], cover: &[Piece], way: Way) -> (Spelled, bool) {
    let mut out = Spelled {
        kana: String::new(),
        from: Vec::new(),
    };
    let mut varies = false;
    let mut i = 0;
    let mut last_was_kanji = false;
    for &p in cover {
        let at = i as u32;
        match p {
            Piece::Kana => {
                out.push(&run[i].to_string(), (at, at + 1));
                i += 1;
                last_was_kanji = false;
            }
            Piece::Word(len) => {
                let surface: String = run[i..i + len].iter().collect();
                let readings: Vec<&str> = dict
                    .words
                    .find(&surface)
                    .readings
                    .map(|r| r.split(',').collect())
                    .unwrap_or_default();
                varies |= readings.len() > 1;
                let pick = match way {
                    Way::Other => 1,
                    _ => 0,
                };
                let r = readings.get(pick).or(readings.first());
                out.push(r.copied().unwrap_or_default(), (at, at + len as u32));
                i += len;
                last_was_kanji = false;
            }
            Piece::Kanji => {
                varies = true;
                let mut r = one_kanji(dict, run, i, way).unwrap_or_default();
                if way == Way::Likely && last_was_kanji {
                    sokuon(&mut out, &mut r);
                }
                out.push(&r, (at, at + 1));
                i += 1;
                last_was_kanji = true;
            }
        }
    }
    (out, varies)
}

/// The readings of one run of kanji and kana (`base`: its first
/// character's index in the text): the likely one, then the others that
/// differ from it.
fn read_run(dict: &Dict, run: &[char], base: u32) -> Vec<(Vec<u8>, Origin)> {
    let cover = pieces(dict, run);
    let (likely, varies) = spell(dict, run, &cover, Way::Likely);
    let mut out = vec![likely.fold(base)];
    if varies {
        for way in [Way::Voiced, Way::Other] {
            let r = spell(dict, run, &cover, way).0.fold(base);
            if !out.iter().any(|(b, _)| *b == r.0) {
                out.push(r);
            }
        }
    }
    out
}

/// A folded text's readings as one byte string: the text's own reading
/// (fields separated by [`FIELD`], anything not kana nor kanji as [`OTHER`]),
/// then each run's other readings, each closed by [`ALTERNATIVE`]. With
/// `origin`, each byte's characters of the text.
pub fn read(text: &str, mut origin: Option<&mut Origin>, cache: &mut Cache) -> Vec<u8> {
    let dict = dict();
    let mut out: Vec<u8> = Vec::with_capacity(text.len() / 2);
    // Without an origin: the other readings, each closed by ALTERNATIVE.
    let mut tail: Vec<u8> = Vec::new();
    // With one: each other reading and its characters.
    let mut others: Vec<(Vec<u8>, Origin)> = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut start = 0u32;
    let mut flush =
        |run: &mut Vec<char>, start: u32, out: &mut Vec<u8>, origin: &mut Option<&mut Origin>| {
            if run.is_empty() {
                return;
            }
            match origin.as_deref_mut() {
                // Phrases repeat: a run read before is copied from the cache.
                None => match cache.get(run.as_slice()) {
                    Some((own, alts)) => {
                        out.extend_from_slice(own);
                        tail.extend_from_slice(alts);
                    }
                    None => {
                        let (own, alts) = run_readings(dict, run);
                        out.extend_from_slice(&own);
                        tail.extend_from_slice(&alts);
                        cache.insert(run.clone(), (own, alts));
                    }
                },
                Some(orig) => {
                    let mut it = read_run(dict, run, start).into_iter();
                    if let Some((b, o)) = it.next() {
                        out.extend_from_slice(&b);
                        orig.extend(o);
                    }
                    others.extend(it.filter(|(b, _)| !b.is_empty()));
                }
            }
            run.clear();
        };
    for (i, c) in text.chars().enumerate() {
        let i = i as u32;
        if is_kanji(c) || is_kana(c) {
            if run.is_empty() {
                start = i;
            }
            run.push(c);
            continue;
        }
        flush(&mut run, start, &mut out, &mut origin);
        let b = if c == '\n' { FIELD } else { OTHER };
        if b == OTHER && out.last() == Some(&OTHER) {
            continue;
        }
        out.push(b);
        if let Some(o) = origin.as_deref_mut() {
            o.push((i, i + 1));
        }
    }
    flush(&mut run, start, &mut out, &mut origin);
    out.extend_from_slice(&tail);
    for (b, o) in others {
        out.extend_from_slice(&b);
        if let Some(orig) = origin.as_deref_mut() {
            orig.extend(o);
            // With an origin each alternative is its own entry, closed here.
            out.push(ALTERNATIVE);
            orig.push((0, 0));
        }
    }
    out.shrink_to_fit();
    out
}

/// The readings of `run`: its own, and its others each closed by
/// [`ALTERNATIVE`].
pub(super) fn run_readings(dict: &Dict, run: &[char]) -> (Vec<u8>, Vec<u8>) {
    let mut r = read_run(dict, run, 0);
    let own = std::mem::take(&mut r[0].0);
    let mut alts = Vec::new();
    for (b, _) in &r[1..] {
        alts.extend_from_slice(b);
        alts.push(ALTERNATIVE);
    }
    (own, alts)
}

/// Runs already read, for a text whose phrases repeat (the readings of a
/// run, and its alternatives each closed by [`ALTERNATIVE`]).
pub type Cache = HashMap<Vec<char>, (Vec<u8>, Vec<u8>)>;
