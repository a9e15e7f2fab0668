//! Locking an account after repeated wrong passwords: at login, on the
//! lock screen, and in "Ganti kata sandi" (the current password), which
//! share one count per account.

use chrono::Duration;

/// Wrong passwords in a row (wherever typed) before the account is locked.
pub const MAX_FAILED_LOGINS: u32 = 5;

/// How long an account stays locked after `failures` wrong passwords in a
/// row: nothing below [`MAX_FAILED_LOGINS`], then 1 minute, doubling with
/// every further failure, at most 1 hour.
pub fn lock_duration(failures: u32) -> Option<Duration> {
    if failures < MAX_FAILED_LOGINS {
        return None;
    }
    let doublings = (failures - MAX_FAILED_LOGINS).min(6);
    Some(Duration::minutes((1i64 << doublings).min(60)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fifth_failure_locks_and_the_delay_grows_to_an_hour() {
        assert_eq!(lock_duration(0), None);
        assert_eq!(lock_duration(4), None);
        assert_eq!(lock_duration(5), Some(Duration::minutes(1)));
        assert_eq!(lock_duration(6), Some(Duration::minutes(2)));
        assert_eq!(lock_duration(7), Some(Duration::minutes(4)));
        assert_eq!(lock_duration(10), Some(Duration::minutes(32)));
        assert_eq!(lock_duration(11), Some(Duration::minutes(60)));
        assert_eq!(lock_duration(1000), Some(Duration::minutes(60)));
    }
}
