//! Scanned documents: what kind of file it is, judged from its bytes (never
//! from its name), and how large it may be.

use crate::domain::size_limit::SizeLimit;
use crate::error::{Error, Result};

/// Largest scan accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The kinds of scan accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanKind {
    Pdf,
    Jpeg,
    Png,
}

impl ScanKind {
    pub fn media_type(self) -> &'static str {
        match self {
            ScanKind::Pdf => "application/pdf",
            ScanKind::Jpeg => "image/jpeg",
            ScanKind::Png => "image/png",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ScanKind::Pdf => "pdf",
            ScanKind::Jpeg => "jpg",
            ScanKind::Png => "png",
        }
    }

    pub fn from_media_type(s: &str) -> Option<Self> {
        [ScanKind::Pdf, ScanKind::Jpeg, ScanKind::Png]
            .into_iter()
            .find(|k| k.media_type() == s)
    }
}

/// Whether `name` is the name a scan is stored under: its SHA-256 as 64
/// lower-case hex digits and a known extension. Anything else (a path, a
/// "hash" of `../..`) read from a database is refused before it names a file.
pub fn is_stored_name(name: &str) -> bool {
    let Some((hash, ext)) = name.split_once('.') else {
        return false;
    };
    hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && [ScanKind::Pdf, ScanKind::Jpeg, ScanKind::Png]
            .iter()
            .any(|k| k.extension() == ext)
}

/// The scan's limit as files from outside are read with
/// ([`crate::bounded_read::read_file`]).
pub const LIMIT: SizeLimit = SizeLimit {
    bytes: MAX_BYTES as u64,
    field: "berkas",
    what: "Berkas pindaian",
    hint: "Pindai ulang dengan resolusi lebih rendah.",
};

/// Refuses a scan larger than [`MAX_BYTES`].
pub fn check_size(len: u64) -> Result<()> {
    LIMIT.check(len)
}

/// Checks a scan: not empty, not too large, and a PDF, JPEG or PNG by its
/// first bytes.
pub fn sniff(bytes: &[u8]) -> Result<ScanKind> {
    if bytes.is_empty() {
        return Err(Error::validation("berkas", "Berkas pindaian kosong."));
    }
    check_size(bytes.len() as u64)?;
    if bytes.starts_with(b"%PDF-") {
        Ok(ScanKind::Pdf)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(ScanKind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok(ScanKind::Png)
    } else {
        Err(Error::validation(
            "berkas",
            "Isi berkas bukan PDF, JPG, atau PNG (apa pun nama berkasnya). Simpan pindaian sebagai PDF, JPG, atau PNG.",
        ))
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn only_a_hash_and_a_known_extension_name_a_stored_scan() {
        let hash = "a".repeat(64);
        assert!(is_stored_name(&format!("{hash}.pdf")));
        assert!(is_stored_name(&format!("{hash}.jpg")));
        assert!(!is_stored_name(&format!("{}.pdf", "A".repeat(64))));
        assert!(!is_stored_name(&format!("{}.pdf", "a".repeat(63))));
        assert!(!is_stored_name(&format!("{hash}.exe")));
        assert!(!is_stored_name(&format!("{hash}.pdf.jpg")));
        assert!(!is_stored_name(&format!("../../{}.pdf", "a".repeat(58))));
        assert!(!is_stored_name("../../PPP.jpg"));
        assert!(!is_stored_name(&hash));
    }

    use super::*;

    #[test]
    fn the_kind_comes_from_the_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n...").unwrap(), ScanKind::Pdf);
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]).unwrap(),
            ScanKind::Jpeg
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0").unwrap(), ScanKind::Png);
        // An executable or a text file renamed to .pdf is refused.
        assert!(sniff(b"MZ\x90\0").is_err());
        assert!(sniff(b"hello %PDF-").is_err());
        assert!(sniff(b"").is_err());
        let big = vec![b'%'; MAX_BYTES + 1];
        let e = sniff(&big).unwrap_err();
        assert!(e.to_string().contains("paling besar 10 MB"), "{e}");
    }
}
