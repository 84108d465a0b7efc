//! The tests that need something of the machine: root (to mount a small
//! tmpfs, to make users), LibreOffice, pdftotext, python3 with openpyxl.
//! Each names what it needs; where that is missing here, the test is
//! reported ignored with the reason, never passed. (A harness of its own,
//! libtest-mimic, because the standard one decides what is ignored when it
//! is compiled, not when it runs.)
// Tests and benchmarks may stop at the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../it/common/mod.rs"]
mod common;
mod office;
mod readings;
mod root;
mod shell;
mod tmux;

use libtest_mimic::{Arguments, Completion, Trial};

/// What a test needs of the machine.
#[derive(Debug, Clone, Copy)]
pub enum Need {
    /// Mounting a tmpfs (root, in a system that allows it).
    Mount,
    /// Making users and groups (root).
    Accounts,
    /// LibreOffice (`soffice`).
    Soffice,
    /// `pdftotext` (poppler-utils).
    Pdftotext,
    /// python3 with openpyxl.
    Openpyxl,
    /// man-db's `man` with groff.
    Man,
    /// bash.
    Bash,
    /// Debian's unicode-data and mecab-ipadic files, and python3.
    ReadingSources,
    /// tmux (a terminal that says where its cursor is).
    Tmux,
}

impl Need {
    fn here(self) -> bool {
        match self {
            Need::Mount => root::Tmpfs::mount("64k").is_some(),
            Need::Accounts => root::accounts().is_some(),
            Need::Soffice => runs("soffice", &["--version"]),
            Need::Pdftotext => runs("pdftotext", &["-v"]),
            Need::Openpyxl => runs("python3", &["-c", "import openpyxl"]),
            Need::Man => runs("man", &["--version"]) && runs("groff", &["--version"]),
            Need::Bash => runs("bash", &["--version"]),
            Need::ReadingSources => readings::sources().is_some() && runs("python3", &["-V"]),
            Need::Tmux => runs("tmux", &["-V"]),
        }
    }

    fn why(self) -> &'static str {
        match self {
            Need::Mount => "needs root to mount a tmpfs",
            Need::Accounts => "needs root to make two users in one group",
            Need::Soffice => "needs LibreOffice (soffice)",
            Need::Pdftotext => "needs pdftotext (poppler-utils)",
            Need::Openpyxl => "needs python3 with openpyxl",
            Need::Man => "needs man and groff",
            Need::Bash => "needs bash",
            Need::ReadingSources => {
                "needs Debian's unicode-data and mecab-ipadic files (installed, or unpacked into KENSHO_READING_SOURCES) and python3"
            }
            Need::Tmux => "needs tmux",
        }
    }
}

/// Whether `program` runs here with `args`.
fn runs(program: &str, args: &[&str]) -> bool {
    std::process::Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A test run only where the machine has what it `needs`.
fn trial(name: &str, needs: &'static [Need], test: fn()) -> Trial {
    Trial::ignorable_test(name, move || {
        if let Some(missing) = needs.iter().find(|n| !n.here()) {
            return Ok(Completion::ignored_with(missing.why()));
        }
        test();
        Ok(Completion::Completed)
    })
}

fn main() {
    let args = Arguments::from_args();
    let trials = vec![
        trial(
            "root::a_full_disk_and_a_read_only_folder",
            &[Need::Mount],
            root::a_full_disk_and_a_read_only_folder,
        ),
        trial(
            "root::a_full_disk_never_costs_a_logged_change",
            &[Need::Mount],
            root::a_full_disk_never_costs_a_logged_change,
        ),
        trial(
            "root::two_members_of_a_group_save_in_turn_in_a_setgid_folder",
            &[Need::Accounts],
            root::two_members_of_a_group_save_in_turn_in_a_setgid_folder,
        ),
        trial(
            "office::libreoffice_prints_the_published_table_readably",
            &[Need::Soffice, Need::Pdftotext],
            office::libreoffice_prints_the_published_table_readably,
        ),
        trial(
            "office::libreoffice_prints_every_page_with_its_context_the_legend_and_the_notes",
            &[Need::Soffice, Need::Pdftotext],
            office::libreoffice_prints_every_page_with_its_context_the_legend_and_the_notes,
        ),
        trial(
            "office::libreoffice_makes_the_minutes_a_pdf",
            &[Need::Soffice, Need::Pdftotext],
            office::libreoffice_makes_the_minutes_a_pdf,
        ),
        trial(
            "office::a_survey_resaved_by_libreoffice_changes_nothing",
            &[Need::Soffice],
            office::a_survey_resaved_by_libreoffice_changes_nothing,
        ),
        trial(
            "office::a_survey_edited_by_openpyxl_comes_back_with_exactly_its_edits",
            &[Need::Openpyxl],
            office::a_survey_edited_by_openpyxl_comes_back_with_exactly_its_edits,
        ),
        trial(
            "shell::man_lays_out_the_page_in_both_languages_without_a_warning",
            &[Need::Man],
            shell::man_lays_out_the_page_in_both_languages_without_a_warning,
        ),
        trial(
            "shell::bash_completes_an_id_by_asking_kensho",
            &[Need::Bash],
            shell::bash_completes_an_id_by_asking_kensho,
        ),
        trial(
            "readings::the_tables_are_what_the_script_makes_of_the_debian_files",
            &[Need::ReadingSources],
            readings::the_tables_are_what_the_script_makes_of_the_debian_files,
        ),
        trial(
            "tmux::the_cursor_stands_on_the_focus",
            &[Need::Tmux],
            tmux::the_cursor_stands_on_the_focus,
        ),
        trial(
            "tmux::plain_mode_reads_as_lines",
            &[Need::Tmux],
            tmux::plain_mode_reads_as_lines,
        ),
    ];
    libtest_mimic::run(&args, trials).exit();
}
