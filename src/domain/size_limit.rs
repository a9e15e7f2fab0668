//! The largest size of a file brought in from outside (a scan, a logo, a
//! CSV file, a backup's manifest) and how a refusal is worded. The reading
//! that keeps to it is [`crate::bounded_read`].

use crate::error::{Error, Result};

/// How large a file may be, and what the user is told when it is larger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeLimit {
    /// Most bytes accepted.
    pub bytes: u64,
    /// The form field a refusal is about.
    pub field: &'static str,
    /// What the file is, opening the message: "Berkas pindaian".
    pub what: &'static str,
    /// What to do instead, closing the message.
    pub hint: &'static str,
}

impl SizeLimit {
    /// Refuses a file of `len` bytes when that is more than the limit.
    pub fn check(&self, len: u64) -> Result<()> {
        if len > self.bytes {
            return Err(self.refusal(Some(len)));
        }
        Ok(())
    }

    /// The refusal of a file larger than the limit; `len` is its size when
    /// known (a stream that never ends has none, only more than allowed).
    pub fn refusal(&self, len: Option<u64>) -> Error {
        let max = size_text(self.bytes);
        let message = match len {
            Some(len) => format!(
                "{} {}; paling besar {max}. {}",
                self.what,
                size_text(len),
                self.hint
            ),
            None => format!("{} melebihi batas {max}. {}", self.what, self.hint),
        };
        Error::validation(self.field, message)
    }
}

/// A size as people read it: "10 MB", "10.4 MB", "512 KB".
fn size_text(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        if bytes.is_multiple_of(MB) {
            format!("{} MB", bytes / MB)
        } else {
            format!("{:.1} MB", bytes as f64 / MB as f64)
        }
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: SizeLimit = SizeLimit {
        bytes: 2 * 1024 * 1024,
        field: "berkas",
        what: "Berkas contoh",
        hint: "Kecilkan berkasnya.",
    };

    #[test]
    fn a_refusal_says_the_size_when_it_is_known_and_the_limit_always() {
        assert!(LIMIT.check(LIMIT.bytes).is_ok());
        let e = LIMIT.check(LIMIT.bytes + 100 * 1024).unwrap_err();
        assert_eq!(e.field(), Some("berkas"));
        assert_eq!(
            e.to_string(),
            "Berkas contoh 2.1 MB; paling besar 2 MB. Kecilkan berkasnya."
        );
        assert_eq!(
            LIMIT.refusal(None).to_string(),
            "Berkas contoh melebihi batas 2 MB. Kecilkan berkasnya."
        );
        assert_eq!(size_text(512 * 1024), "512 KB");
        assert_eq!(size_text(1), "1 KB");
    }
}
