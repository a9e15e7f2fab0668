-- Attendance at the written test (issue 17 item 4): one record per
-- participant, present or absent. A participant is recorded present when
-- the number on their card is typed or scanned; absent when marked so by
-- hand or when the attendance of their session is closed (their written
-- mark then becomes `absen`: an absent applicant is out, DOMAIN.md).
-- A wrong record is removed (undone) with a reason, in the audit trail.
CREATE TABLE test_attendance (
    applicant_id INTEGER PRIMARY KEY REFERENCES applicants (id) ON DELETE CASCADE,
    round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    present      INTEGER NOT NULL CHECK (present IN (0, 1)),
    -- 'nomor': typed or scanned; 'tandai': marked absent by hand;
    -- 'tutup': made absent when the attendance was closed.
    source       TEXT NOT NULL CHECK (source IN ('nomor', 'tandai', 'tutup')),
    reason       TEXT NOT NULL DEFAULT '',
    recorded_at  TEXT NOT NULL,
    recorded_by  INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX test_attendance_by_round ON test_attendance (round_id);
