-- Tamper-evident audit trail and login lockout.

-- Every write appends one entry. Each entry stores the SHA-256 of the
-- previous entry (prev_hash) and its own hash over prev_hash and its content
-- (see src/domain/audit.rs), so hand edits are detected by `adhoc audit verify`.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users (id),
    username    TEXT NOT NULL,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   TEXT,
    before      TEXT,
    after       TEXT,
    prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash        TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX audit_by_user ON audit_log (user_id);
CREATE INDEX audit_by_object ON audit_log (object_type, object_id);
CREATE INDEX audit_by_time ON audit_log (at);

-- The application never changes or removes an entry.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Consecutive failed logins, and until when the account is locked.
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until TEXT;
