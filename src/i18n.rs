//! The interface's own words, in Japanese and English, in one catalogue.
//! Domain labels (実施区分, 評価区分, the scale meanings) come from the records.

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// Japanese when `LC_ALL`, `LC_MESSAGES` or `LANG` (first one set) says `ja…`.
    pub fn from_env() -> Lang {
        Self::from_locale(
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|k| std::env::var(k).ok())
                .find(|v| !v.is_empty())
                .as_deref(),
        )
    }

    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(l) if l.starts_with("ja") => Lang::Ja,
            _ => Lang::En,
        }
    }
}

/// Every message of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Recommendation,
    Policy,
    PolicyAssessment,
    Measure,
    NoMeasure,
    Progress,
    Assessment,
    Departments,
    Note,
    Relisted,
    RelistedJump,
    Points,
    Outline,
    Detail,
    Help,
    HelpTitle,
    HelpClose,
    JumpPrompt,
    JumpNotFound,
    Enlarge,
    Empty,
    // Key descriptions.
    KeyMove,
    KeyCollapse,
    KeyExpand,
    KeyToggle,
    KeyPage,
    KeyHalfPage,
    KeyFirstLast,
    KeyRecommendation,
    KeyPoint,
    KeyFocus,
    KeyJump,
    KeyRelisted,
    KeyHelp,
    KeyQuit,
    KeyBack,
    KeySuspend,
    KeySearch,
    KeyHit,
    KeyOrder,
    KeyFilters,
    KeyClearFilters,
    KeyToggleFilter,
    SyntaxTitle,
    SyntaxAnd,
    SyntaxExact,
    SyntaxPrefix,
    SyntaxSuffix,
    SyntaxNot,
    SyntaxOr,
    SearchPrompt,
    FilterTitle,
    FilterHideRelisted,
    FilterDepartments,
    DepartmentsTitle,
    OrderScore,
    OrderSource,
    Searching,
    NotShown,
    FootSearch,
    FootNext,
    FootOrder,
    FootFilter,
    FootToggle,
    FootClear,
    KeySetPhase,
    KeySetDirection,
    KeyReason,
    KeyPicker,
    KeyEditor,
    PickerTitle,
    EditWhichTitle,
    KeyUndo,
    KeyRedo,
    ReasonPrompt,
    SavedMsg,
    SaveFailed,
    Retrying,
    ConflictTitle,
    ConflictTheirs,
    ConflictMine,
    ReloadedMsg,
    NothingToUndo,
    NoItemSelected,
    ReasonSaved,
    Changed,
    // Footer hints.
    FootMove,
    FootOpen,
    FootDetail,
    FootJump,
    FootHelp,
    FootQuit,
    FootBack,
    FootScroll,
    FootConfirm,
    FootCancel,
}

