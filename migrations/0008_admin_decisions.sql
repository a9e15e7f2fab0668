-- A Verifikator's decisions on an applicant's administrative verdict: an
-- override of the derived verdict (with the written reason shown in
-- reports), and the "perlu perbaikan" mark for a file to be completed
-- before registration closes.
CREATE TABLE admin_decisions (
    applicant_id    INTEGER PRIMARY KEY REFERENCES applicants (id) ON DELETE CASCADE,
    override        TEXT CHECK (override IN ('MS', 'TMS')),
    override_reason TEXT,
    needs_fix       INTEGER NOT NULL DEFAULT 0 CHECK (needs_fix IN (0, 1)),
    fix_note        TEXT,
    decided_by      INTEGER REFERENCES users (id),
    decided_at      TEXT NOT NULL,
    CHECK (override IS NULL OR length(trim(coalesce(override_reason, ''))) > 0)
) STRICT;
