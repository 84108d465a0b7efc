//! The words of `--plain`: the board read line by line, for a screen reader
//! or a braille display. Codes are always said with their meaning.

use super::catalogue;

catalogue! {
    /// Every word the plain board says of its own.
    PlainMsg {
        Point => ("ポイント{number}", "point {number}"),
        Code => ("{scale} {code} {meaning}", "{scale} {code} {meaning}"),
        CodeSpoken => ("{scale} {code}、{meaning}", "{scale} {code}, {meaning}"),
        Sep => ("、", ", "),
        Changed => (
            "{id} {field} {old} から {new} に変更",
            "{id} {field} changed from {old} to {new}",
        ),
        TextChanged => ("{id} {field}を変更", "{id} {field} changed"),
        Reason => ("（理由: {reason}）", " (reason: {reason})"),
        Count => ("{label} {code}: {count} 件", "{label} {code}: {count} items"),
        Chosen => ("選択中", "chosen"),
        Expanded => ("展開中", "expanded"),
        Collapsed => ("折りたたみ中", "collapsed"),
        NotChosen => ("未選択", "not chosen"),
        Texts => ("Enter で本文を読み上げ", "Enter reads the texts"),
        Started => (
            "kensho 簡易表示（--plain）。? でキー一覧、q で終了",
            "kensho plain mode (--plain). ? lists the keys, q quits",
        ),
        HelpKey => ("{keys}: {what}", "{keys}: {what}"),
        Prompt => ("入力: {label}", "type: {label}"),
    }
}
