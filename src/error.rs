//! The core's error type. Every variant is a case a user can act on; its
//! `Display` is the message shown to staff (Bahasa Indonesia) and `code()` is
//! a stable identifier the UI and scripts can match on.

use serde::Serialize;
use ts_rs::TS;

/// Result of every fallible operation in the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that does not satisfy a rule; `field` names the form field.
    #[error("{message}")]
    Validation { field: String, message: String },

    /// Not bad input: the round's stage does not allow this now (the stage
    /// is closed and its results frozen, not opened yet, or not the one in
    /// progress). The message says where the round stands.
    #[error("{0}")]
    Stage(String),

    #[error("Database belum disiapkan. Pilih kabupaten/kota terlebih dahulu (adhoc init --wilayah KODE).")]
    NotInitialized,

    #[error("Database ini sudah disiapkan untuk {0}; tidak dapat disiapkan ulang.")]
    AlreadyInitialized(String),

    #[error("Akun administrator pertama sudah ada. Masuk dengan akun tersebut.")]
    AdminExists,

    #[error(
        "Kode wilayah \"{0}\" tidak dikenal. Periksa kembali kodenya (contoh: 35.14 atau 3514)."
    )]
    UnknownRegion(String),

    /// Every failed login, whatever the cause (unknown user, wrong
    /// password, locked or deactivated account): the message may not tell
    /// which, or it would tell a stranger which accounts exist.
    #[error(
        "Nama pengguna atau kata sandi salah, atau akun sedang dikunci. \
         Periksa kembali isian Anda; bila tetap tidak dapat masuk, mintalah bantuan administrator."
    )]
    InvalidCredentials,

    #[error("Sesi Anda telah berakhir. Silakan masuk kembali.")]
    Unauthenticated,

    #[error(
        "Layar terkunci karena tidak ada aktivitas. Masukkan kata sandi Anda untuk melanjutkan."
    )]
    SessionLocked,

    /// Said only to someone already logged in (changing their own
    /// password), never at login.
    #[error(
        "Akun dikunci sampai pukul {until} karena kata sandi salah {failures} kali berturut-turut. \
         Coba lagi setelah itu, atau minta administrator membuka kuncinya."
    )]
    AccountLocked { until: String, failures: i64 },

    #[error("Peran Anda ({role}) tidak berwenang untuk {action}.")]
    Forbidden { role: String, action: String },

    #[error("Nama pengguna \"{0}\" sudah dipakai. Pilih nama pengguna lain.")]
    UsernameTaken(String),

    #[error("{0} tidak ditemukan.")]
    NotFound(String),

    #[error("Jejak audit rusak mulai catatan {id}: {problem} Laporkan kepada pimpinan; jangan mengubah database.")]
    AuditBroken { id: i64, problem: String },

    #[error(
        "Berkas database ini dibuat oleh versi aplikasi yang lebih baru (skema {found}, \
         aplikasi ini mengenal sampai {known}). Perbarui aplikasi Seleksi Ad Hoc; \
         database tidak diubah."
    )]
    SchemaTooNew { found: i64, known: i64 },

    #[error("Database tidak ditemukan di {0}. Buat dulu dengan `adhoc init --wilayah KODE` atau `adhoc demo`.")]
    DatabaseMissing(String),

    /// The disk, the folder or the database file itself stands in the way:
    /// full, read-only, locked by another program, damaged, or gone.
    #[error("{message}")]
    Storage { kind: StorageKind, message: String },

    #[error("Gagal mengakses database: {0}")]
    Database(sqlx::Error),

    #[error("Gagal menerapkan pembaruan skema database: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),

    #[error("Gagal membaca atau menulis berkas: {0}")]
    Io(std::io::Error),

    #[error("Kesalahan internal: {0}")]
    Internal(String),
}

impl Error {
    /// Builds a validation error for one field.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The round's stage does not allow this now (see [`Error::Stage`]).
    pub fn stage(message: impl Into<String>) -> Self {
        Error::Stage(message.into())
    }

    /// A failed file operation on `path`, said so that staff can act on it.
    pub fn io_at(what: &str, path: &std::path::Path, e: std::io::Error) -> Self {
        match StorageKind::of_io(&e) {
            Some(kind) => Error::Storage {
                kind,
                message: format!("{} (saat {what} {}).", kind.message(), path.display()),
            },
            None => Error::Io(std::io::Error::new(
                e.kind(),
                format!("{what} {}: {e}", path.display()),
            )),
        }
    }

