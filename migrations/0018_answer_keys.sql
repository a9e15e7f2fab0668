-- Paper tests marked in the app: the answer key of each version of a
-- round's written test, how answers earn points in that round, and each
-- participant's answers as read from the answer sheets, kept for audit and
-- so that a fixed key marks them again. The marks themselves go to
-- `scores.written`, as any written-test mark.

CREATE TABLE answer_keys (
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    version  TEXT NOT NULL CHECK (length(version) BETWEEN 1 AND 5),
    -- One character per question: A–E, or * for an annulled question.
    answers  TEXT NOT NULL CHECK (length(answers) BETWEEN 1 AND 200),
    saved_at TEXT NOT NULL,
    user_id  INTEGER REFERENCES users (id),
    PRIMARY KEY (round_id, version)
) STRICT;

CREATE TABLE marking_settings (
    round_id       INTEGER PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
    points_correct INTEGER NOT NULL CHECK (points_correct BETWEEN 1 AND 100),
    penalty_wrong  INTEGER NOT NULL CHECK (penalty_wrong BETWEEN 0 AND 100),
    scale          TEXT NOT NULL CHECK (scale IN ('seratus', 'poin')),
    saved_at       TEXT NOT NULL,
    user_id        INTEGER REFERENCES users (id)
) STRICT;

-- One sheet per participant (an applicant belongs to one round).
CREATE TABLE answer_sheets (
    applicant_id INTEGER PRIMARY KEY REFERENCES applicants (id) ON DELETE CASCADE,
    round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    version      TEXT NOT NULL CHECK (length(version) BETWEEN 1 AND 5),
    -- One character per question: A–E, - blank, * more than one marked.
    answers      TEXT NOT NULL CHECK (length(answers) BETWEEN 1 AND 200),
    -- The row of the imported file it came from.
    source_line  INTEGER NOT NULL,
    imported_at  TEXT NOT NULL,
    user_id      INTEGER REFERENCES users (id)
) STRICT;

CREATE INDEX answer_sheets_round ON answer_sheets (round_id);
