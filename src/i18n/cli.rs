//! The command line's words, and the errors that both the command line and
//! the board show.

use super::catalogue;

catalogue! {
    /// Every word of the command line, and every error sentence.
    CliMsg {
        ErrorLine => ("エラー: {what}", "error: {what}"),
        WarningLine => ("警告: {what}", "warning: {what}"),
        // --help
        HelpTemplate => (
            "{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}",
            "{about-with-newline}\nUsage: {usage}\n\n{all-args}{after-help}",
        ),
        HeadingCommands => ("コマンド", "Commands"),
        HeadingArguments => ("引数", "Arguments"),
        HeadingOptions => ("オプション", "Options"),
        AboutKensho => (
            "kensho: 検証報告書の提言に対する取組の実施状況を、キーボードで見て、探して、更新する審議ボード",
            "kensho: a keyboard-driven review board for the progress table of a verification report",
        ),
        AboutCheck => ("記録を読み込んで検査し、件数を表示する", "Load and validate the records, and print their counts"),
        AboutSearch => (
            "QUERY（fzf の書き方）に当てはまる項目を良い順に表示する。該当なしは終了コード 1",
            "Print the items matching QUERY (fzf syntax), best first; exit 1 when nothing matches",
        ),
        AboutGenerate => (
            "大きな合成レポートをフォルダ OUT に書く（ベンチマーク用）",
            "Write a large synthetic report (for benchmarks) to the folder OUT",
        ),
        AboutSet => (
            "項目の欄を変更して保存し、変更履歴に記録する: kensho set [PATH] ID phase=B direction=III [--reason 理由]",
            "Set fields of one item, saved and logged: kensho set [PATH] ID phase=B direction=III [--reason TEXT]",
        ),
        AboutLog => ("変更履歴を表示する", "Print the change log"),
        AboutVerify => (
            "変更履歴の最新の値が記録と一致するか確かめる（違いがあれば終了コード 1）",
            "Check that the latest logged value of every logged field equals the records (exit 1 on a difference)",
        ),
        AboutExport => (
            "記録を JSON・CSV・Markdown で書くか、原資料の体裁のブック（xlsx）にする。絞り込みと検索が使える",
            "Print the records as JSON, CSV or Markdown, or write a workbook (xlsx) laid out like the source; filters and a search apply",
        ),
        AboutMinutes => (
            "会議の議事録を書く（既定は最新の会議、日本語の記録なら日本語）",
            "Write the minutes of a review meeting (default: the latest; Japanese for a Japanese report)",
        ),
        ArgMeeting => (
            "この名前の会議を始める・再開する（議題は今の検索と絞り込み、原文順）",
            "Start or resume the review meeting of this name (its agenda: the search and filters, in source order)",
        ),
        ArgChangedInMeeting => ("その会議で変更した項目だけ", "Only the items changed in that meeting"),
        ArgNotReviewed => ("その会議の議題で未審議の項目だけ", "Only the items of its agenda not reviewed yet"),
        ArgChangedSinceMeeting => (
            "この会議が終わって（終わっていなければ始まって）から変更した項目だけ",
            "Only the items changed since this meeting closed (or started, while it is open)",
        ),
        ArgMinutesMeeting => ("会議の名前（既定: 最新の会議）", "The meeting's name [default: the latest]"),
        ArgMinutesFormat => ("形式: markdown または json（既定: markdown）", "Format: markdown or json [default: markdown]"),
        ArgMinutesOut => ("このファイルに書く（既定: 標準出力）", "Write to this file [default: standard output]"),
        ArgMinutesClose => ("会議を終了として記録してから書く", "Record the meeting as closed, then write"),
        ArgHelp => ("このヘルプを表示する", "Print this help"),
        ArgVersion => ("版を表示する", "Print the version"),
        ArgLang => (
            "表示の言語: ja または en（既定: LC_ALL / LANG が ja で始まれば日本語）",
            "Interface language: ja or en [default: Japanese when LC_ALL / LANG starts with ja]",
        ),
        ArgPath => ("記録のフォルダまたはファイル（既定: records）", "Records folder or file [default: records]"),
        ArgAscii => (
            "枠と記号を ASCII で描く（曖昧幅の文字を全角で表示する端末向け）",
            "ASCII borders and symbols, for terminals that draw East-Asian ambiguous characters double width",
        ),
        ArgQuery => ("この検索（fzf の書き方）でボードを開く", "Open the board with this search (fzf syntax)"),
        ArgPhase => ("この実施区分の項目だけ（例: C,D）", "Only items at these phases (実施区分), e.g. C,D"),
        ArgDirection => ("この評価区分の項目だけ（例: III）", "Only items with these directions (評価区分), e.g. III"),
        ArgDept => (
            "担当部の名前または局（例: 子)）に TEXT を含む項目だけ（繰り返し可）",
            "Only items of departments whose name or bureau contains TEXT (repeatable)",
        ),
        ArgHideRelisted => ("【再掲】の行を隠す", "Hide relisted (【再掲】) rows"),
        ArgJson => ("JSON で出力する（1 行に 1 件）", "JSON output: one object per line"),
        ArgSearchArgs => ("[PATH] QUERY: 記録のフォルダまたはファイル（既定: records）と検索語", "[PATH] QUERY: records folder or file (default: records), and the query"),
        ArgLimit => ("表示する件数の上限（既定: 20）", "Print at most N hits [default: 20]"),
        ArgItems => ("項目の数", "Number of items"),
        ArgSeed => ("乱数の種。同じ種なら同じレポート（既定: 1）", "Seed: the same seed gives the same report [default: 1]"),
        ArgFrom => (
            "区分・担当部・文の素材にする記録（既定: records）",
            "Records whose scales, departments and phrases are used [default: records]",
        ),
        ArgOut => ("書き出すフォルダ（作成する。記録があってはならない）", "The folder to write (created; must not hold records already)"),
        ArgSetArgs => (
            "[PATH] ID 欄=値...: 欄は phase, direction, progress, assessment",
            "[PATH] ID FIELD=VALUE...: fields are phase, direction, progress, assessment",
        ),
        ArgReason => ("理由（会議の決定など）。変更履歴に記録する", "Why (the meeting's decision); stored in the change log"),
        ArgItem => ("この項目だけ", "Only this item"),
        ArgSince => (
            "この日（YYYY-MM-DD）または時刻（RFC 3339）以降の変更だけ",
            "Only changes on or after this date (YYYY-MM-DD) or time (RFC 3339)",
        ),
        ArgUser => ("この人の変更だけ", "Only this user"),
        ArgFormat => (
            "形式: json, csv, markdown, xlsx（xlsx は原資料と同じ体裁のブック）",
            "Format: json, csv, markdown, xlsx (a workbook laid out like the source)",
        ),
        ErrBoardOption => (
            "{options} はボードのオプションで、{command} の前には書けません（{command} のオプションは kensho {command} --help）",
            "{options}: options of the board, which do nothing before {command} (the options of {command}: kensho {command} --help)",
        ),
        ArgExportOut => ("標準出力でなくこのファイルに書く（xlsx では必須）", "Write to this file instead of standard output (needed for xlsx)"),
        ArgHeaders => (
            "CSV の見出し: ja（原資料の言葉）または en（英語のキー）。既定は報告書の言語",
            "CSV headings: ja (the source's words) or en (the English keys) [default: the report's language]",
        ),
        ArgMeanings => ("CSV で区分の横にその意味の列を足す", "CSV: add a column with each code's meaning"),
        ArgExportQuery => ("この検索に当てはまる項目だけ（fzf の書き方）", "Only the items matching this search (fzf syntax)"),
        ArgSurveyOut => ("ブックを書くフォルダ（なければ作る）", "The folder to write the workbooks in (made if missing)"),
        ArgReplace => (
            "フォルダにすでにあるブックを置き換える（既定では置き換えずに止まる）",
            "Replace workbooks already in the folder (by default kensho stops rather than replace them)",
        ),
        ArgImportFile => ("部署から戻った回答用のブック（.xlsx）", "A department's answer workbook (.xlsx), sent back"),
        ArgApply => ("変更を書いて変更履歴に記録する（付けなければ何も書かずに表示だけ）", "Write the changes and log them (without it, only show them)"),
        ArgSkipProblems => ("問題のある行を除いて書く", "Write the rows without problems, leaving out those with problems"),
        ArgShell => ("シェル: bash, zsh, fish, elvish, powershell", "Shell: bash, zsh, fish, elvish, powershell"),
        AboutSurvey => (
            "部署ごとに回答用のブック（.xlsx）を書く: その部署の項目だけ、記入欄以外は保護、区分は選択式。--dept で部署を選ぶ",
            "Write one answer workbook (.xlsx) per department: its own rows, all but the answer cells protected, codes as drop-down lists; --dept chooses departments",
        ),
        AboutImport => (
            "部署から戻ったブックの変更を表示する。--apply で記録に書き、変更履歴に残す",
            "Show what a department's returned workbook changes; with --apply, write it to the records and log it",
        ),
        AboutCompletions => ("シェルの補完スクリプトを表示する", "Print a shell completion script"),
        AboutMan => ("マニュアルページ（roff）を表示する", "Print the manual page (roff)"),
        NoBoardNotTerminal => (
            "ボードを開きませんでした: {which}が端末ではありません。代わりに記録の検査結果を表示します（ボードは端末で kensho を実行すると開きます）",
            "no board opened: {which} is not a terminal; the check of the records follows instead (run kensho in a terminal to open the board)",
        ),
        NoBoardDumb => (
            "ボードを開きませんでした: この端末（TERM={term}）では画面を描けません。代わりに記録の検査結果を表示します",
            "no board opened: this terminal (TERM={term}) cannot draw a screen; the check of the records follows instead",
        ),
        StandardInput => ("標準入力", "standard input"),
        StandardOutput => ("標準出力", "standard output"),
        // clap's errors
        ClapUnknownArgument => ("知らない引数 {arg} です", "unexpected argument {arg}"),
        ClapInvalidValue => ("{arg} に {value} は使えません。使えるもの: {allowed}", "{value} is not allowed for {arg}; allowed: {allowed}"),
        ClapConflict => (
            "{arg} と {other} は一緒に使えません",
            "{arg} cannot be used with {other}",
        ),
        ClapMissing => ("必要な引数 {arg} がありません", "the required argument {arg} is missing"),
        ClapUnknownCommand => ("知らないコマンド {arg} です", "unknown command {arg}"),
        ClapOther => ("コマンドラインを読めません（{detail}）", "the command line cannot be read ({detail})"),
        ClapUsage => ("使い方: {usage}\n詳しくは --help を見てください。", "Usage: {usage}\nFor more, try --help."),
        // check
        CheckOk => ("{path}: 問題なし", "{path}: ok"),
        CountRecommendations => ("提言", "recommendations"),
        CountPoints => ("提言の項目", "points"),
        CountPolicies => ("取組方針", "policies"),
        CountMeasures => ("具体的な取組", "measures"),
        CountItems => ("項目", "items"),
        CountRelisted => ("うち再掲", "relisted items"),
        CountPerPhase => ("{scale}ごとの項目数", "phase ({scale})"),
        CountPerDirection => ("{scale}ごとの項目数", "direction ({scale})"),
        // set, log, verify
        SetUnchanged => ("{item}: 変更なし", "{item}: unchanged"),
        SetChanged => ("{item} {field}: {old} → {new}", "{item} {field}: {old} -> {new}"),
        LogReasonMark => ("理由", "reason"),
        LogAbortedMark => (
            "中断: データを書く前に保存が中断されたため、この変更はありません",
            "aborted: the save was interrupted before the data was written, so this change never happened",
        ),
        LogTornLine => (
            "{file}:{line}: 最後の行が途中で切れています（保存が中断されました）。読み飛ばします",
            "{file}:{line}: the last line is incomplete (a save was interrupted); it is ignored",
        ),
        LogDamagedLine => ("{file}:{line}: 変更の記録ではありません（{error}）。読み飛ばします", "{file}:{line}: not a change record ({error}); skipped"),
        VerifyOk => (
            "問題なし: 記録された {fields} 個の欄が記録と一致します（変更 {changes} 件）",
            "ok: {fields} logged fields agree with the records ({changes} changes)",
        ),
        VerifyDiffersLine => ("違い: {what}", "differs: {what}"),
        VerifyDiffers => (
            "{item} {field}: 変更履歴の最新の値は {logged}（{when}、{user}）ですが、記録は {now} です",
            "{item} {field}: the log's latest value is {logged} ({when} by {user}), the records hold {now}",
        ),
        VerifyNoSuchItem => (
            "{item} {field}: 変更履歴にありますが、記録にその項目または欄がありません",
            "{item} {field}: logged, but no such item or field in the records",
        ),
        VerifyStateUnknown => (
            "注: 変更履歴に記録全体の検査値がありません（古い版の kensho の履歴）。記録された欄だけを確かめました",
            "note: the log carries no checksum of the records (an older kensho wrote it): only the logged fields were checked",
        ),
        VerifyStateMatches => (
            "記録全体が最後の保存（{when}）のあとの状態と一致します",
            "the records as a whole are as the last save ({when}) left them",
        ),
        VerifyStateEarlier => (
            "記録全体が {earlier} の保存のあとの状態に戻っています。最後の保存（{last}）以降の変更が履歴の外で取り消されました",
            "the records as a whole are as the save of {earlier} left them: the changes since, up to the last save ({last}), were undone outside kensho",
        ),
        VerifyStateConsistent => (
            "記録全体が、最初に記録された保存（{first}）のあとの状態に変更履歴の変更を重ねたものと一致します（複数の写しでの保存を統合した状態）",
            "the records as a whole are what the logged changes make of the state the first logged save ({first}) left (saves made in more than one copy, merged)",
        ),
        VerifyStateNone => (
            "記録が最後の保存（{last}）のあとに kensho の外で変更されています（どの保存のあとの状態とも一致しません）",
            "the records were changed outside kensho after the last save ({last}): they match no save in the log",
        ),
        VerifyTorn => (
            "注: 途中で切れた行 {bytes} バイトが {file} に移されています（中断された保存。データには入っていません）",
            "note: {bytes} bytes of cut-off lines were moved aside into {file} (interrupted saves, never in the data)",
        ),
        SetMovedAside => (
            "変更履歴の最後の行が途中で切れていたため、{bytes} バイトを {file} に移しました",
            "the log's last line was cut off: {bytes} bytes were moved aside into {file}",
        ),
        VerifyInterrupted => (
            "注: 最後の保存はデータを書く前に中断されました。次の保存で「中断」として記録されます",
            "note: the last save was interrupted before the data was written; it will be recorded as aborted at the next save",
        ),
        // errors of the command line
        ErrStdout => ("標準出力に書けません: {error}", "cannot write to standard output: {error}"),
        ErrSearchUsage => ("[PATH] QUERY を指定してください", "give [PATH] QUERY"),
        ErrSetUsage => ("[PATH] ID 欄=値... を指定してください", "give [PATH] ID FIELD=VALUE..."),
        ErrNothingToSet => ("変更する欄がありません。欄=値 で指定してください（欄: {fields}）", "nothing to set; give FIELD=VALUE (fields: {fields})"),
        ErrNotAssignment => ("{arg} は 欄=値 の形ではありません", "{arg} is not FIELD=VALUE"),
        ErrNotAField => ("{name} は変更できる欄ではありません。使える欄: {fields}", "{name} is not a field that can be set; allowed: {fields}"),
        ErrSince => ("--since {value}: 日付（2026-11-24）か RFC 3339 の時刻を指定してください", "--since {value}: give a date (2026-11-24) or an RFC 3339 time"),
        ErrFilterCode => ("{flag} {code} は{scale}の記号ではありません。使える記号: {allowed}", "{flag} {code} is not a code of {scale}; allowed: {allowed}"),
        ErrFilterDept => ("--dept {text} に当てはまる担当部がありません。担当部: {all}", "--dept {text} matches no department; there are: {all}"),
        ErrHoldsRecords => ("{path} にはすでに記録があります。空のフォルダを指定してください", "{path} already holds records; choose an empty folder"),
        ErrCannotCreate => ("{path}: 作成できません: {error}", "{path}: cannot create: {error}"),
        ErrExport => ("書き出せません: {error}", "cannot export: {error}"),
        ErrTerminal => ("端末: {error}", "terminal: {error}"),
        ErrNotSavedOnQuit => (
            "保存されなかった変更が {count} 件あります: {edits}（kensho set で保存し直せます）",
            "{count} change(s) were not saved: {edits} (kensho set can save them again)",
        ),
        ErrConfigRead => (
            "設定ファイル {path} を読めません: {error}",
            "cannot read the configuration file {path}: {error}",
        ),
        ErrConfigNotText => (
            "ここには \"…\" で囲んだ文字列を書いてください",
            "a string in double quotes is expected here",
        ),
        ErrConfigLang => (
            "言語 {value} はありません。使えるのは ja, en です",
            "no language {value}; allowed: ja, en",
        ),
        ErrConfigTheme => (
            "テーマ {value} はありません。使えるのは {allowed} です",
            "no theme {value}; allowed: {allowed}",
        ),
        ErrConfigDisplayName => (
            "表示名は 1〜{max} 文字で、制御文字を含められません",
            "a display name has 1 to {max} characters and no control characters",
        ),
        ErrConfigScreen => (
            "画面 {value} はありません。使えるのは {allowed} です",
            "no screen {value}; allowed: {allowed}",
        ),
        ErrConfigAction => (
            "画面 {screen} に操作 {value} はありません。使えるのは {allowed} です",
            "screen {screen} has no action {value}; allowed: {allowed}",
        ),
        ErrConfigKey => (
            "キー {value} は書けません。使えるのは 1 文字（a, G, ?）、Ctrl-x、F1〜F12、Enter, Esc, Tab, BackTab, Space, Backspace, Delete, Insert, Up, Down, Left, Right, PgUp, PgDn, Home, End です",
            "no key {value}; allowed: one character (a, G, ?), Ctrl-x, F1 to F12, Enter, Esc, Tab, BackTab, Space, Backspace, Delete, Insert, Up, Down, Left, Right, PgUp, PgDn, Home, End",
        ),
        ErrConfigTypedKey => (
            "画面 {screen} は文字を入力する画面なので、{key} はキーにできません（Ctrl- や F キーなどを使ってください）",
            "screen {screen} takes typed text: {key} cannot be a key there (use Ctrl-, an F key or another named key)",
        ),
        ErrConfigTwice => (
            "{value} が二度書かれています。一つにまとめてください",
            "{value} is written twice; keep one",
        ),
        ConfigHeader => (
            "kensho の設定ファイル（既定の値）。置き場所: $XDG_CONFIG_HOME/kensho/config.ron または --config FILE",
            "kensho configuration (the defaults). Where: $XDG_CONFIG_HOME/kensho/config.ron, or --config FILE",
        ),
        ConfigLang => (
            "画面と出力の言語: \"ja\" または \"en\"（書かなければロケールに従う。--lang が優先）",
            "Language of the board and the commands: \"ja\" or \"en\" (absent: the locale; --lang wins)",
        ),
        ConfigTheme => (
            "配色: \"dark\"、\"light\"、\"high-contrast\"（プロジェクター向け）。--theme が優先、NO_COLOR と --ascii はさらに優先",
            "Colours: \"dark\", \"light\", \"high-contrast\" (for projectors); --theme wins, NO_COLOR and --ascii win over both",
        ),
        ConfigRecords => (
            "PATH を省いたときの記録の場所（相対パスはこのファイルの場所から、~/ はホーム）",
            "The records when PATH is left out (relative to this file; ~/ is the home folder)",
        ),
        ConfigDisplayName => (
            "変更履歴にログイン名と並べて記録する表示名（ログイン名の代わりにはならない）",
            "A name written in the change log beside the login name (never instead of it)",
        ),
        ConfigKeys => (
            "画面ごとのキー: 操作名: [キー, …]。書いた操作だけが置き換わる。[] でキーを外す\nF1（ヘルプ）、Ctrl-z、Ctrl-c と、実施区分・評価区分のキーは変えられない",
            "Keys per screen: action: [keys, …]. Only the actions written here change; [] unbinds\nF1 (help), Ctrl-z, Ctrl-c and the keys of the phase and direction codes stay as they are",
        ),
        ConfigNone => (
            "設定ファイルはありません（{path}）。既定の値で動きます。kensho config --default で例を表示します",
            "no configuration file ({path}); the defaults are in use. kensho config --default prints an example",
        ),
        ConfigNoRecords => (
            "記録を読めないため、実施区分・評価区分のキーとの重なりは確かめていません",
            "the records do not load: the keys were not checked against the phase and direction keys",
        ),
        ConfigInUse => (
            "設定ファイル {path}: 問題ありません",
            "configuration file {path}: ok",
        ),
        AboutConfig => (
            "設定ファイルを検査する。--default で既定の設定を表示する",
            "Check the configuration file; --default prints the default configuration",
        ),
        ArgConfigDefault => ("既定の設定（完全な例）を表示する", "Print the default configuration (a complete example)"),
        ArgConfig => (
            "この設定ファイルを使う（既定: $XDG_CONFIG_HOME/kensho/config.ron）",
            "Use this configuration file [default: $XDG_CONFIG_HOME/kensho/config.ron]",
        ),
        ArgTheme => (
            "配色: dark, light, high-contrast（既定: dark）",
            "Colours: dark, light, high-contrast [default: dark]",
        ),
        ArgPresent => (
            "発表する: 出席者が --follow でこの画面についてくる",
            "Present: attendees started with --follow see what this board shows",
        ),
        ArgFollow => (
            "発表者についていく読み取り専用のボードを開く",
            "Open a read-only board that follows the presenter",
        ),
        ErrKeyUnread => ("キー表 {screen} に、キーとして読めない語があります: {word}（{help}）", "the key table {screen} has a word that is not a key: {word} ({help})"),
        ErrKeyTwice => (
            "画面 {screen} でキー {key} が「{first}」と「{second}」の両方に割り当てられています。どちらかのキーを変えてください",
            "screen {screen}: the key {key} is bound to both \"{first}\" and \"{second}\"; give one of them another key",
        ),
        // minutes
        MinutesTitle => ("議事録: {name}", "Minutes: {name}"),
        MinutesStarted => ("開始", "Started"),
        MinutesClosed => ("終了", "Closed"),
        MinutesStillOpen => ("（開催中）", "(still open)"),
        MinutesAgenda => ("議題", "Agenda"),
        MinutesAgendaCount => ("{count} 項目", "{count} items"),
        MinutesReviewed => ("審議済み", "Reviewed"),
        MinutesChanges => ("変更", "Changes"),
        MinutesNoChanges => ("この会議での変更はありません。", "No change was made in this meeting."),
        MinutesItem => ("項目", "Item"),
        MinutesField => ("欄", "Field"),
        MinutesOld => ("変更前", "Before"),
        MinutesNew => ("変更後", "After"),
        MinutesReason => ("理由", "Reason"),
        MinutesWho => ("変更者", "By"),
        MinutesWhen => ("日時", "When"),
        MinutesTables => ("{phase} × {direction}の項目数", "Items by {phase} and {direction}"),
        MinutesBefore => ("会議の前", "Before the meeting"),
        MinutesAfter => ("会議の後", "After the meeting"),
        MinutesTotal => ("計", "Total"),
        MinutesReviewedItems => ("審議した項目", "Items reviewed"),
        MinutesNotReviewed => ("議題のうち審議しなかった項目", "Items on the agenda not reviewed"),
        MinutesNone => ("なし", "None"),
        ErrMeetingClosed => ("会議 {name} は終了しています。審議済みの印はもう付けられません", "meeting {name} is closed: no more items can be marked reviewed"),
        ErrMeetingNameTaken => (
            "会議 {name} のファイルは、別の会議 {other} が使っています。別の名前にしてください",
            "the file of meeting {name} is used by another meeting, {other}: choose another name",
        ),
        ErrMeetingNameTooLong => ("会議の名前 {name} が長すぎます（{max} 文字まで）", "the meeting's name {name} is too long ({max} characters at most)"),
        ErrNoSuchMeeting => ("会議「{name}」はありません", "there is no meeting \"{name}\""),
        ErrNoMeetings => (
            "会議がまだありません（kensho --meeting 名前 で始めます）",
            "there is no meeting yet (kensho --meeting NAME starts one)",
        ),
        // errors of the records
        ErrCannotRead => ("{path}: 読み込めません: {error}", "{path}: cannot read: {error}"),
        ErrNotFound => ("{path}: そのファイルまたはフォルダはありません", "{path}: no such file or folder"),
        ErrEmptyFile => ("{path}: ファイルが空です。記録のファイルには {expected}(...) が 1 つ入ります", "{path}: the file is empty; a records file holds one {expected}(...)"),
        ErrNotUtf8 => ("{at}: UTF-8 のテキストではありません（記録は UTF-8 で書きます）", "{at}: the file is not valid UTF-8 (records are UTF-8 text)"),
        ErrUnknownCode => (
            "{at}: 項目 {id}: {field} の {code} は{scale}の記号ではありません。使える記号: {allowed}",
            "{at}: item {id}: {field} {code} is not a code of {scale}; allowed: {allowed}",
        ),
        ErrDuplicateId => ("{second}: ID {id} が重複しています（最初は {first}）", "{second}: duplicate id {id}, first used at {first}"),
        ErrNoRecords => (
            "{path}: 記録がありません。記録のフォルダには report.ron と提言ごとの .ron ファイルが入ります",
            "{path}: no records here: a records folder holds report.ron and one .ron file per recommendation",
        ),
        ErrSymlink => (
            "{path}: シンボリックリンク（→ {target}）は読みません。記録は記録フォルダの中の普通のファイルにしてください",
            "{path}: refused: a symbolic link (to {target}); records files must be plain files inside the records folder",
        ),
        ProblemMissingReport => (
            "report.ron がありません。記録のフォルダには report.ron（題名・出典・二つの区分）が必要です",
            "missing: a records folder needs report.ron (title, source and the two scales)",
        ),
        ProblemRecommendationsInReport => (
            "記録フォルダの report.ron には提言を書きません。提言はそれぞれのファイルに書きます",
            "report.ron in a records folder holds no recommendations; they go in their own files",
        ),
        ProblemEmptyScale => ("{scale} に記号がありません。区分には記号が 1 つ以上必要です", "{scale} has no codes; a scale needs at least one"),
        ProblemBadScaleCode => ("{scale}: 記号 {code} が空か、二度書かれています", "{scale}: code {code} is empty or listed twice"),
        ProblemDuplicateRecommendation => ("提言 {number} が二つあります", "recommendation {number} appears twice"),
        ProblemDuplicatePoint => ("提言 {recommendation}: 項目 {point} が二つあります", "recommendation {recommendation}: point {point} appears twice"),
        ProblemBadId => (
            "ID {id} は使えません。ID は 1〜32 文字の ASCII の英数字と '-' '.' '_' で、英数字で始まり英数字で終わります",
            "id {id} is not allowed: ids are 1 to 32 ASCII letters, digits, '-', '.' or '_', beginning and ending with a letter or digit",
        ),
        ProblemZeroNumber => (
            "{what}の番号が 0 です。番号は 1 から数えます",
            "{what} is numbered 0; numbers start at 1",
        ),
        ProblemNoPoints => (
            "提言 {number} に項目（points）がありません。提言には項目が 1 つ以上必要です",
            "recommendation {number} has no points; a recommendation needs at least one",
        ),
        WordRecommendation => ("提言", "a recommendation"),
        WordPoint => ("項目", "a point"),
        ProblemUnknownAgendaItem => (
            "会議の議題の {id} は記録のどの項目の ID でもありません",
            "the agenda lists {id}, which is not an item id of the records",
        ),
        ProblemRelistsItself => ("項目 {id} が自分自身を再掲しています", "item {id} relists itself"),
        ProblemRelistsUnknown => ("項目 {id} の再掲元 {target} はどの項目の ID でもありません", "item {id} relists {target}, which is not an item id"),
        ProblemNoteLanguage => (
            "{id} の注に {missing} の文がありません（注は Note(ja: \"…\", en: \"…\") と日本語と英語の両方で書きます）",
            "{id}: its note has no {missing} text (a note is written in both languages: Note(ja: \"…\", en: \"…\"))",
        ),
        ProblemRelistsUnmarked => (
            "項目 {id} は再掲元を書いていますが relisted: true になっていません",
            "item {id} names the row it relists but is not marked relisted: true",
        ),
        RonEof => ("ファイルが途中で終わっています。括弧か引用符が閉じていません", "unexpected end of file: a bracket or quote is not closed"),
        RonExpectedComma => ("ここにカンマ（,）が必要です", "expected a comma here"),
        RonExpectedString => ("ここには \"…\" で囲んだ文字列が必要です", "expected a string in double quotes here"),
        RonExpectedInteger => ("ここには整数が必要です", "expected a whole number here"),
        RonExpectedBoolean => ("ここには true か false が必要です", "expected true or false here"),
        RonExpectedList => ("ここには [ ... ] の並びが必要です", "expected a list in [ ... ] here"),
        RonExpectedParen => ("ここには ( ... ) が必要です", "expected ( ... ) here"),
        RonExpectedNamed => ("ここには {name}( ... ) が必要です", "expected {name}( ... ) here"),
        RonWrongName => ("{found} ではなく {expected} が必要です", "expected {expected}, found {found}"),
        RonTrailing => ("値の後に余計な文字があります", "unexpected characters after the value"),
        RonMissingField => ("{outer} に欄 {field} がありません", "missing field {field} in {outer}"),
        RonDuplicateField => ("{outer} に欄 {field} が二度あります", "field {field} appears twice in {outer}"),
        RonUnknownField => ("{outer} に知らない欄 {found} があります。使える欄: {expected}", "unknown field {found} in {outer}; expected one of: {expected}"),
        RonWrongType => ("{expected} が必要ですが {found} があります", "expected {expected}, found {found}"),
        RonOther => ("RON の書き方の誤り: {detail}", "not valid RON: {detail}"),
        // errors of saving
        ErrPresenceRead => ("{path}: 発表の共有ファイルを読めません: {error}", "{path}: cannot read the presenter file: {error}"),
        ErrPresenceNotText => ("{path}: 発表の共有ファイルが文字として読めません（UTF-8 ではありません）", "{path}: the presenter file is not text (not UTF-8)"),
        ErrPresenceNotPresence => ("{path}:{at}: 発表の共有ファイルの形式ではありません: {error}", "{path}:{at}: not a presenter file: {error}"),
        ErrLock => ("{path}: 記録をロックできません: {error}", "{path}: cannot lock the records: {error}"),
        ErrUnknownItem => ("ID {id} の項目はありません", "no item has id {id}"),
        ErrUnknownItemNear => ("ID {id} の項目はありません。もしかして: {near}", "no item has id {id}; did you mean {near}?"),
        ErrBadCode => ("{field} の {value} は{scale}の記号ではありません。使える記号: {allowed}", "{field} {value} is not a code of {scale}; allowed: {allowed}"),
        ErrConflict => (
            "{item} {field} は読み込んだ後に他の人が変更しました: 今は {theirs}（読み込んだ時 {seen}、あなたの値 {ours}）。何も保存していません",
            "{item} {field} was changed by someone else since you loaded it: it is now {theirs} (you saw {seen} and want {ours}); nothing was saved",
        ),
        ErrLogAppend => ("{path}: 変更履歴に書き足せません: {error}。何も保存していません", "{path}: cannot append to the change log: {error}; nothing was saved"),
        ErrNotSaved => ("{error}。記録は元のままで、変更は保存されていません", "{error}; the records are as they were, the change is not saved"),
        ErrRender => ("記録を RON に書けません: {error}", "cannot render the records as RON: {error}"),
        ErrCannotSave => ("{path}: 保存できません: {error}", "{path}: cannot save: {error}"),
        IoNotFound => ("見つかりません", "not found"),
        IoPermission => ("権限がありません", "permission denied"),
        IoOther => ("システムがファイルの操作を断りました", "the system refused to use the file"),
        IoFull => ("ディスクがいっぱいです", "no space left on device"),
        IoReadOnly => ("読み取り専用です", "read-only file system"),
        IoExists => ("すでにあります", "already exists"),
        IoIsFolder => ("フォルダです", "is a folder"),
        IoNotRegular => (
            "{what}で、通常のファイルではありません。kensho は通常のファイルだけを読み書きします",
            "{what}, not a regular file: kensho reads and writes regular files only",
        ),
        IoTooLarge => (
            "{mib} MiB を超えています（kensho が読むファイルの上限）",
            "larger than {mib} MiB (the most kensho reads from one file)",
        ),
        KindSymlink => ("シンボリックリンク", "a symbolic link"),
        KindFolder => ("フォルダ", "a folder"),
        KindFifo => ("名前付きパイプ（FIFO）", "a named pipe (FIFO)"),
        KindDevice => ("デバイス", "a device"),
        KindSocket => ("ソケット", "a socket"),
        KindOther => ("特殊なファイル", "a special file"),
    }
}
