-- Public responses (tanggapan masyarakat) about a candidate, and interim
-- replacements (PAW) during the term of office.

-- A response: who sent it, what it says, the clarification obtained, and
-- the commission's finding. A founded response drops the candidate from the
-- selection (the next reserve moves up).
CREATE TABLE public_responses (
    id                   INTEGER PRIMARY KEY,
    round_id             INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    applicant_id         INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    received_on          TEXT NOT NULL,
    sender               TEXT NOT NULL CHECK (length(trim(sender)) > 0),
    contact              TEXT,
    content              TEXT NOT NULL CHECK (length(trim(content)) > 0),
    -- An attached file, kept in berkas/ under its SHA-256 like the scans.
    attachment_sha256    TEXT,
    attachment_name      TEXT,
    attachment_type      TEXT,
    clarification        TEXT,
    outcome              TEXT NOT NULL DEFAULT 'proses'
        CHECK (outcome IN ('proses', 'tidak_terbukti', 'terbukti')),
    outcome_reason       TEXT,
    decided_at           TEXT,
    decided_by           INTEGER REFERENCES users (id),
    created_at           TEXT NOT NULL,
    created_by           INTEGER REFERENCES users (id),
    CHECK (outcome = 'proses' OR length(trim(coalesce(outcome_reason, ''))) > 0)
) STRICT;
CREATE INDEX public_responses_by_round ON public_responses (round_id, applicant_id);

-- A member who left during the term, and the reserve who replaced them
-- (NULL until the commission confirms the replacement).
CREATE TABLE paw_events (
    id             INTEGER PRIMARY KEY,
    round_id       INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    unit_code      TEXT NOT NULL,
    member_id      INTEGER NOT NULL UNIQUE REFERENCES applicants (id),
    cause          TEXT NOT NULL
        CHECK (cause IN ('meninggal', 'mengundurkan_diri', 'berhalangan_tetap', 'diberhentikan')),
    left_on        TEXT NOT NULL,
    reason         TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at    TEXT NOT NULL,
    recorded_by    INTEGER REFERENCES users (id),
    replacement_id INTEGER UNIQUE REFERENCES applicants (id),
    decision_note  TEXT,
    confirmed_at   TEXT,
    confirmed_by   INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX paw_events_by_round ON paw_events (round_id, unit_code);
