-- Scanned documents (PDF, JPG, PNG). The file itself lives in the folder
-- `berkas/` beside the database, named by its SHA-256, written once and
-- never overwritten; the same scan attached twice is stored once.
CREATE TABLE document_attachments (
    applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    media_type   TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    file_name    TEXT NOT NULL,
    size         INTEGER NOT NULL CHECK (size > 0),
    added_by     INTEGER REFERENCES users (id),
    added_at     TEXT NOT NULL,
    PRIMARY KEY (applicant_id, code, sha256)
) STRICT;
CREATE INDEX document_attachments_by_sha ON document_attachments (sha256);
