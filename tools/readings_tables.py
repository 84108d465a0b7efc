#!/usr/bin/env python3
"""Make kensho's reading tables from Debian's packages (no network).

Usage: python3 tools/readings_tables.py [--check] UNIHAN_READINGS MECAB_IPADIC_DIR [OUT_DIR]

  UNIHAN_READINGS   Unihan_Readings.txt or .txt.bz2 (Debian unicode-data:
                    /usr/share/unicode/Unihan_Readings.txt.bz2; Unicode licence)
  MECAB_IPADIC_DIR  the folder of mecab-ipadic's source CSVs in EUC-JP
                    (Debian mecab-ipadic: /usr/share/mecab/dic/ipadic; BSD-3 + ICOT terms)
  OUT_DIR           default data/readings

Get them with `apt-get download unicode-data mecab-ipadic` and `dpkg-deb -x`.

Writes, sorted and deterministic:
  kanji.tsv.gz   one JIS X 0208 kanji a line: 字 TAB on readings TAB kun readings
                 (hiragana, comma-separated, in Unihan's order)
  words.tsv.gz   one word a line: surface TAB readings (hiragana, comma-separated,
                 most frequent first by the dictionary's cost): common words of two
                 kanji or more (nouns, verbal and adjectival nouns, adverbs, prefixes,
                 suffixes), kana after the first kanji allowed (取り組み); no names of
                 people, places or organisations, no proper nouns
  MANIFEST       the sha256 and line count of each table's text (uncompressed), which
                 a test checks against the tables
--check compares what it would write with OUT_DIR's tables and exits 1 on a difference.
"""
import bz2, csv, gzip, hashlib, io, os, sys

# Unihan writes readings in upper-case Hepburn; syllables longest first.
SYLLABLES = {
    "a": "あ", "i": "い", "u": "う", "e": "え", "o": "お",
    "ka": "か", "ki": "き", "ku": "く", "ke": "け", "ko": "こ",
    "ga": "が", "gi": "ぎ", "gu": "ぐ", "ge": "げ", "go": "ご",
    "sa": "さ", "shi": "し", "su": "す", "se": "せ", "so": "そ",
    "za": "ざ", "ji": "じ", "zu": "ず", "ze": "ぜ", "zo": "ぞ",
    "ta": "た", "chi": "ち", "tsu": "つ", "te": "て", "to": "と",
    "da": "だ", "di": "ぢ", "du": "づ", "dzu": "づ", "de": "で", "do": "ど",
    "na": "な", "ni": "に", "nu": "ぬ", "ne": "ね", "no": "の",
    "ha": "は", "hi": "ひ", "fu": "ふ", "he": "へ", "ho": "ほ",
    "ba": "ば", "bi": "び", "bu": "ぶ", "be": "べ", "bo": "ぼ",
    "pa": "ぱ", "pi": "ぴ", "pu": "ぷ", "pe": "ぺ", "po": "ぽ",
    "ma": "ま", "mi": "み", "mu": "む", "me": "め", "mo": "も",
    "ya": "や", "yu": "ゆ", "yo": "よ",
    "ra": "ら", "ri": "り", "ru": "る", "re": "れ", "ro": "ろ",
    "wa": "わ", "wi": "ゐ", "we": "ゑ", "wo": "を",
}
for c, k in [("k", "き"), ("g", "ぎ"), ("n", "に"), ("h", "ひ"), ("b", "び"), ("p", "ぴ"), ("m", "み"), ("r", "り")]:
    for v, s in [("a", "ゃ"), ("u", "ゅ"), ("o", "ょ")]:
        SYLLABLES[c + "y" + v] = k + s
for c, k in [("sh", "し"), ("j", "じ"), ("ch", "ち")]:
    for v, s in [("a", "ゃ"), ("u", "ゅ"), ("o", "ょ")]:
        SYLLABLES[c + v] = k + s


def kana(romaji):
    """Hiragana for one upper-case Hepburn reading, or None."""
    r, out, i = romaji.lower(), [], 0
    while i < len(r):
        if r[i] == "n" and (i + 1 == len(r) or r[i + 1] not in "aiueoy"):
            out.append("ん")
            i += 1
            continue
        if i + 1 < len(r) and r[i] == r[i + 1] and r[i] not in "aiueon":
            out.append("っ")
            i += 1
            continue
        if r.startswith("tch", i):
            out.append("っ")
            i += 1
            continue
        for n in (3, 2, 1):
            s = SYLLABLES.get(r[i:i + n])
            if s:
                out.append(s)
                i += n
                break
        else:
            return None
    return "".join(out)


