-- Members who hold a seat in a unit of a round without coming through that
-- round's selection (issue 18, DOMAIN.md "Stages" 2 and "Continuity"):
--   penunjukan  - appointed when the unit is still short after the
--                 extensions the round allows; proposed by a school, a
--                 university or the village government;
--   dilanjutkan - kept from an earlier round (e.g. the Pemilu's members
--                 kept for the Pilkada) after a performance evaluation
--                 (evaluasi kinerja, Keputusan KPU 475/2024).
-- They count toward the unit's quota: the selection fills only the seats
-- left. A wrong entry is cancelled with a reason, never deleted.
CREATE TABLE seat_holders (
    id                 INTEGER PRIMARY KEY,
    round_id           INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    unit_code          TEXT NOT NULL,
    source             TEXT NOT NULL CHECK (source IN ('penunjukan', 'dilanjutkan')),
    nik                TEXT NOT NULL CHECK (length(nik) = 16),
    full_name          TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    sex                TEXT NOT NULL CHECK (sex IN ('L', 'P')),
    birth_date         TEXT,
    address            TEXT,
    phone              TEXT,
    education          TEXT CHECK (education IS NULL OR education IN ('SD', 'SMP', 'SMA', 'D3', 'S1', 'S2', 'S3')),
    -- penunjukan: who proposed the person.
    proposer_kind      TEXT CHECK (proposer_kind IS NULL
        OR proposer_kind IN ('sekolah', 'perguruan_tinggi', 'pemerintah_desa', 'lainnya')),
    proposer_name      TEXT,
    -- dilanjutkan: the membership of an earlier round it continues (an
    -- applicant chosen there, or a holder of a seat there).
    from_round_id      INTEGER REFERENCES rounds (id),
    from_applicant_id  INTEGER REFERENCES applicants (id),
    from_holder_id     INTEGER REFERENCES seat_holders (id),
    -- dilanjutkan: the performance evaluation the decision rests on.
    evaluation_grade   TEXT,
    evaluation_score   INTEGER CHECK (evaluation_score IS NULL OR evaluation_score BETWEEN 0 AND 100),
    evaluation_notes   TEXT,
    -- The commission's decision (number or reference) and its reason.
    decision           TEXT NOT NULL CHECK (length(trim(decision)) > 0),
    reason             TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    decided_at         TEXT NOT NULL,
    decided_by         INTEGER REFERENCES users (id),
    cancelled_at       TEXT,
    cancelled_reason   TEXT,
    cancelled_by       INTEGER REFERENCES users (id),
    CHECK (source <> 'penunjukan' OR proposer_kind IS NOT NULL),
    CHECK (source <> 'dilanjutkan' OR from_round_id IS NOT NULL),
    CHECK (cancelled_at IS NULL OR length(trim(coalesce(cancelled_reason, ''))) > 0)
) STRICT;
CREATE INDEX seat_holders_by_unit ON seat_holders (round_id, unit_code);
CREATE INDEX seat_holders_by_nik ON seat_holders (nik);
CREATE UNIQUE INDEX seat_holders_once ON seat_holders (round_id, nik) WHERE cancelled_at IS NULL;

-- A seat holder can leave during the term and be replaced like a selected
-- member: paw_events names the member who left either as an applicant or
-- as a seat holder (exactly one). SQLite cannot relax NOT NULL in place,
-- so the table is rebuilt with its rows.
CREATE TABLE paw_events_new (
    id               INTEGER PRIMARY KEY,
    round_id         INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    unit_code        TEXT NOT NULL,
    member_id        INTEGER UNIQUE REFERENCES applicants (id),
    member_holder_id INTEGER UNIQUE REFERENCES seat_holders (id),
    cause            TEXT NOT NULL
        CHECK (cause IN ('meninggal', 'mengundurkan_diri', 'berhalangan_tetap', 'diberhentikan')),
    left_on          TEXT NOT NULL,
    reason           TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at      TEXT NOT NULL,
    recorded_by      INTEGER REFERENCES users (id),
    replacement_id   INTEGER UNIQUE REFERENCES applicants (id),
    decision_note    TEXT,
    confirmed_at     TEXT,
    confirmed_by     INTEGER REFERENCES users (id),
    CHECK ((member_id IS NULL) <> (member_holder_id IS NULL))
) STRICT;
INSERT INTO paw_events_new (id, round_id, unit_code, member_id, cause, left_on, reason,
                            recorded_at, recorded_by, replacement_id, decision_note,
                            confirmed_at, confirmed_by)
    SELECT id, round_id, unit_code, member_id, cause, left_on, reason,
           recorded_at, recorded_by, replacement_id, decision_note,
           confirmed_at, confirmed_by
    FROM paw_events;
DROP TABLE paw_events;
ALTER TABLE paw_events_new RENAME TO paw_events;
CREATE INDEX paw_events_by_round ON paw_events (round_id, unit_code);
