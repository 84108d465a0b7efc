//! The files kensho creates are its own and the group's: opened without
//! following links (see [`crate::domain::files`]), and a new file or folder
//! takes the folder's group and its group permissions, whatever the umask of
//! whoever happened to create it first. In a setgid folder shared by a
//! department, every member can then lock, log and write meetings.

use std::fs::File;
use std::io;
use std::path::Path;

use crate::domain::files::{Access, open_regular};

/// Open `path`, one of kensho's own files (log, lock, torn lines); created
/// with the folder's group and group permissions when missing.
pub fn open_own(path: &Path, access: Access) -> io::Result<File> {
    let (file, created) = open_regular(path, access)?;
    if created && let Some(dir) = path.parent() {
        give_folder_access(&file, dir);
    }
    Ok(file)
}

/// The permission bits for a new file in `dir`: read and write for its owner;
/// for the group what the folder gives it (read and write when the group may
/// write there, read when it may read); read for others when others may read
/// the folder.
#[cfg(unix)]
fn mode_in(dir_mode: u32) -> u32 {
    let group = if dir_mode & 0o020 != 0 {
        0o060
    } else if dir_mode & 0o040 != 0 {
        0o040
    } else {
        0
    };
    let others = if dir_mode & 0o004 != 0 { 0o004 } else { 0 };
    0o600 | group | others
}

/// Give a file just created in `dir` the folder's group and the permission
/// bits of [`mode_in`], as far as this user may (a group they are not in is
/// left as it is).
#[cfg(unix)]
pub fn give_folder_access(file: &File, dir: &Path) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(meta) = std::fs::metadata(dir) else {
        return;
    };
    let _ = std::os::unix::fs::fchown(file, None, Some(meta.gid()));
    let _ = file.set_permissions(std::fs::Permissions::from_mode(mode_in(meta.mode())));
}

#[cfg(not(unix))]
pub fn give_folder_access(_file: &File, _dir: &Path) {}

/// Create the folder `path` (its parent must exist) with the parent's group,
/// permission bits and setgid bit; nothing when it exists. A link standing
/// there is an error, never followed: kensho writes in its own folders only.
pub fn make_folder(path: &Path) -> io::Result<()> {
    match std::fs::create_dir(path) {
        Ok(()) => {}
        Err(e)
            if e.kind() == io::ErrorKind::AlreadyExists
                && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) =>
        {
            return Ok(());
        }
        Err(e) => return Err(e),
    }
    #[cfg(unix)]
    if let Some(parent) = path.parent() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if let Ok(meta) = std::fs::metadata(parent) {
            let _ = std::os::unix::fs::chown(path, None, Some(meta.gid()));
            let bits = meta.mode() & 0o2777;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(bits));
        }
    }
    Ok(())
}

/// Whether `dir` holds records (a regular `.ron` file): kensho creates its
/// lock and log only beside records, never in an arbitrary folder.
pub fn holds_records(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        e.file_name().to_string_lossy().ends_with(".ron")
            && e.file_type().is_ok_and(|t| t.is_file())
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_follows_the_folder_not_the_umask() {
        assert_eq!(mode_in(0o2775), 0o664);
        assert_eq!(mode_in(0o2770), 0o660);
        assert_eq!(mode_in(0o755), 0o644);
        assert_eq!(mode_in(0o700), 0o600);
        assert_eq!(mode_in(0o750), 0o640);
    }
}
