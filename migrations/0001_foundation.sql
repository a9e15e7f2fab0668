-- Foundation: installation settings, the kabupaten/kota's regions, staff
-- accounts, selection rounds with their schedule and quota overrides, and
-- applicants.

-- Settings of this installation (e.g. which kabupaten/kota it serves).
CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- The kecamatan and desa/kelurahan of the one kabupaten/kota this database
-- serves, copied from the embedded national atlas at initialisation.
CREATE TABLE kecamatan (
    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 6),
    name TEXT NOT NULL
) STRICT;

CREATE TABLE desa (
    code           TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 10),
    kecamatan_code TEXT NOT NULL REFERENCES kecamatan (code),
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('desa', 'kelurahan', 'lainnya'))
) STRICT;
CREATE INDEX desa_by_kecamatan ON desa (kecamatan_code);

-- Staff accounts. Never deleted (audit entries must keep resolving): a
-- departing member of staff is deactivated.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('administrator', 'operator', 'verifikator', 'pimpinan')),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL
) STRICT;

-- A selection round recruits one body (PPK or PPS) for one election.
CREATE TABLE rounds (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT NOT NULL UNIQUE,
    election              TEXT NOT NULL,
    body                  TEXT NOT NULL CHECK (body IN ('PPK', 'PPS')),
    quota_per_unit        INTEGER NOT NULL CHECK (quota_per_unit >= 1),
    written_pass_multiple INTEGER NOT NULL CHECK (written_pass_multiple >= 1),
    final_rank_multiple   INTEGER NOT NULL CHECK (final_rank_multiple >= 1),
    extension_threshold   INTEGER NOT NULL CHECK (extension_threshold >= 1),
    extension_days        INTEGER NOT NULL CHECK (extension_days >= 1),
    min_age               INTEGER NOT NULL CHECK (min_age >= 17),
    max_periods           INTEGER CHECK (max_periods IS NULL OR max_periods >= 1),
    reference_date        TEXT NOT NULL,
    score_mode            TEXT NOT NULL CHECK (score_mode IN ('wawancara', 'jumlah', 'bobot')),
    written_weight        INTEGER NOT NULL DEFAULT 0,
    interview_weight      INTEGER NOT NULL DEFAULT 0,
    current_stage         TEXT NOT NULL DEFAULT 'pendaftaran',
    created_at            TEXT NOT NULL,
    created_by            INTEGER REFERENCES users (id)
) STRICT;

-- Planned dates of each stage of a round.
CREATE TABLE round_stages (
    round_id  INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    stage     TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on   TEXT NOT NULL,
    PRIMARY KEY (round_id, stage)
) STRICT;

-- A unit (kecamatan for PPK, desa for PPS) whose quota differs from the
-- round's quota_per_unit.
CREATE TABLE unit_quotas (
    round_id  INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    unit_code TEXT NOT NULL,
    quota     INTEGER NOT NULL CHECK (quota >= 1),
    reason    TEXT NOT NULL,
    PRIMARY KEY (round_id, unit_code)
) STRICT;

-- Applicants of a round. unit_code is the kecamatan (PPK) or desa (PPS)
-- applied for; kecamatan_code is that unit's kecamatan, kept for grouping.
CREATE TABLE applicants (
    id                 INTEGER PRIMARY KEY,
    round_id           INTEGER NOT NULL REFERENCES rounds (id),
    reg_seq            INTEGER NOT NULL,
    reg_number         TEXT NOT NULL,
    nik                TEXT NOT NULL CHECK (length(nik) = 16),
    full_name          TEXT NOT NULL,
    sex                TEXT NOT NULL CHECK (sex IN ('L', 'P')),
    birth_place        TEXT NOT NULL,
    birth_date         TEXT NOT NULL,
    address            TEXT NOT NULL,
    address_desa_code  TEXT NOT NULL,
    domicile_desa_code TEXT,
    domicile_reason    TEXT,
    phone              TEXT,
    email              TEXT,
    education          TEXT NOT NULL CHECK (education IN ('SD', 'SMP', 'SMA', 'D3', 'S1', 'S2', 'S3')),
    occupation         TEXT,
    unit_code          TEXT NOT NULL,
    kecamatan_code     TEXT NOT NULL REFERENCES kecamatan (code),
    status             TEXT NOT NULL DEFAULT 'terdaftar',
    created_at         TEXT NOT NULL,
    created_by         INTEGER REFERENCES users (id),
    UNIQUE (round_id, reg_seq),
    UNIQUE (round_id, reg_number)
) STRICT;
CREATE INDEX applicants_by_unit ON applicants (round_id, unit_code);
CREATE INDEX applicants_by_kecamatan ON applicants (round_id, kecamatan_code);
CREATE INDEX applicants_by_nik ON applicants (nik);