impl Msg {
    pub fn text(self, lang: Lang) -> &'static str {
        use Msg::*;
        let (ja, en) = match self {
            Recommendation => ("提言", "Recommendation"),
            Policy => ("取組方針", "Policy"),
            PolicyAssessment => ("取組方針に対する自己評価", "Self-assessment of the policy"),
            Measure => ("具体的な取組内容", "Measure"),
            NoMeasure => (
                "（具体的な取組内容の記載なし）",
                "(no measure in the source)",
            ),
            Progress => ("実施状況", "Progress"),
            Assessment => ("自己評価", "Self-assessment"),
            Departments => ("担当部", "Departments"),
            Note => ("注記", "Note"),
            Relisted => ("【再掲】", "[relisted]"),
            RelistedJump => ("r キーで元の項目へ", "press r to go to the original row"),
            Points => ("提言の項目", "Points"),
            Outline => ("一覧", "Outline"),
            Detail => ("詳細", "Detail"),
            Help => ("ヘルプ", "Help"),
            HelpTitle => ("キー操作（j k でスクロール）", "Keys (j k to scroll)"),
            HelpClose => ("Esc / ? / q で閉じる", "Esc / ? / q to close"),
            JumpPrompt => ("ID へ移動: ", "Go to id: "),
            JumpNotFound => ("その ID の項目はありません", "no item has that id"),
            Enlarge => (
                "画面が小さすぎます。ウィンドウを広げてください",
                "The window is too small: please enlarge it",
            ),
            Empty => ("（空欄）", "(empty)"),
            KeyMove => ("上下に移動", "move up / down"),
            KeyCollapse => ("折りたたむ・親へ", "collapse / go to parent"),
            KeyExpand => ("展開する", "expand"),
            KeyToggle => ("展開の切替・詳細を開く", "toggle / open the detail"),
            KeyPage => ("1 画面移動", "page up / down"),
            KeyHalfPage => ("半画面移動", "half a page up / down"),
            KeyFirstLast => ("先頭・末尾へ", "first / last"),
            KeyRecommendation => ("次・前の提言", "next / previous recommendation"),
            KeyPoint => ("次・前の提言の項目", "next / previous point"),
            KeyFocus => (
                "一覧と詳細を切替（詳細は j k でスクロール）",
                "switch outline / detail (j k scroll the detail)",
            ),
            KeyJump => ("ID を入力して移動", "jump to an id"),
            KeyRelisted => ("再掲の元の項目へ", "go to the row a relisted row repeats"),
            KeyHelp => ("このヘルプ", "this help"),
            KeyQuit => ("終了", "quit"),
            KeyBack => ("戻る・閉じる", "back / close"),
            KeySuspend => ("一時停止（fg で再開）", "suspend (fg resumes)"),
            KeySearch => ("検索（入力ごとに絞り込み）", "search (narrows as you type)"),
            KeyHit => ("次・前の検索結果", "next / previous hit"),
            KeyOrder => (
                "並び順の切替（スコア順・原文順）",
                "order: by score / as in the source",
            ),
            KeyFilters => (
                "絞り込み（実施区分・評価区分・担当部・再掲）",
                "filters (phase, direction, department, relisted)",
            ),
            KeyClearFilters => ("絞り込みをすべて解除", "clear all filters"),
            KeyToggleFilter => ("選択・解除", "select / unselect"),
            SyntaxTitle => ("検索の書き方", "Search syntax"),
            SyntaxAnd => (
                "空白で区切った語はすべて一致",
                "space-separated terms must all match",
            ),
            SyntaxExact => ("'語  完全一致（部分文字列）", "'term  exact substring"),
            SyntaxPrefix => ("^語  文の先頭", "^term  at the start of a text"),
            SyntaxSuffix => ("語$  文の末尾", "term$  at the end of a text"),
            SyntaxNot => ("!語  含まない", "!term  must not match"),
            SyntaxOr => ("a | b  どちらか", "a | b  either"),
            SearchPrompt => ("検索: ", "Search: "),
            FilterTitle => ("絞り込み", "Filters"),
            FilterHideRelisted => ("【再掲】を隠す", "hide relisted rows"),
            FilterDepartments => ("担当部を選ぶ…", "choose departments…"),
            DepartmentsTitle => (
                "担当部（入力で絞り込み、Space で選択）",
                "Departments (type to narrow, Space selects)",
            ),
            OrderScore => ("スコア順", "by score"),
            OrderSource => ("原文順", "source order"),
            Searching => ("検索中…", "searching…"),
            NotShown => (
                "検索結果にない項目のため、絞り込みを解除しました",
                "that item is not among the results: filters cleared",
            ),
            FootSearch => ("検索", "search"),
            FootNext => ("次/前", "next/prev"),
            FootOrder => ("順序", "order"),
            FootFilter => ("絞込", "filter"),
            FootToggle => ("選択", "select"),
            FootClear => ("全解除", "clear"),
            KeySetPhase => (
                "実施区分を設定（Shift + 記号）",
                "set the phase (Shift + its letter)",
            ),
            KeySetDirection => ("評価区分を設定（番号）", "set the direction (its number)"),
            KeyPicker => (
                "実施区分・評価区分を一覧から選ぶ",
                "choose the phase or direction from both scales",
            ),
            KeyEditor => (
                "実施状況・自己評価をエディタで編集（$VISUAL / $EDITOR）",
                "edit the progress or assessment in $VISUAL / $EDITOR",
            ),
            PickerTitle => ("区分を選ぶ（Enter で決定）", "Set a code (Enter)"),
            EditWhichTitle => ("エディタで編集する欄", "Text to edit"),
            KeyReason => ("直前の変更に理由を付ける", "give the last change a reason"),
            KeyUndo => ("元に戻す（変更として記録）", "undo (logged as a change)"),
            KeyRedo => ("やり直す", "redo"),
            ReasonPrompt => ("理由: ", "Reason: "),
            SavedMsg => ("保存しました", "saved"),
            SaveFailed => ("保存できませんでした", "not saved"),
            Retrying => (
                "変更は保留中です。自動で再試行します",
                "the change is pending and will be retried",
            ),
            ConflictTitle => (
                "他の人が先に変更しました",
                "Someone else changed this first",
            ),
            ConflictTheirs => ("1  相手の値を残す", "1  keep their value"),
            ConflictMine => ("2  自分の値で上書きする", "2  write mine over it"),
            ReloadedMsg => (
                "他の人の変更を読み込みました",
                "loaded changes made by others",
            ),
            NothingToUndo => ("元に戻す変更はありません", "nothing to undo"),
            NoItemSelected => ("項目を選んでください", "select an item first"),
            ReasonSaved => ("理由を記録しました", "reason recorded"),
            Changed => ("変更", "changed"),
            FootMove => ("移動", "move"),
            FootOpen => ("開閉", "open"),
            FootDetail => ("詳細", "detail"),
            FootJump => ("ID", "id"),
            FootHelp => ("ヘルプ", "help"),
            FootQuit => ("終了", "quit"),
            FootBack => ("戻る", "back"),
            FootScroll => ("スクロール", "scroll"),
            FootConfirm => ("決定", "go"),
            FootCancel => ("取消", "cancel"),
        };
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_chooses_the_language() {
        assert_eq!(Lang::from_locale(Some("ja_JP.UTF-8")), Lang::Ja);
        assert_eq!(Lang::from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("C")), Lang::En);
        assert_eq!(Lang::from_locale(None), Lang::En);
    }
}
