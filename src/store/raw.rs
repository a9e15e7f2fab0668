//! The few lines of SQLite's C API the bulk reads need: sqlx hands each row
//! over from its worker thread as owned values (about 3 µs a row), too slow
//! for the million rows of a national round; stepping a statement on the
//! connection's own (locked) handle costs a fraction of that.

use std::ffi::{c_int, CStr, CString};

use libsqlite3_sys as ffi;
use sqlx::SqliteConnection;

use crate::error::{Error, Result};

/// The current row of a statement being stepped.
pub struct Row(*mut ffi::sqlite3_stmt);

impl Row {
    pub fn i64(&self, i: c_int) -> i64 {
        // SAFETY: the statement is on a row (see `rows`).
        unsafe { ffi::sqlite3_column_int64(self.0, i) }
    }

    pub fn opt_i64(&self, i: c_int) -> Option<i64> {
        // SAFETY: as above.
        let null = unsafe { ffi::sqlite3_column_type(self.0, i) } == ffi::SQLITE_NULL;
        (!null).then(|| self.i64(i))
    }

    fn bytes(&self, i: c_int) -> Option<&[u8]> {
        // SAFETY: as above; the pointer is valid until the next step,
        // and the slice does not outlive `self`.
        unsafe {
            let p = ffi::sqlite3_column_text(self.0, i);
            if p.is_null() {
                return None;
            }
            let n = ffi::sqlite3_column_bytes(self.0, i);
            Some(std::slice::from_raw_parts(p, n as usize))
        }
    }

    pub fn text(&self, i: c_int) -> String {
        String::from_utf8_lossy(self.bytes(i).unwrap_or_default()).into_owned()
    }

    pub fn opt_text_with<T>(&self, i: c_int, f: impl Fn(&str) -> Option<T>) -> Option<T> {
        self.bytes(i)
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(f)
    }
}

unsafe fn error(db: *mut ffi::sqlite3, what: &str) -> Error {
    let msg = CStr::from_ptr(ffi::sqlite3_errmsg(db)).to_string_lossy();
    Error::Internal(format!("SQLite ({what}): {msg}"))
}

/// Runs `sql` on the connection with `?1` bound to `param` and maps every
/// row (a read: no statement here writes); `capacity` is the number of rows
/// expected, when known.
pub async fn query<T>(
    conn: &mut SqliteConnection,
    sql: &str,
    param: i64,
    capacity: usize,
    map: impl Fn(&Row) -> T,
) -> Result<Vec<T>> {
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    // SAFETY: the handle is locked for this call (sqlx's worker does not
    // use it meanwhile); `rows` finalizes its statement on every path and
    // copies column values out before the next step.
    unsafe { rows(db, sql, param, capacity, map) }
}

/// Runs `sql` with `?1` bound to `param` and maps every row.
///
/// # Safety
/// `db` must be an open connection that nothing else uses meanwhile.
unsafe fn rows<T>(
    db: *mut ffi::sqlite3,
    sql: &str,
    param: i64,
    capacity: usize,
    map: impl Fn(&Row) -> T,
) -> Result<Vec<T>> {
    let sql = CString::new(sql).map_err(|e| Error::Internal(e.to_string()))?;
    let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
    if ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, std::ptr::null_mut())
        != ffi::SQLITE_OK
    {
        return Err(error(db, "prepare"));
    }
    let result = (|| {
        if ffi::sqlite3_bind_int64(stmt, 1, param) != ffi::SQLITE_OK {
            return Err(error(db, "bind"));
        }
        let mut out = Vec::with_capacity(capacity);
        loop {
            match ffi::sqlite3_step(stmt) {
                ffi::SQLITE_ROW => out.push(map(&Row(stmt))),
                ffi::SQLITE_DONE => return Ok(out),
                _ => return Err(error(db, "step")),
            }
        }
    })();
    ffi::sqlite3_finalize(stmt);
    result
}
