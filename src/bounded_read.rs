//! Reading a whole file that comes from outside (picked in a dialog, named
//! on the command line, found beside a backup) without trusting the size it
//! reports. A size read beforehand can lie: `/dev/zero` or a named pipe
//! says 0 bytes and never ends, a file can grow while it is read. So the
//! bytes are counted as they come and reading stops one byte past the
//! limit, whatever the file is.

use std::io::Read;
use std::path::Path;

use crate::domain::size_limit::SizeLimit;
use crate::error::{Error, Result};

/// Everything `reader` gives, or `None` as soon as it gives more than
/// `limit` bytes (at most `limit + 1` bytes are ever read).
pub fn read_at_most(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// The whole file at `path`, refused by `limit` when it is larger. A
/// regular file's size is checked first (the refusal can say how large it
/// is); then whatever the file gives is counted as it is read.
pub fn read_file(path: &Path, limit: &SizeLimit) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io_at("membaca", path, e))?;
    if let Ok(meta) = file.metadata() {
        if meta.is_file() {
            limit.check(meta.len())?;
        }
    }
    read_at_most(file, limit.bytes)
        .map_err(|e| Error::io_at("membaca", path, e))?
        .ok_or_else(|| limit.refusal(None))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: SizeLimit = SizeLimit {
        bytes: 1024,
        field: "berkas",
        what: "Berkas uji",
        hint: "Pakai berkas yang lebih kecil.",
    };

    #[test]
    fn an_endless_stream_stops_one_byte_past_the_limit() {
        assert_eq!(read_at_most(std::io::repeat(7), 10).unwrap(), None);
        assert_eq!(
            read_at_most(&[7u8; 10][..], 10).unwrap(),
            Some(vec![7u8; 10])
        );
        assert_eq!(read_at_most(&[][..], 0).unwrap(), Some(vec![]));
        assert_eq!(read_at_most(&[1u8][..], 0).unwrap(), None);
    }

    #[test]
    fn a_regular_file_up_to_the_limit_is_read_and_a_larger_one_refused() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("kecil.csv");
        std::fs::write(&small, vec![b'a'; 1024]).unwrap();
        assert_eq!(read_file(&small, &LIMIT).unwrap().len(), 1024);
        let big = dir.path().join("besar.csv");
        std::fs::write(&big, vec![b'a'; 4096]).unwrap();
        let e = read_file(&big, &LIMIT).unwrap_err();
        assert_eq!(e.field(), Some("berkas"));
        assert!(e.to_string().starts_with("Berkas uji 4 KB"), "{e}");
        assert!(read_file(&dir.path().join("tidak-ada"), &LIMIT).is_err());
    }

    /// A device that reports no size and never ends is refused once the
    /// limit is passed, not read until memory runs out.
    #[cfg(unix)]
    #[test]
    fn a_special_file_that_never_ends_is_refused() {
        let e = read_file(Path::new("/dev/zero"), &LIMIT).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Berkas uji melebihi batas 1 KB. Pakai berkas yang lebih kecil."
        );
        let e = read_file(Path::new("/dev/zero"), &crate::domain::scan::LIMIT).unwrap_err();
        assert_eq!(e.field(), Some("berkas"));
        assert!(e.to_string().contains("melebihi batas 10 MB"), "{e}");
    }
}
