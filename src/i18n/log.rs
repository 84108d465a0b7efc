//! The words of the change log: `kensho set`, `log`, `verify` and `adopt`.

use super::catalogue;

catalogue! {
    /// Every word about saves and the change log.
    LogMsg {
        SetUnchanged => ("{item}: 変更なし", "{item}: unchanged"),
        SetForms => (
            "欄と値の書き方:\n  欄    phase, direction, progress, assessment、または日本語の名前: 区分は記録にある区分の名前（実施区分、評価区分など）、文は 実施状況、自己評価\n  記号  区分の記号。全角・小文字・ローマ数字でもよい（Ｂ や b は B、ⅱ や ii は II）。kensho import と同じ読み方\n  ID    大文字・小文字は区別しない（6-1-A は 6-1-a）\n例: kensho set 6-1-a 実施区分=B 評価区分=ii --reason 本部会議の決定",
            "Fields and values:\n  FIELD  phase, direction, progress, assessment, or the Japanese name: for a code the name of its scale in the records (実施区分, 評価区分, ...), for a text 実施状況, 自己評価\n  code   a code of the scale; full-width, lower case and roman numerals too (Ｂ or b is B, ⅱ or ii is II), read as kensho import reads them\n  ID     case does not matter (6-1-A is 6-1-a)\nExample: kensho set 6-1-a 実施区分=B 評価区分=ii --reason \"the task force's decision\"",
        ),
        SetChanged => ("{item} {field}: {old} → {new}", "{item} {field}: {old} -> {new}"),
        LogReasonMark => ("理由", "reason"),
        LogReasonGiven => ("直前の変更に理由を付けた", "a reason given for the change before"),
        LogForDepartment => ("（{department}の回答）", " (answer of {department})"),
        LogInMeeting => ("  会議「{name}」", "  in meeting \"{name}\""),
        LogZone => ("（時刻は{zone}）", "(times in {zone})"),
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
        UnloggedMatchesNone => (
            "どの保存のあとの状態とも一致しません。最後の保存は {last}",
            "they match no save in the log; the last save was at {last}",
        ),
        VerifyTorn => (
            "注: 途中で切れた行 {bytes} バイトが {file} に移されています（書き込みの途中で切れた行。その変更がデータに入っていれば、この検査で違いとして示されます）",
            "note: {bytes} bytes of cut-off lines were moved aside into {file} (lines cut off while written; had their change reached the data, this check shows it as a difference)",
        ),
        SetMovedAside => (
            "変更履歴の最後の行が途中で切れていたため、{bytes} バイトを {file} に移しました",
            "the log's last line was cut off: {bytes} bytes were moved aside into {file}",
        ),
        VerifyInterrupted => (
            "注: 最後の保存はデータを書く前に中断されました。次の保存で「中断」として記録されます",
            "note: the last save was interrupted before the data was written; it will be recorded as aborted at the next save",
        ),
        VerifyRolledBack => (
            "注: {when}（{user}）の保存は複数のファイルを書き換える途中で中断されていたため、そのファイルを保存前の状態に戻しました。次の保存で「中断」として記録されます",
            "note: the save of {when} by {user} was stopped between its files; they were put back as they were before it, and it will be recorded as aborted at the next save",
        ),
        VerifyUndoPending => (
            "{when}（{user}）の保存は複数のファイルを書き換える途中で中断されたままです（他の保存が実行中か、ファイルを書き換えられませんでした）。次の保存またはボードを開いたときに保存前の状態に戻ります",
            "the save of {when} by {user} was stopped between its files and is not put back yet (another save is running, or the files could not be written); the next save or board opening puts them back as they were before it",
        ),
        ErrUnlogged => (
            "{path}: 記録が最後の保存のあとに kensho の外で変更されていますが、変更履歴にその記録がありません（{what}）。何も保存していません。その変更を残すには kensho adopt {path} で変更履歴に記録してください（あなたの名前で記録されます）。取り消すにはファイルを元に戻してください（git checkout など）",
            "{path}: the records were changed outside kensho since the last save, and the log does not say so ({what}); nothing was saved. To keep that change, log it with kensho adopt {path} (under your name); to drop it, put the files back (git checkout, say)",
        ),
        SinceCommitField => (
            "{item} {field}: 最後のコミット {commit} では {committed}、今は {now}",
            "{item} {field}: {committed} at the last commit {commit}, now {now}",
        ),
        SinceCommitOther => (
            "実施区分・評価区分・実施状況・自己評価のほかに、最後のコミット {commit} から変わったところがあります",
            "something besides the phase, direction, progress and assessment changed since the last commit {commit}",
        ),
        AndMore => ("ほか {count} 件", "and {count} more"),
        LogAdoptedLine => (
            "{when}  {who}  記録全体を今の状態で採用（kensho の外での変更の取り込み） -- {reason}",
            "{when}  {who}  the records adopted as they are (changed outside kensho) -- {reason}",
        ),
        VerifyNothingYet => (
            "注: まだ一度も保存されていないため（変更履歴が空で、フォルダは git の管理下にありません）、最初の保存より前の変更は確かめられません",
            "note: nothing can be verified before the first save: the log is empty, and the folder is not in a git repository",
        ),
        VerifyAsCommitted => (
            "まだ保存はありません。記録は git の最後のコミット {commit} のとおりです",
            "no save yet: the records are as git's last commit {commit} has them",
        ),
        VerifyUnloggedSinceCommit => (
            "まだ保存がないのに、記録が git の最後のコミットから変わっています（変更履歴にない変更）",
            "no save yet, but the records differ from git's last commit: changes the log does not tell",
        ),
        VerifyHowToAdopt => (
            "その変更を残すには kensho adopt {path} で変更履歴に記録してください。取り消すにはファイルを元に戻してください",
            "to keep that change, log it with kensho adopt {path}; to drop it, put the files back",
        ),
        AdoptNothing => (
            "取り込むものはありません: 記録は変更履歴のとおりです",
            "nothing to adopt: the records are what the log says",
        ),
        AdoptDone => (
            "kensho の外での変更を変更履歴に記録しました（名前の分かった欄 {fields} 個と、記録全体の採用）",
            "the change made outside kensho is logged ({fields} named fields, and the records adopted as a whole)",
        ),
    }
}