def is_kanji(c):
    return "\u4e00" <= c <= "\u9fff" or c == "々"


def jis_kanji(c):
    """A kanji of JIS X 0208 (rows 16-84: two bytes in EUC-JP from 0xB0)."""
    try:
        b = c.encode("euc_jp")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xF4


def readings(path):
    opener = bz2.open if path.endswith(".bz2") else open
    table = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, field, value = line.rstrip("\n").split("\t")
            if field not in ("kJapaneseOn", "kJapaneseKun"):
                continue
            c = chr(int(code[2:], 16))
            if not jis_kanji(c):
                continue
            got = []
            for token in value.split():
                k = kana(token)
                if k and k not in got:
                    got.append(k)
            slot = table.setdefault(c, [[], []])
            slot[0 if field == "kJapaneseOn" else 1] = got
    lines = [f"{c}\t{','.join(on)}\t{','.join(kun)}" for c, (on, kun) in sorted(table.items()) if on or kun]
    return "\n".join(lines) + "\n"


# mecab-ipadic's files of common words; the names of people, places and
# organisations and the other proper nouns (Noun.name, Noun.place, Noun.org,
# Noun.proper) are left out, and so are verbs and adjectives (their kanji are
# read one by one, with their okurigana).
WORD_FILES = [
    "Noun.csv", "Noun.verbal.csv", "Noun.adjv.csv", "Noun.adverbal.csv",
    "Noun.nai.csv", "Noun.others.csv", "Adverb.csv", "Prefix.csv", "Suffix.csv",
]


def hiragana(katakana):
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in katakana)


def common_word(surface):
    """Two kanji or more, starting with one; hiragana allowed after it."""
    if not surface or not is_kanji(surface[0]):
        return False
    if sum(is_kanji(c) for c in surface) < 2:
        return False
    return all(is_kanji(c) or "\u3041" <= c <= "\u3096" for c in surface)


def words(folder):
    best = {}
    for name in WORD_FILES:
        with open(os.path.join(folder, name), encoding="euc_jp") as f:
            for row in csv.reader(f):
                surface, cost, reading = row[0], int(row[3]), row[11]
                if not common_word(surface) or not all(is_kanji(c) and jis_kanji(c) or not is_kanji(c) or c == "々" for c in surface):
                    continue
                r = hiragana(reading)
                if not all("\u3041" <= c <= "\u3096" or c == "ー" for c in r):
                    continue
                slot = best.setdefault(surface, {})
                slot[r] = min(cost, slot.get(r, cost))
    lines = []
    for surface in sorted(best):
        ordered = sorted(best[surface].items(), key=lambda kv: (kv[1], kv[0]))
        lines.append(f"{surface}\t{','.join(r for r, _ in ordered)}")
    return "\n".join(lines) + "\n"


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    if len(args) < 2:
        raise SystemExit(__doc__)
    out = args[2] if len(args) > 2 else os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "readings")
    tables = {"kanji.tsv": readings(args[0]), "words.tsv": words(args[1])}
    manifest = "".join(
        f"{name}.gz\t{hashlib.sha256(text.encode()).hexdigest()}\t{text.count(chr(10))}\n"
        for name, text in sorted(tables.items())
    )
    if check:
        differ = []
        for name, text in tables.items():
            try:
                with gzip.open(os.path.join(out, name + ".gz"), "rt", encoding="utf-8") as f:
                    if f.read() != text:
                        differ.append(name)
            except FileNotFoundError:
                differ.append(name)
        with open(os.path.join(out, "MANIFEST"), encoding="utf-8") as f:
            if f.read() != manifest:
                differ.append("MANIFEST")
        if differ:
            print("differ:", ", ".join(differ))
            return 1
        print("the tables are what the script makes")
        return 0
    os.makedirs(out, exist_ok=True)
    for name, text in tables.items():
        # mtime 0 and no file name: the same text gives the same bytes.
        data = gzip.compress(text.encode(), compresslevel=9, mtime=0)
        with open(os.path.join(out, name + ".gz"), "wb") as f:
            f.write(data)
    with open(os.path.join(out, "MANIFEST"), "w", encoding="utf-8") as f:
        f.write(manifest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
