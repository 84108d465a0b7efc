//! Opening the files kensho reads and writes: never through a symbolic link,
//! only regular files (a FIFO would hang the reader, `/dev/zero` would never
//! end), and never more than a stated size.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The largest records file kensho reads (`.ron`): 256 MiB. A generated
/// report of 100 000 items takes about 20 MiB per recommendation file.
pub const MAX_RECORDS_FILE: u64 = 256 * 1024 * 1024;

/// The largest meeting or presence file kensho reads: 16 MiB.
pub const MAX_SMALL_FILE: u64 = 16 * 1024 * 1024;

/// What stands where kensho expected a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Symlink,
    Folder,
    Fifo,
    Device,
    Socket,
    Other,
}

/// The error of opening something that is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotRegular(pub FileKind);

impl std::fmt::Display for NotRegular {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.0 {
            FileKind::Symlink => "a symbolic link",
            FileKind::Folder => "a folder",
            FileKind::Fifo => "a FIFO (named pipe)",
            FileKind::Device => "a device",
            FileKind::Socket => "a socket",
            FileKind::Other => "not a regular file",
        };
        write!(f, "{what}, not a regular file")
    }
}

impl std::error::Error for NotRegular {}

/// The error of a file larger than kensho reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    pub limit: u64,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "larger than {} MiB", self.limit / (1024 * 1024))
    }
}

impl std::error::Error for TooLarge {}

/// How to open a file with [`open_regular`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    /// Read and write an existing file.
    Update,
    /// Append, creating the file when missing.
    Append,
    /// Read and write, creating the file when missing.
    ReadWrite,
}

/// Open `path` without following a symbolic link in its last component and
/// without blocking on a FIFO; anything but a regular file is an error
/// ([`NotRegular`]). Returns the file and whether it was created now.
pub fn open_regular(path: &Path, access: Access) -> io::Result<(File, bool)> {
    open_checked(path, access, false)
}

fn open_checked(path: &Path, access: Access, follow: bool) -> io::Result<(File, bool)> {
    let options = |create_new: bool| {
        let mut o = OpenOptions::new();
        match access {
            Access::Read => o.read(true),
            Access::Update => o.read(true).write(true),
            Access::Append => o.append(true),
            Access::ReadWrite => o.read(true).write(true),
        };
        if create_new {
            o.create_new(true);
        }
        #[cfg(unix)]
        {
            use rustix::fs::OFlags;
            use std::os::unix::fs::OpenOptionsExt;
            let flags = if follow {
                OFlags::NONBLOCK
            } else {
                OFlags::NOFOLLOW | OFlags::NONBLOCK
            };
            o.custom_flags(flags.bits() as i32);
            // Narrowed to what the folder allows right after creation.
            o.mode(0o600);
        }
        o
    };
    let creates = matches!(access, Access::Append | Access::ReadWrite);
    let opened = if creates {
        match options(true).open(path) {
            Ok(f) => Ok((f, true)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                options(false).open(path).map(|f| (f, false))
            }
            Err(e) => Err(e),
        }
    } else {
        options(false).open(path).map(|f| (f, false))
    };
    let (file, created) = opened.map_err(|e| said(path, e))?;
    let kind = file_kind(&file.metadata()?);
    match kind {
        None => Ok((file, created)),
        Some(kind) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            NotRegular(kind),
        )),
    }
}

/// A symbolic link refused by O_NOFOLLOW (ELOOP) or a FIFO without a reader
/// (ENXIO) said as what it is.
fn said(path: &Path, e: io::Error) -> io::Error {
    #[cfg(unix)]
    {
        let raw = e.raw_os_error();
        if raw == Some(rustix::io::Errno::LOOP.raw_os_error())
            || raw == Some(rustix::io::Errno::NXIO.raw_os_error())
            || raw == Some(rustix::io::Errno::ISDIR.raw_os_error())
        {
            let kind = std::fs::symlink_metadata(path)
                .map(|m| file_kind(&m).unwrap_or(FileKind::Other))
                .unwrap_or(FileKind::Other);
            return io::Error::new(io::ErrorKind::InvalidInput, NotRegular(kind));
        }
    }
    let _ = path;
    e
}

/// None for a regular file, else what it is.
pub fn file_kind(meta: &std::fs::Metadata) -> Option<FileKind> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some(FileKind::Fifo);
        }
        if t.is_block_device() || t.is_char_device() {
            return Some(FileKind::Device);
        }
        if t.is_socket() {
            return Some(FileKind::Socket);
        }
    }
    Some(if t.is_symlink() {
        FileKind::Symlink
    } else if t.is_dir() {
        FileKind::Folder
    } else {
        FileKind::Other
    })
}

/// The bytes of the regular file `path`, at most `limit` of them (else
/// [`TooLarge`]).
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    read_checked(path, 0, limit, false)
}

/// Like [`read_regular`], the bytes from byte `from` on (none when the file
/// is shorter); `limit` bounds the file's whole size.
pub fn read_regular_from(path: &Path, from: u64, limit: u64) -> io::Result<Vec<u8>> {
    read_checked(path, from, limit, false)
}

/// Like [`read_regular`], but a symbolic link is followed (a configuration
/// file kept by a dotfiles manager); what it leads to must be a regular file.
pub fn read_following(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    read_checked(path, 0, limit, true)
}

fn read_checked(path: &Path, from: u64, limit: u64, follow: bool) -> io::Result<Vec<u8>> {
    let (mut file, _) = open_checked(path, Access::Read, follow)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            TooLarge { limit },
        ));
    }
    let from = from.min(size);
    if from > 0 {
        io::Seek::seek(&mut file, io::SeekFrom::Start(from))?;
    }
    let mut bytes = Vec::with_capacity((size - from) as usize);
    // A file that grows while read is cut at the limit and refused.
    file.take(limit.saturating_add(1).saturating_sub(from))
        .read_to_end(&mut bytes)?;
    if from + bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            TooLarge { limit },
        ));
    }
    Ok(bytes)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_fifos_devices_and_folders_are_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, "x").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        let fifo = dir.path().join("fifo");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        let kind = |r: io::Result<(File, bool)>| {
            let e = r.expect_err("refused");
            e.get_ref()
                .and_then(|x| x.downcast_ref::<NotRegular>())
                .map(|n| n.0)
        };
        for access in [Access::Read, Access::Append, Access::ReadWrite] {
            assert_eq!(kind(open_regular(&link, access)), Some(FileKind::Symlink));
            assert_eq!(kind(open_regular(&fifo, access)), Some(FileKind::Fifo));
            assert_eq!(
                kind(open_regular(Path::new("/dev/zero"), access)),
                Some(FileKind::Device)
            );
            assert_eq!(
                kind(open_regular(dir.path(), access)),
                Some(FileKind::Folder)
            );
        }
        assert_eq!(
            kind(open_regular(&dangling, Access::Append)),
            Some(FileKind::Symlink)
        );
        assert!(!dir.path().join("nowhere").exists(), "nothing created");
        assert_eq!(read_regular(&target, 10).unwrap(), b"x");
        let big = read_regular(&target, 0).unwrap_err();
        assert!(big.get_ref().unwrap().is::<TooLarge>());
    }
}
