//! The words of `kensho compare`, `kensho round` and the 新旧対照表.

use super::catalogue;

catalogue! {
    /// Every word about comparing the table with an earlier one, and rounds.
    CompareMsg {
        Heading => ("{now} と {base} の比較", "{now} compared with {base}"),
        Counts => (
            "変更 {changed} 件、追加 {added} 件、削除 {removed} 件、番号の付け直し {renumbered} 件、変更なし {unchanged} 件",
            "{changed} changed, {added} added, {removed} removed, {renumbered} renumbered, {unchanged} unchanged",
        ),
        NothingChanged => ("前回から変更した項目はありません", "nothing has changed since the earlier table"),
        RenumberedFrom => ("（旧 {old}）", " (was {old})"),
        Departments => ("担当部", "departments"),
        Progress => ("実施状況", "progress"),
        Assessment => ("自己評価", "self-assessment"),
        CodeWithMeaning => ("{code}（{meaning}）", "{code} ({meaning})"),
        AddedHeading => ("追加した項目", "Items added"),
        RemovedHeading => ("削除した項目", "Items removed"),
        SuggestionsHeading => (
            "番号が変わったと見られる項目（同じ項目なら ids.ron に書いてください）",
            "Items that seem renumbered (if they are one item, write them in ids.ron)",
        ),
        SuggestionLine => ("{removed} → {added}（本文の一致 {percent}%）", "{removed} -> {added} ({percent}% of the text alike)"),
        MatrixHeading => ("{scale}の移り変わり（行: 旧、列: 新）", "{scale}: from (rows) to (columns)"),
        MatrixCorner => ("旧＼新", "from\\to"),
        MatrixAdded => ("追加", "added"),
        MatrixRemoved => ("削除", "removed"),
        ChangedHeading => ("変更した項目", "Items changed"),
        Old => ("旧", "old"),
        New => ("新", "new"),
        Field => ("欄", "field"),
        Item => ("項目", "item"),
        // The 新旧対照表 (xlsx).
        SheetContrast => ("新旧対照表", "old and new"),
        SheetMatrix => ("移り変わり", "transitions"),
        ContrastTitle => ("新旧対照表（{base} との比較）", "Old and new (compared with {base})"),
        ContrastNote => (
            "下線は変更した箇所（新: 加えた文字、旧: 削った文字）",
            "Underlined: what changed (new: characters put in; old: characters taken out)",
        ),
        ContrastAddedMark => ("（新規）", "(added)"),
        ContrastRemovedMark => ("（削除）", "(removed)"),
        Footer => ("&P / &N ページ", "page &P of &N"),
        // --help.
        AboutCompare => (
            "表を以前の表（git のリビジョン、記録のフォルダー、公開した .xlsx）と比べます",
            "Compare the table with an earlier one (a git revision, a records folder, a published .xlsx)",
        ),
        AboutRound => (
            "今の回と、その回で変わったことを表示します",
            "Say which round is open and what has changed in it",
        ),
        AboutRoundStart => (
            "新しい回を始めます。今の表がその回の比較の基準になります",
            "Start a new round: the table as it stands becomes its base",
        ),
        ArgBase => (
            "比較の基準: git のリビジョン（HEAD~1、タグ）、記録のフォルダーまたはファイル、公開した表（.xlsx）",
            "what to compare with: a git revision (HEAD~1, a tag), a records folder or file, a published table (.xlsx)",
        ),
        ArgCompareFormat => ("出力の形式: text、json、markdown、xlsx（新旧対照表）", "output: text, json, markdown, xlsx (old and new side by side)"),
        ArgCompareOut => ("書き出すファイル（xlsx では必須）", "the file to write (needed for xlsx)"),
        ArgRoundName => ("回の名前（例: 令和8年度）", "the round's name (e.g. 令和8年度)"),
        ArgBoardCompare => (
            "BASE から変更した項目に印を付けます（kensho compare と同じ BASE）",
            "mark the items changed since BASE (as kensho compare takes it)",
        ),
        // Errors.
        ErrIdsSyntax => (
            "{at}: ids.ron は IdMap(renumbered: 旧IDと新IDの対応) の形で書きます（例は README の「番号を付け直した項目」）（{error}）",
            "{at}: ids.ron is written IdMap(renumbered: old ids mapped to new ids) (see the README's example) ({error})",
        ),
        ErrIdsBadId => (
            "{at}: \"{id}\" は項目のIDではありません。IDは英数字と - . _ の1〜32文字です",
            "{at}: \"{id}\" is not an item's id: an id is 1 to 32 ASCII letters, digits, -, . or _",
        ),
        ErrIdsTwice => (
            "{at}: {id} が2度書かれています。旧IDと新IDはそれぞれ1度ずつ書けます",
            "{at}: {id} is written twice: each old id and each new id may be written once",
        ),
        ErrIdsSame => ("{at}: {id} が同じIDに対応付けられています", "{at}: {id} is mapped to itself"),
        ErrIdsIo => ("{path} を読めません: {error}", "cannot read {path}: {error}"),
        ErrBaseNotFound => (
            "比較の基準 {base} が見つかりません。使えるもの: git のリビジョン（HEAD~1、タグ）、記録のフォルダーまたはファイル、kensho export --format xlsx で公開した表（.xlsx）",
            "cannot find the base {base}: give a git revision (HEAD~1, a tag), a records folder or file, or a table published by kensho export --format xlsx (.xlsx)",
        ),
        ErrNotInGit => (
            "{path} は git のリポジトリにないため、{base} を git のリビジョンとして読めません: {error}",
            "{path} is not in a git repository, so {base} cannot be read as a git revision: {error}",
        ),
        ErrGitRevision => (
            "git のリビジョン {base} に記録 {path} がありません: {error}",
            "the git revision {base} holds no records at {path}: {error}",
        ),
        ErrGitRun => ("git を実行できません: {error}", "cannot run git: {error}"),
        ErrNotPublished => (
            "{file} は kensho export --format xlsx で公開した表ではありません（{cell} に「{expected}」の見出しがありません）",
            "{file} is not a table published by kensho export --format xlsx (no heading \"{expected}\" at {cell})",
        ),
        ErrWorkbookRow => (
            "{file} の {cell}: ID {id} が2度あります",
            "{file} at {cell}: the id {id} is there twice",
        ),
        ErrXlsxNeedsOut => (
            "--format xlsx には --out FILE が必要です",
            "--format xlsx needs --out FILE",
        ),
        Wrote => ("{path} に書きました", "wrote {path}"),
        // Rounds.
        RoundOpen => (
            "今の回: {name}（{date}に開始、基準 {base}）",
            "open round: {name} (started {date}, compared with {base})",
        ),
        RoundNone => (
            "回はまだ始まっていません。kensho round start 名前 で始めます（例: kensho round start 令和8年度）",
            "no round has started: start one with kensho round start NAME (e.g. kensho round start 2026)",
        ),
        RoundStarted => (
            "回「{name}」を始めました。基準: {base}。各部が更新するまで、記載と区分はそのまま引き継がれます",
            "round \"{name}\" started; it compares with {base}. Every text and code stays as it is until departments update it",
        ),
        RoundTagged => ("git にタグ {tag} を付けました", "tagged {tag} in git"),
        RoundCommitHint => (
            "report.ron に回を書きました。git add と git commit で記録してください",
            "the round is written in report.ron: commit it (git add, git commit)",
        ),
        ErrRoundExists => (
            "回「{name}」はもうあります（{date}に開始）。別の名前を付けてください",
            "round \"{name}\" exists already (started {date}): give another name",
        ),
        ErrRoundName => (
            "回の名前「{name}」は使えません。1〜40文字で、改行・制御文字・/ \\ : * ? \" < > | ~ ^ と空白を含まない名前にしてください",
            "the round name \"{name}\" cannot be used: 1 to 40 characters, without line breaks, control characters, / \\ : * ? \" < > | ~ ^ or spaces",
        ),
        ErrRoundDirty => (
            "記録に git へコミットしていない変更があります（{files}）。コミットしてから回を始めてください",
            "the records have changes not committed to git ({files}): commit them before starting a round",
        ),
        ErrRoundTag => ("git のタグ {tag} を付けられません: {error}", "cannot tag {tag} in git: {error}"),
    }
}
