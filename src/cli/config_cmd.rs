//! `kensho config`: which configuration file is in force and whether it
//! fits the records, and `--default`: the complete default file.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::config::{Config, default_file};
use super::output::{fail, print, warn};
use crate::board::keymap::Keymap;
use crate::board::keymap::{default_keymap, default_tables};
use crate::domain::records::{default_path, load};
use crate::i18n::{CliMsg, Lang, ReadingMsg};
use crate::text::visible;

/// A complete configuration with every setting at its default, commented in
/// `lang`: what `kensho config --default` prints.
pub fn default_text(lang: Lang) -> String {
    let mut out = String::new();
    let comment = |out: &mut String, m: CliMsg| {
        for line in m.text(lang).lines() {
            let _ = writeln!(out, "    // {line}");
        }
    };
    let _ = writeln!(out, "// {}", CliMsg::ConfigHeader.text(lang));
    let _ = writeln!(out, "(");
    comment(&mut out, CliMsg::ConfigLang);
    let _ = writeln!(out, "    // lang: \"ja\",");
    comment(&mut out, CliMsg::ConfigTheme);
    let _ = writeln!(out, "    theme: \"dark\",");
    comment(&mut out, CliMsg::ConfigRecords);
    let _ = writeln!(out, "    // records: \"~/kensho/records\",");
    comment(&mut out, CliMsg::ConfigDisplayName);
    let _ = writeln!(out, "    // display_name: \"山田 花子（こども家庭課）\",");
    comment(&mut out, CliMsg::ConfigReadOnly);
    let _ = writeln!(out, "    // read_only: true,");
    comment(&mut out, CliMsg::ConfigPlain);
    let _ = writeln!(out, "    // plain: true,");
    comment(&mut out, CliMsg::ConfigConfirmEdits);
    let _ = writeln!(out, "    // confirm_edits: true,");
    for line in ReadingMsg::ConfigReadings.text(lang).lines() {
        let _ = writeln!(out, "    // {line}");
    }
    let _ = writeln!(out, "    // readings: false,");
    comment(&mut out, CliMsg::ConfigZone);
    let _ = writeln!(out, "    // zone: \"Asia/Tokyo\",");
    comment(&mut out, CliMsg::ConfigKeys);
    let _ = writeln!(out, "    keys: {{");
    for (screen, table) in default_tables(&[]) {
        let _ = writeln!(out, "        \"{}\": {{", screen.name());
        // A command bound twice (two help lines) is one entry.
        let mut entries: Vec<(String, Vec<String>)> = Vec::new();
        for b in &table {
            let Some(name) = b.command.name() else {
                continue;
            };
            let keys = b.keys.iter().map(|k| format!("{:?}", k.label(true)));
            match entries.iter_mut().find(|(n, _)| *n == name) {
                Some((_, all)) => all.extend(keys),
                None => entries.push((name, keys.collect())),
            }
        }
        for (name, keys) in entries {
            let _ = writeln!(out, "            {:?}: [{}],", name, keys.join(", "));
        }
        let _ = writeln!(out, "        }},");
    }
    let _ = writeln!(out, "    }},");
    let _ = writeln!(out, ")");
    out
}

/// `kensho config`: say which file is in force and whether its keys fit the
/// records' keymap (the records of PATH or the configuration, when they load).
pub fn check(config: &Config, records: Option<PathBuf>, lang: Lang) -> ExitCode {
    let Some(file) = &config.file else {
        let path = default_file()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let text = CliMsg::ConfigNone.fill(lang, &[("path", &visible(&path))]);
        return print(lang, &format!("{text}\n"));
    };
    let loaded = load(&default_path(records));
    if loaded.is_err() {
        // Checked all the same, without the keys of the scales' codes.
        warn(lang, CliMsg::ConfigNoRecords.text(lang));
    }
    let report = loaded.map(|r| r.report).unwrap_or_default();
    let keymap = default_keymap(&report).or_else(|_| Keymap::new(default_tables(&[])));
    if let Ok(mut keymap) = keymap
        && let Err(e) = config.apply_keys(&mut keymap, &report, lang)
    {
        return fail(lang, &e.say(lang));
    }
    let path = file.display().to_string();
    let text = CliMsg::ConfigInUse.fill(lang, &[("path", &visible(&path))]);
    print(lang, &format!("{text}\n"))
}
