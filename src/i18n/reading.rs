//! The words of search by reading (romaji and kana finding kanji).

use super::catalogue;

catalogue! {
    /// Every word said of search by reading.
    ReadingMsg {
        ConfigReadings => (
            "false: ローマ字やかなの検索語で漢字を読みから探さない（--no-readings と同じ）",
            "false: search terms in romaji or kana do not find kanji by reading (as --no-readings)",
        ),
        ArgNoReadings => (
            "ローマ字・かなの検索語で漢字を読みから探さない（jidou で 児童 を見つけない）",
            "Terms in romaji or kana do not find kanji by reading (jidou does not find 児童)",
        ),
    }
}
