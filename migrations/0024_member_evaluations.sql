-- The performance evaluation of members during their term (evaluasi
-- kinerja, Keputusan KPU 475/2024; issue 18 "Continuity"): the monthly
-- reports staff record for each member and the end-of-term evaluation the
-- commission decides. A member is either an applicant chosen by the
-- round's selection (or a reserve who replaced one by PAW) or a seat
-- holder (appointed or kept): exactly one of applicant_id / holder_id.
-- A later round can keep the member on the strength of this evaluation
-- (seat_holders, source 'dilanjutkan').

-- One report per member and month (YYYY-MM); a correction replaces it,
-- and the audit trail keeps what it said before.
CREATE TABLE member_reports (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    applicant_id  INTEGER REFERENCES applicants (id),
    holder_id     INTEGER REFERENCES seat_holders (id),
    month         TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    summary       TEXT NOT NULL CHECK (length(trim(summary)) > 0),
    assessment    TEXT,
    recorded_at   TEXT NOT NULL,
    recorded_by   INTEGER REFERENCES users (id),
    CHECK ((applicant_id IS NULL) <> (holder_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX member_reports_applicant_month ON member_reports (applicant_id, month)
    WHERE applicant_id IS NOT NULL;
CREATE UNIQUE INDEX member_reports_holder_month ON member_reports (holder_id, month)
    WHERE holder_id IS NOT NULL;
CREATE INDEX member_reports_by_round ON member_reports (round_id);

-- One end-of-term evaluation per member: a score 0-100, a grade, or both,
-- with notes; deciding again replaces it (audited).
CREATE TABLE member_evaluations (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    applicant_id  INTEGER UNIQUE REFERENCES applicants (id),
    holder_id     INTEGER UNIQUE REFERENCES seat_holders (id),
    score         INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 100),
    grade         TEXT,
    notes         TEXT NOT NULL CHECK (length(trim(notes)) > 0),
    decided_at    TEXT NOT NULL,
    decided_by    INTEGER REFERENCES users (id),
    CHECK ((applicant_id IS NULL) <> (holder_id IS NULL)),
    CHECK (score IS NOT NULL OR grade IS NOT NULL)
) STRICT;
CREATE INDEX member_evaluations_by_round ON member_evaluations (round_id);
