//! The words of `kensho man`: the sections the commands' own help does not
//! hold (keys, the meeting's course, files, environment, exit status).

use super::catalogue;

catalogue! {
    /// Every word of the manual page beyond the commands' help.
    ManMsg {
        Manual => ("kensho の手引き", "kensho manual"),
        HeadName => ("名前", "NAME"),
        HeadSynopsis => ("書式", "SYNOPSIS"),
        HeadDescription => ("説明", "DESCRIPTION"),
        HeadOptions => ("オプション", "OPTIONS"),
        HeadCommands => ("コマンド", "COMMANDS"),
        HeadKeys => ("キー操作", "KEYS"),
        HeadMeeting => ("会議の進め方", "RUNNING A MEETING"),
        HeadFiles => ("ファイル", "FILES"),
        HeadEnvironment => ("環境変数", "ENVIRONMENT"),
        HeadExit => ("終了ステータス", "EXIT STATUS"),
        HeadSeeAlso => ("関連項目", "SEE ALSO"),
        Description => (
            "kensho は、外部検証報告書の提言ごとに、ポイント、取組方針、具体的な取組内容と、各項目の実施状況、実施区分（A〜D）、自己評価、評価区分（I〜III）、担当部を記録した表（資料2）を、キーボードだけで見て、探して、更新するための端末アプリケーションです。記録は RON のファイル（PATH のフォルダ、既定は records）にあり、変更はすぐ保存され、記録の隣の changes.jsonl に、だれが、いつ、何を何から何に、なぜ変えたかが追記されます。",
            "kensho is a terminal application for reading, searching and updating, from the keyboard alone, the table (資料2) of an external verification report's recommendations: their points, policies and measures, and for each item its progress, phase (実施区分 A–D), self-assessment, direction (評価区分 I–III) and departments. The records are RON files (in the folder PATH, records by default); a change is saved at once and appended to changes.jsonl beside them: who, when, which field, old and new value, and why.",
        ),
        DescriptionBoard => (
            "コマンドを付けずに起動すると審議ボードが開きます。会議では、発表者の画面（--present）をプロジェクターに映し、出席者は各自の端末で --follow を付けて同じ画面を追います。ほかのコマンドは、端末を使わずに検索、変更、記録の確認、ワークブックの書き出しと取り込み、議事要旨の作成、年度の比較を行います。",
            "Without a command kensho opens the review board. In a meeting the presenter's board (--present) is on the projector and attendees follow it on their own terminals with --follow. The other commands search, change, check the log, write and read workbooks, write the minutes and compare years without the board.",
        ),
        ScreenBoard => ("一覧（ボード）", "The board"),
        ScreenWalkthrough => ("進行（会議のウォークスルー）", "The walkthrough (a meeting)"),
        ScreenOverview => ("全体の集計", "The overview"),
        ScreenAgenda => ("議題の一覧", "The agenda"),
        ScreenMeetingInfo => ("会議の情報", "Meeting details"),
        ScreenPicker => ("区分の選択", "Choosing a code"),
        ScreenFilters => ("絞り込み", "Filters"),
        ScreenEverywhere => ("どの画面でも", "On every screen"),
        CodeKeys => (
            "区分の記号はキー一つで設定できます: 実施区分は記号の文字を Shift を押しながら（Shift+C で C）、評価区分は尺度の中の順番の数字（2 で II）。キーは記録の尺度から作られ、すぐ保存して変更記録に残します。読むだけの人は --read-only（設定では read_only）で開き、設定の confirm_edits で、設定する前に確認を求めることができます。",
            "A code is set with one key: a phase by its letter with Shift (Shift+C sets C), a direction by its place in the scale (2 sets II). The keys come from the records' scales; each saves at once and is logged. Readers open the board with --read-only (read_only in the configuration); confirm_edits in the configuration makes the keys ask first.",
        ),
        MeetingSteps => (
            "1. 事務局が kensho --meeting \"2026-12 本部会議\" --present で会議を始めます（f で議題にする区分を絞り込んでから M でも始められます）。\n2. 会議の情報（W）に、場所、出席者、欠席者、事務局、傍聴者数、公開・非公開、配布資料を書きます。kensho meetings set でも書けます。\n3. 出席者は kensho --follow で発表者の画面を追います。発表者が動かした項目、検索、絞り込み、指し示した欄（Tab）がそのまま見えます。\n4. 進行（p）で議題を一つずつ示し、区分の変更、理由（m）、発言要旨（c）を記録します。Space で審議済みにします。\n5. 会議を閉じると（w）、議事要旨を Markdown と Word（.docx）で書き出します。後からは kensho minutes で書き出せます。",
            "1. The secretariat starts the meeting with kensho --meeting \"2026-12 本部会議\" --present (or narrows the agenda with f and presses M).\n2. Meeting details (W): place, attendees, absentees, secretariat, number of observers, public or not, documents; kensho meetings set writes them too.\n3. Attendees run kensho --follow and see what the presenter shows: the item, the search, the filters, the field pointed at (Tab).\n4. The walkthrough (p) shows the agenda item by item; codes are changed, reasons given (m), remarks recorded (c); Space marks an item reviewed.\n5. Closing the meeting (w) writes the minutes (議事要旨) as Markdown and Word (.docx); kensho minutes writes them later.",
        ),
        FileRecords => ("記録: 提言ごとの RON ファイル。report.ron に尺度と表の情報", "The records: one RON file per recommendation; report.ron holds the scales and the table's details"),
        FileLog => ("変更記録（1 行に 1 件の JSON）。変更のたびに追記され、書き換えられない", "The change log (one JSON line per change), appended at every change, never rewritten"),
        FileTorn => ("保存の中断で途中まで書かれた行の退避先", "Where a line cut short by an interrupted save is moved"),
        FileMeetings => ("会議（議題、審議済み、会議の情報、発言要旨）", "Meetings (agenda, reviewed items, details, remarks)"),
        FileIds => ("年度の比較で、番号を付け直した項目の対応（旧 ID → 新 ID）", "For comparing years: renumbered items (old id → new id)"),
        FileCache => ("読み込みを速くするための写し（消してもよい）", "Copies that make loading fast (safe to delete)"),
        FileConfig => ("設定（kensho config --default で既定値を表示）", "The configuration (kensho config --default prints the defaults)"),
        EnvEditor => ("e で文を編集するエディタ（VISUAL が優先）", "The editor for e (VISUAL first)"),
        EnvNoColor => ("値があれば色を使わない", "Set to anything: no colours"),
        EnvConfigHome => ("設定ファイルの場所（既定は ~/.config）", "Where the configuration is (~/.config by default)"),
        EnvLang => ("ja で始まれば日本語で表示する（--lang が優先）", "Japanese if it starts with ja (--lang wins)"),
        EnvTz => ("時刻の地域（設定の zone が優先）", "The time zone (the configuration's zone wins)"),
        EnvSsh => ("変更記録に接続元として残す", "Written into the change log as where the change came from"),
        EnvTerm => ("dumb なら色も画面の制御も使わない", "dumb: no colours and no screen control"),
        Exit0 => ("成功", "success"),
        Exit1 => ("検索で一致なし、または verify で記録と変更記録の不一致", "search found nothing, or verify found a difference"),
        Exit2 => ("誤り（記録の誤り、使い方の誤り）。何がどこで誤りかを標準エラーに表示する", "an error (bad records, bad usage), said on standard error with where"),
        SeeAlso => ("README.md（使い方の全体）、git(1)", "README.md (the whole guide), git(1)"),
    }
}
