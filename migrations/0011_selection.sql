-- The selection after the administrative check: stages that open and close,
-- per-unit extensions of registration, written-test and interview scores,
-- plenary decisions on ties, and the frozen result of each closed stage.

-- Whether the stage in progress (rounds.current_stage) has been opened.
-- Closing a stage makes the next one current but not yet open; the Pimpinan
-- opens it. Existing rounds keep working: their current stage counts as open.
ALTER TABLE rounds ADD COLUMN stage_open INTEGER NOT NULL DEFAULT 1
    CHECK (stage_open IN (0, 1));

-- stage_events gains the 'open' action (SQLite cannot change a CHECK, so
-- the table is rebuilt with its rows).
CREATE TABLE stage_events_new (
    id       INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    stage    TEXT NOT NULL,
    action   TEXT NOT NULL CHECK (action IN ('open', 'close', 'reopen')),
    at       TEXT NOT NULL,
    user_id  INTEGER REFERENCES users (id),
    username TEXT NOT NULL,
    reason   TEXT,
    snapshot TEXT,
    CHECK (action <> 'reopen' OR length(trim(coalesce(reason, ''))) > 0)
) STRICT;
INSERT INTO stage_events_new (id, round_id, stage, action, at, user_id, username, reason, snapshot)
    SELECT id, round_id, stage, action, at, user_id, username, reason, snapshot FROM stage_events;
DROP TABLE stage_events;
ALTER TABLE stage_events_new RENAME TO stage_events;
CREATE INDEX stage_events_by_round ON stage_events (round_id, stage);

-- The frozen result of each closed stage, per applicant (NULL while the
-- stage is open; cleared when it is reopened):
--   admin_result   'MS' / 'TMS'
--   written_result 'lulus' / 'tidak_lulus' / 'tidak_hadir' / 'tms' / 'gugur'
--   final_result   'terpilih' / 'cadangan' / 'tidak_terpilih' / 'tidak_hadir' / ...
ALTER TABLE applicants ADD COLUMN admin_result TEXT CHECK (admin_result IN ('MS', 'TMS'));
ALTER TABLE applicants ADD COLUMN written_result TEXT;
ALTER TABLE applicants ADD COLUMN final_result TEXT;
ALTER TABLE applicants ADD COLUMN final_position INTEGER;

-- Scores in hundredths of a point (78,5 -> 7850), so that ties are exact.
-- A score or an absence per test; NULL and 0 mean "not entered yet".
CREATE TABLE scores (
    applicant_id     INTEGER PRIMARY KEY REFERENCES applicants (id) ON DELETE CASCADE,
    written          INTEGER CHECK (written BETWEEN 0 AND 10000),
    written_absent   INTEGER NOT NULL DEFAULT 0 CHECK (written_absent IN (0, 1)),
    interview        INTEGER CHECK (interview BETWEEN 0 AND 10000),
    interview_absent INTEGER NOT NULL DEFAULT 0 CHECK (interview_absent IN (0, 1)),
    updated_at       TEXT NOT NULL,
    updated_by       INTEGER REFERENCES users (id),
    CHECK (written IS NULL OR written_absent = 0),
    CHECK (interview IS NULL OR interview_absent = 0)
) STRICT;

-- A registration extension (perpanjangan) for one unit.
CREATE TABLE unit_extensions (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    unit_code  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    -- Active applicants of the unit when it was extended.
    registered INTEGER NOT NULL,
    at         TEXT NOT NULL,
    user_id    INTEGER REFERENCES users (id),
    username   TEXT NOT NULL
) STRICT;
CREATE INDEX unit_extensions_by_round ON unit_extensions (round_id, unit_code);

-- The plenary's order for applicants still tied at a cut of the final
-- ranking (same final, interview and written score): position 1 goes first.
CREATE TABLE tie_decisions (
    applicant_id INTEGER PRIMARY KEY REFERENCES applicants (id) ON DELETE CASCADE,
    round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 1),
    note         TEXT NOT NULL,
    decided_at   TEXT NOT NULL,
    decided_by   INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX tie_decisions_by_round ON tie_decisions (round_id);