    /// Stable, machine-readable identifier of the case.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation { .. } => "validation",
            Error::Stage(_) => "stage",
            Error::NotInitialized => "not_initialized",
            Error::AlreadyInitialized(_) => "already_initialized",
            Error::AdminExists => "admin_exists",
            Error::UnknownRegion(_) => "unknown_region",
            Error::InvalidCredentials => "invalid_credentials",
            Error::Unauthenticated => "unauthenticated",
            Error::SessionLocked => "session_locked",
            Error::AccountLocked { .. } => "account_locked",
            Error::Forbidden { .. } => "forbidden",
            Error::UsernameTaken(_) => "username_taken",
            Error::NotFound(_) => "not_found",
            Error::AuditBroken { .. } => "audit_broken",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::DatabaseMissing(_) => "database_missing",
            Error::Storage { kind, .. } => kind.code(),
            Error::Database(_) => "database",
            Error::Migration(_) => "migration",
            Error::Io(_) => "io",
            Error::Internal(_) => "internal",
        }
    }

    /// The form field the error is about, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Validation { field, .. } => Some(field),
            Error::UsernameTaken(_) => Some("username"),
            Error::UnknownRegion(_) => Some("wilayah"),
            _ => None,
        }
    }

    /// The serialisable form sent to the UI.
    pub fn to_payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_string(),
            message: self.to_string(),
            field: self.field().map(str::to_string),
        }
    }
}

/// Why the storage refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageKind {
    DiskFull,
    ReadOnly,
    Locked,
    Corrupt,
    Missing,
}

impl StorageKind {
    pub fn code(self) -> &'static str {
        match self {
            StorageKind::DiskFull => "disk_full",
            StorageKind::ReadOnly => "read_only",
            StorageKind::Locked => "database_locked",
            StorageKind::Corrupt => "database_corrupt",
            StorageKind::Missing => "database_gone",
        }
    }

    /// What happened and the way forward.
    pub fn message(self) -> &'static str {
        match self {
            StorageKind::DiskFull => "Ruang penyimpanan penuh, sehingga data tidak dapat disimpan; yang belum tersimpan tidak diubah. Kosongkan ruang disk (pindahkan cadangan lama ke flashdisk atau hapus berkas yang tidak perlu), lalu ulangi",
            StorageKind::ReadOnly => "Database atau foldernya hanya dapat dibaca, sehingga perubahan tidak dapat disimpan. Periksa izin folder data (atau kunci tulis flashdisk), lalu buka ulang aplikasi",
            StorageKind::Locked => "Database sedang dipakai oleh program lain (aplikasi Seleksi Ad Hoc di jendela lain, atau perintah adhoc yang masih berjalan). Tunggu sampai selesai atau tutup program itu, lalu ulangi",
            StorageKind::Corrupt => "Berkas database rusak atau bukan database Seleksi Ad Hoc. Jangan menimpanya; pulihkan dari cadangan terakhir (menu Cadangan, atau adhoc restore)",
            StorageKind::Missing => "Berkas database tidak ada lagi di tempatnya (dipindahkan, dihapus, atau flashdisk dicabut saat aplikasi berjalan). Kembalikan berkasnya atau pulihkan dari cadangan, lalu buka ulang aplikasi",
        }
    }

    fn of_io(e: &std::io::Error) -> Option<StorageKind> {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(StorageKind::DiskFull),
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
                Some(StorageKind::ReadOnly)
            }
            _ => None,
        }
    }

    /// SQLite's primary result codes (the low byte of an extended code).
    fn of_sqlite(code: i64) -> Option<StorageKind> {
        match code & 0xff {
            13 => Some(StorageKind::DiskFull),     // SQLITE_FULL
            8 => Some(StorageKind::ReadOnly),      // SQLITE_READONLY
            5 | 6 => Some(StorageKind::Locked),    // SQLITE_BUSY, SQLITE_LOCKED
            11 | 26 => Some(StorageKind::Corrupt), // SQLITE_CORRUPT, SQLITE_NOTADB
            14 => Some(StorageKind::Missing),      // SQLITE_CANTOPEN
            _ => None,
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        let kind = match &e {
            sqlx::Error::Database(d) => d
                .code()
                .and_then(|c| c.parse::<i64>().ok())
                .and_then(StorageKind::of_sqlite),
            sqlx::Error::Io(io) => StorageKind::of_io(io),
            _ => None,
        };
        match kind {
            Some(kind) => Error::Storage {
                kind,
                message: format!("{}.", kind.message()),
            },
            None => Error::Database(e),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        match StorageKind::of_io(&e) {
            Some(kind) => Error::Storage {
                kind,
                message: format!("{}.", kind.message()),
            },
            None => Error::Io(e),
        }
    }
}

/// What the UI receives when a command fails.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

/// Reading or writing CSV fails only on I/O here (records are built by the
/// code), so it is reported as a file error.
impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        Error::Io(std::io::Error::other(e))
    }
}

impl From<Error> for ErrorPayload {
    fn from(e: Error) -> Self {
        e.to_payload()
    }
}
