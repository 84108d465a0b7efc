//! The words of the workbooks (`kensho export --format xlsx`, `kensho survey`),
//! of taking a survey back (`kensho import`), of the CSV and of the open data
//! (`kensho export --format csv|opendata`).

use super::catalogue;

catalogue! {
    /// Every word written into a workbook or said about one.
    BookMsg {
        // The table's headings, as the source prints them.
        HeadPoint => ("該当提言", "Point"),
        HeadPolicy => ("取組方針", "Policy"),
        HeadMeasure => ("具体的な取組内容（想定を含む）", "Concrete measures (planned ones included)"),
        HeadProgress => ("実施状況", "Progress"),
        HeadAssessment => ("自己評価", "Self-assessment"),
        HeadDepartments => ("担当部", "Departments"),
        HeadPolicyAssessment => ("取組方針に対する自己評価", "Self-assessment of the policy"),
        HeadId => ("ID", "ID"),
        HeadMeasureLabel => ("取組の記号", "Measure label"),
        HeadRecommendation => ("提言", "Recommendation"),
        HeadReason => ("変更の理由", "Reason for the change"),
        HeadNote => ("注", "Note"),
        HeadRelisted => ("再掲", "Relisted"),
        HeadRelists => ("再掲元", "Relists"),
        HeadMeaning => ("{scale}の意味", "{scale} meaning"),
        HeadRecommendationTitle => ("提言名", "Recommendation title"),
        HeadPointTitle => ("該当提言名", "Point title"),
        HeadPolicyLabel => ("取組方針の記号", "Policy label"),
        HeadPolicyNote => ("取組方針の注", "Policy note"),
        RecommendationHeading => ("提言{number}　{title}", "Recommendation {number}: {title}"),
        // Sheets.
        SheetTable => ("実施状況", "Progress"),
        SheetLegend => ("凡例", "Legend"),
        SheetNotes => ("注記", "Notes"),
        NotesIntro => ("原資料を読み取る際に解釈を要した箇所（表の該当セルにはコメントとしても付している）", "Where reading the source needed interpretation (each also a comment on its cell of the table)"),
        HeadWhere => ("該当箇所", "Where"),
        WherePolicy => ("提言{recommendation} {point} 取組方針{label}", "Recommendation {recommendation} {point} policy {label}"),
        Continued => ("（続き）", " (continued)"),
        LegendLine => ("【{name}】{codes}", "[{name}] {codes}"),
        SheetAnswers => ("回答", "Answers"),
        LegendHeading => ("【{name}】 {description}", "[{name}] {description}"),
        PageFooter => ("&P / &N ページ", "Page &P of &N"),
        // The survey.
        SurveyTitle => ("{title}　［{department}］", "{title} [{department}]"),
        SurveyHowTo => (
            "黄色の欄（実施状況・実施区分・自己評価・評価区分・変更の理由）を記入して返送してください。ほかの欄は保護されています。行や列を足したり消したりしないでください。",
            "Fill in the yellow cells (progress, phase, self-assessment, direction, reason) and send the workbook back. The other cells are protected. Do not add or remove rows or columns.",
        ),
        CodeInputTitle => ("{scale}", "{scale}"),
        CodeErrorTitle => ("{scale}の区分ではありません", "Not a code of {scale}"),
        CodeErrorMessage => ("次のどれかを選んでください: {codes}", "Choose one of: {codes}"),
        ImportedFrom => ("{file} から取り込み", "imported from {file}"),
        // Reading a returned workbook.
        ErrNotWorkbook => (
            "{file} は Excel のブック（.xlsx）として読めません: {error}",
            "{file} cannot be read as an Excel workbook (.xlsx): {error}",
        ),
        WhyNotZip => (
            "ZIP 形式のファイルではありません（.xlsx は ZIP 形式です）",
            "it is not a ZIP file (an .xlsx is one)",
        ),
        WhyBadContent => (
            "中身（XML）が Excel のブックの形になっていません",
            "its contents (XML) are not those of an Excel workbook",
        ),
        ErrNotSurvey => (
            "{file} は kensho survey で作った回答用のブックではありません（シート「kensho」がありません）。公表用のブック（export --format xlsx）は取り込めません。回答用は kensho survey で作ります",
            "{file} is not an answer workbook made by kensho survey (it has no sheet \"kensho\"). A published workbook (export --format xlsx) cannot be imported; make answer workbooks with kensho survey",
        ),
        ErrSurveyVersion => (
            "{file} は新しい kensho（形式 {version}）で作られました。この kensho が読めるのは形式 {known} までです",
            "{file} was made by a newer kensho (format {version}); this kensho reads format {known} and older",
        ),
        ErrOtherReport => (
            "{file} は別の報告書のブックです（{cell}）: ブックは「{theirs}」、記録は「{ours}」",
            "{file} belongs to another report ({cell}): the workbook is for \"{theirs}\", the records are \"{ours}\"",
        ),
        ErrSheetMissing => (
            "{file} にシート「{sheet}」がありません（名前を変えたか消したかもしれません）",
            "{file} has no sheet \"{sheet}\" (it may have been renamed or deleted)",
        ),
        ErrHeadingMoved => (
            "{cell}: 見出しは「{expected}」のはずが「{found}」です。列を足したり消したりしないでください",
            "{cell}: the heading should be \"{expected}\" but is \"{found}\"; do not add or remove columns",
        ),
        ErrNoId => (
            "{cell}: 行に記入がありますが ID がありません",
            "{cell}: the row has entries but no ID",
        ),
        ErrUnknownId => (
            "{cell}: ID「{id}」はこのブックで送った項目ではありません",
            "{cell}: the ID \"{id}\" is not an item this workbook was sent with",
        ),
        ErrFormula => (
            "{cell}: 数式が入っています。値を直接入力してください（数式の結果は読み取りません）",
            "{cell}: a formula; type the value itself (kensho does not read what a formula gives)",
        ),
        ErrOtherDepartment => (
            "{cell}: 項目 {id} は「{department}」の担当ではありません（この調査票は「{department}」あてです）",
            "{cell}: item {id} is not one of {department}'s (this workbook was sent to {department})",
        ),
        ErrTooLargeTotal => (
            "{file} は展開すると {mib} MiB を超えます（kensho が読む返送ブックの上限）。何も取り込んでいません",
            "{file} unpacks to more than {mib} MiB (the most kensho reads of a returned workbook); nothing was taken in",
        ),
        ErrTooLargePart => (
            "{file} の中の {part} は展開すると {mib} MiB を超えます（kensho が読む上限）。何も取り込んでいません",
            "{file}: its part {part} unpacks to more than {mib} MiB (the most kensho reads); nothing was taken in",
        ),
        ErrTooLongString => (
            "{file} の中の {part} に {chars} 文字を超える文字列があります（Excel のセルに入る上限）。何も取り込んでいません",
            "{file}: its part {part} holds a string of more than {chars} characters (more than an Excel cell holds); nothing was taken in",
        ),
        ErrTooManyParts => (
            "{file} は {parts} 個を超える部品からなり、Excel のブックとして読めません。何も取り込んでいません",
            "{file} is made of more than {parts} parts, not a workbook kensho reads; nothing was taken in",
        ),
        ErrGoneId => (
            "{cell}: ID「{id}」の項目は今の記録にありません",
            "{cell}: the records no longer have an item \"{id}\"",
        ),
        ErrDuplicateId => (
            "{cell}: ID「{id}」が {first} にもあります",
            "{cell}: the ID \"{id}\" also stands at {first}",
        ),
        ErrProtectedEdited => (
            "{cell}: 保護された欄（{column}）が変更されています: 「{old}」→「{new}」",
            "{cell}: a protected cell ({column}) was changed: \"{old}\" → \"{new}\"",
        ),
        ErrBadCode => (
            "{cell}: 「{value}」は{scale}の区分ではありません（使えるのは {codes}）",
            "{cell}: \"{value}\" is not a code of {scale} (allowed: {codes})",
        ),
        ErrNotText => (
            "{cell}: 文字として読めない値です（{value}）",
            "{cell}: the value cannot be read as text ({value})",
        ),
        ConflictLine => (
            "{cell}: {item} の{field}は、このブックを送った後に kensho で「{seen}」から「{theirs}」に変更されています。ブックの値は「{ours}」です",
            "{cell}: {item}'s {field} was changed in kensho since this workbook was sent, from \"{seen}\" to \"{theirs}\"; the workbook says \"{ours}\"",
        ),
        ChangeLine => ("{item} {field}: 「{old}」→「{new}」", "{item} {field}: \"{old}\" → \"{new}\""),
        ReasonLine => ("  理由: {reason}", "  reason: {reason}"),
        RowMissing => (
            "{item} の行がブックにありません: 何も取り込みません",
            "the row of {item} is missing from the workbook: nothing taken from it",
        ),
        ImportSummary => (
            "{file}（{department}）: {changes} 件の変更（{items} 項目）、問題 {problems} 件",
            "{file} ({department}): changes: {changes} (items: {items}), problems: {problems}",
        ),
        ImportProblems => ("問題:", "Problems:"),
        ImportDryRun => (
            "まだ何も書いていません。書くには --apply を付けてもう一度実行してください",
            "nothing was written; run again with --apply to write these changes",
        ),
        ImportBlocked => (
            "問題があるので何も書いていません。直したブックを取り込むか、問題のない行だけ書くには --apply --skip-problems を付けてください",
            "nothing was written because of the problems above; import a corrected workbook, or add --apply --skip-problems to write only the rows without problems",
        ),
        ImportSkipped => (
            "問題のある {rows} 行は書きませんでした",
            "rows with problems, not written: {rows}",
        ),
        ImportApplied => ("{changes} 件の変更を書き、変更履歴に記録しました", "changes written and logged: {changes}"),
        ImportNothing => ("取り込む変更はありません", "nothing to import: the workbook changes nothing"),
        SurveyWrote => ("{file}: {department}（{items} 項目）", "{file}: {department} (items: {items})"),
        ErrXlsxOut => (
            "xlsx はバイナリファイルです。--out FILE で書き出し先を指定してください",
            "xlsx is a binary file: give --out FILE to say where to write it",
        ),
        ErrSurveyExists => (
            "すでにあるブックは置き換えません（部署の回答かもしれません）: {files}。別のフォルダを指定するか、置き換えてよければ --replace を付けてください",
            "workbooks already there are not replaced (they may hold a department's answers): {files}; give another folder, or add --replace if they may go",
        ),
        WarnCut => (
            "32,767 字（Excel の1つの欄の上限）を超える文を切り詰めました（末尾に「…［+省略した字数］」）。回答用のブックではその欄は記入できません: {places}",
            "texts longer than 32,767 characters (what an Excel cell holds) were cut, ending with …［+the characters left out］; in an answer workbook their cells cannot be filled in: {places}",
        ),
        ErrNoItems => ("絞り込みに当てはまる項目がありません", "no item passes the filters"),
        // Open data (`kensho export --format opendata`).
        ArgBom => (
            "opendata: ファイルの先頭に BOM を付ける（Excel で開くとき。既定は付けない）",
            "opendata: begin each file with a byte-order mark, for Excel [default: none]",
        ),
        ErrOpenDataOut => (
            "opendata は 2 つのファイルを書きます。--out DIR で書き出すフォルダを指定してください",
            "opendata writes two files: give --out DIR to say which folder to write them in",
        ),
        ErrNotForFormat => ("{option} は --format {format} には使えません", "{option} does not apply to --format {format}"),
        ErrNoOrganisation => (
            "オープンデータには地方公共団体名と全国地方公共団体コードが要ります。記録の report.ron に書いてください（例: organisation: Some(\"札幌市\"), organisation_code: Some(\"011002\")）。足りないもの: {missing}",
            "open data needs the name of the local government and its code: add them to the records' report.ron, e.g. organisation: Some(\"...\"), organisation_code: Some(\"011002\"); missing: {missing}",
        ),
        ErrNoNumber => (
            "次の ID からは NO を作れません（NO は「提言-項目-記号[行]」の形の ID から作ります。例: 3-4-a2 → 3040102）: {ids}",
            "these ids give no NO (a NO is made from an id of the form recommendation-point-letter[row], e.g. 3-4-a2 gives 3040102): {ids}",
        ),
        WarnNoDate => (
            "記録に時点（report.ron の as_of: Some(\"YYYY-MM-DD\")）がないので、時点の列は空です",
            "the records have no date (as_of: Some(\"YYYY-MM-DD\") in report.ron): the date column is empty",
        ),
        OpenDataWrote => ("{file}: {rows} 行", "{file}: rows: {rows}"),
        ErrOwnCheck => (
            "書き出す前の検査で問題が見つかったので、何も書いていません（kensho の不具合です）:\n{findings}",
            "the check before writing found problems, so nothing was written (a bug of kensho):\n{findings}",
        ),
        // The report's metadata in the records.
        ProblemCodeShape => (
            "organisation_code {code}: 全国地方公共団体コードは半角数字 6 桁です（例: 札幌市 011002）",
            "organisation_code {code}: a local government code is 6 digits (e.g. 011002)",
        ),
        ProblemCodeCheckDigit => (
            "organisation_code {code}: 6 桁目は上 5 桁の検査数字（総務省の算出方法）で、{expected} のはずです",
            "organisation_code {code}: the sixth digit is the check digit of the first five and should be {expected}",
        ),
        ProblemDate => (
            "as_of {date}: 日付は西暦の YYYY-MM-DD で書きます（例: 2021-06-30）",
            "as_of {date}: a date is written YYYY-MM-DD (e.g. 2021-06-30)",
        ),
        // The check of the open data's files.
        FindingAt => ("{file} の {row} 行目「{column}」: {what}", "{file}, row {row}, {column}: {what}"),
        FindingRow => ("{file} の {row} 行目: {what}", "{file}, row {row}: {what}"),
        FindingNotUtf8 => ("{file}: UTF-8 ではありません（{at} バイト目）", "{file}: not UTF-8 (at byte {at})"),
        FindingNoColumn => ("列「{column}」がありません", "no column \"{column}\""),
        FindingRagged => ("セルが {cells} 個あります（見出しは {expected} 個）", "{cells} cells (the heading has {expected})"),
        FindingLineBreak => ("セルの中に改行があります", "a line break inside the cell"),
        FindingControl => ("セルの中に制御文字があります", "a control character inside the cell"),
        FindingBlank => ("空です（省略せず、どの行にも値を書きます）", "empty (every row holds its own value)"),
        FindingCode => (
            "{value} は全国地方公共団体コード（半角数字 6 桁、6 桁目は検査数字）ではありません",
            "{value} is not a local government code (6 digits, the sixth a check digit)",
        ),
        FindingDate => ("{value} は YYYY-MM-DD の日付ではありません", "{value} is not a date written YYYY-MM-DD"),
        FindingNumber => ("{value} は番号（1 以上の半角数字）ではありません", "{value} is not a number (digits, 1 or more)"),
        FindingFlag => ("{value} は 0 でも 1 でもありません", "{value} is neither 0 nor 1"),
        FindingNotCode => (
            "{value} はコードではありません（コードの列には英数字の記号だけを書き、名称は別の列に書きます）",
            "{value} is not a code (a code column holds a code of letters and digits only; its name has a column of its own)",
        ),
        FindingNameIsCode => ("名称がコードと同じです（名称とコードは別のものを書きます）", "the name is the code itself (a name and its code are written apart)"),
        FindingDuplicateNo => ("NO {value} は {first} 行目にもあります", "NO {value} also stands in row {first}"),
        FindingUnknownNo => ("NO {value} は {file} にありません", "NO {value} is not in {file}"),
        ErrWorkbook => ("ブックを作れませんでした: {error}", "the workbook could not be made: {error}"),
    }
}
