-- Penelitian administrasi: the documents each round asks for, each
-- applicant's document verdicts, and the verifier's decisions on the
-- administrative verdict.

-- Seeded from DOMAIN.md when a round is created (src/domain/documents.rs);
-- administrators may add, rename or retire one before verification starts.
CREATE TABLE document_requirements (
    round_id  INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    mandatory INTEGER NOT NULL DEFAULT 1 CHECK (mandatory IN (0, 1)),
    applies   TEXT NOT NULL DEFAULT 'always'
              CHECK (applies IN ('always', 'former_party_member', 'listed_in_party_list')),
    seq       INTEGER NOT NULL,
    retired   INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    PRIMARY KEY (round_id, code)
) STRICT;

-- Rounds created before this migration get the same list.
INSERT INTO document_requirements (round_id, code, name, applies, seq)
SELECT r.id, d.column1, d.column2, d.column3, d.column4
FROM rounds r CROSS JOIN (VALUES
    ('surat_pendaftaran', 'Surat pendaftaran', 'always', 1),
    ('drh', 'Daftar riwayat hidup dengan pas foto 4x6 berwarna', 'always', 2),
    ('ktp', 'Fotokopi KTP-el', 'always', 3),
    ('ijazah', 'Fotokopi ijazah terakhir', 'always', 4),
    ('surat_pernyataan', 'Surat pernyataan', 'always', 5),
    ('surat_sehat', 'Surat keterangan sehat', 'always', 6),
    ('surat_partai', 'Surat keterangan dari partai politik (mantan anggota)', 'former_party_member', 7),
    ('pernyataan_dicatut', 'Surat pernyataan bermeterai bahwa NIK dicatut partai politik', 'listed_in_party_list', 8)
) d;

-- One verdict per applicant and document; "tidak sesuai" needs a reason.
CREATE TABLE document_checks (
    applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    verdict      TEXT NOT NULL CHECK (verdict IN ('sesuai', 'tidak_sesuai', 'tidak_ada')),
    reason       TEXT,
    checked_by   INTEGER REFERENCES users (id),
    checked_at   TEXT NOT NULL,
    CHECK (verdict <> 'tidak_sesuai' OR length(trim(coalesce(reason, ''))) > 0),
    PRIMARY KEY (applicant_id, code)
) STRICT;
