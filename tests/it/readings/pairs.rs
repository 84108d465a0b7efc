//! Words of the bundled records with their readings, as people type them
//! without a Japanese input method (romaji: Hepburn, long vowels written),
//! or with one (hiragana; katakana is made from it).

/// (word in the records, its reading in hiragana, in romaji).
pub const WORDS: &[(&str, &str, &str)] = &[
    ("児童", "じどう", "jidou"),
    ("相談", "そうだん", "soudan"),
    ("児童相談所", "じどうそうだんじょ", "jidousoudanjo"),
    ("警察", "けいさつ", "keisatsu"),
    ("虐待", "ぎゃくたい", "gyakutai"),
    ("連携", "れんけい", "renkei"),
    ("支援", "しえん", "shien"),
    ("家庭", "かてい", "katei"),
    ("研修", "けんしゅう", "kenshuu"),
    ("職員", "しょくいん", "shokuin"),
    ("体制", "たいせい", "taisei"),
    ("強化", "きょうか", "kyouka"),
    ("情報", "じょうほう", "jouhou"),
    ("共有", "きょうゆう", "kyouyuu"),
    ("学校", "がっこう", "gakkou"),
    ("保健", "ほけん", "hoken"),
    ("母子", "ぼし", "boshi"),
    ("専門", "せんもん", "senmon"),
    ("検証", "けんしょう", "kenshou"),
    ("通告", "つうこく", "tsuukoku"),
    ("対応", "たいおう", "taiou"),
    ("会議", "かいぎ", "kaigi"),
    ("地域", "ちいき", "chiiki"),
    ("保護", "ほご", "hogo"),
    ("施設", "しせつ", "shisetsu"),
    ("取組", "とりくみ", "torikumi"),
    ("実施", "じっし", "jisshi"),
    ("関係機関", "かんけいきかん", "kankeikikan"),
    ("児童養護施設", "じどうようごしせつ", "jidouyougoshisetsu"),
    ("乳幼児", "にゅうようじ", "nyuuyouji"),
    ("安全", "あんぜん", "anzen"),
    ("確認", "かくにん", "kakunin"),
    ("訪問", "ほうもん", "houmon"),
    ("医療", "いりょう", "iryou"),
    ("配置", "はいち", "haichi"),
    ("人材", "じんざい", "jinzai"),
    ("育成", "いくせい", "ikusei"),
    ("評価", "ひょうか", "hyouka"),
    ("改善", "かいぜん", "kaizen"),
    ("計画", "けいかく", "keikaku"),
    ("記録", "きろく", "kiroku"),
    ("判断", "はんだん", "handan"),
    ("妊娠", "にんしん", "ninshin"),
    ("心理", "しんり", "shinri"),
    ("福祉", "ふくし", "fukushi"),
    ("法医学", "ほういがく", "houigaku"),
    ("一時保護", "いちじほご", "ichijihogo"),
    ("健診", "けんしん", "kenshin"),
];

/// Other ways of writing some of the romaji: kunrei, long vowels not
/// written or doubled, n as nn.
pub const VARIANTS: &[(&str, &str)] = &[
    ("児童", "zidou"),
    ("児童", "jido"),
    ("児童", "jidoo"),
    ("警察", "keisatu"),
    ("相談", "sodan"),
    ("相談", "soudann"),
    ("情報", "zyouhou"),
    ("情報", "joho"),
    ("支援", "sienn"),
    ("通告", "tukoku"),
    ("研修", "kensyuu"),
    ("職員", "syokuin"),
];

/// Queries that mix a word in kanji with one by reading, and the two words.
pub const MIXED: &[(&str, &str, &str)] = &[
    ("児童 soudan", "児童", "相談"),
    ("警察 renkei", "警察", "連携"),
    ("gyakutai 防止", "虐待", "防止"),
    ("じどう 虐待", "児童", "虐待"),
    ("ケイサツ 連携", "警察", "連携"),
    ("kenshuu 職員", "研修", "職員"),
];

/// Katakana for hiragana.
pub fn katakana(hiragana: &str) -> String {
    hiragana
        .chars()
        .map(|c| match c {
            'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}
