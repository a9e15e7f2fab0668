-- What the help desk records beyond the CSV columns: the party statement,
-- the misuse statement, disability, withdrawal, edits, a search key for
-- names, previous service as an election official, and the documents
-- received over the counter.

-- The applicant's own statement: never a member ('bukan') or a former
-- member ('mantan') who left in party_left_year.
ALTER TABLE applicants ADD COLUMN party_status TEXT NOT NULL DEFAULT 'bukan'
    CHECK (party_status IN ('bukan', 'mantan'));
ALTER TABLE applicants ADD COLUMN party_left_year INTEGER;
-- A stamped statement that a party used the NIK without consent.
ALTER TABLE applicants ADD COLUMN misuse_statement INTEGER NOT NULL DEFAULT 0
    CHECK (misuse_statement IN (0, 1));
-- Optional, so the test can be made accessible (free text).
ALTER TABLE applicants ADD COLUMN disability TEXT;
-- Withdrawal (status 'mundur'): when, why, by whom.
ALTER TABLE applicants ADD COLUMN withdrawn_at TEXT;
ALTER TABLE applicants ADD COLUMN withdrawn_reason TEXT;
ALTER TABLE applicants ADD COLUMN withdrawn_by INTEGER REFERENCES users (id);
ALTER TABLE applicants ADD COLUMN updated_at TEXT;
-- The name folded to lower case (by the application), for prefix search.
ALTER TABLE applicants ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE applicants SET name_key = lower(full_name);
CREATE INDEX applicants_by_name ON applicants (round_id, name_key);
CREATE INDEX applicants_by_round_nik ON applicants (round_id, nik);

-- Earlier service as an election official (PPK, PPS, KPPS, ...).
CREATE TABLE applicant_service (
    applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    body         TEXT NOT NULL,
    election     TEXT NOT NULL,
    year         INTEGER NOT NULL CHECK (year BETWEEN 1955 AND 2100),
    PRIMARY KEY (applicant_id, body, election, year)
) STRICT;

-- Documents handed over at the help desk (codes from src/domain/documents.rs).
CREATE TABLE document_receipts (
    applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    received_by  INTEGER REFERENCES users (id),
    PRIMARY KEY (applicant_id, code)
) STRICT;
