-- Reconciling online registrations (SIAKBA) with the paper files the help
-- desk receives. `online` marks an applicant who is on an imported list
-- of online registrations; `files_received_at`/`_by` record when and by
-- whom the paper file was received. An applicant typed in at the help desk
-- brought the file, so it is received when registered; one imported from
-- an online list waits for it. Every applicant already held was
-- registered at the desk or imported from the office's own list: their
-- files count as received when they were registered.
ALTER TABLE applicants ADD COLUMN online INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1));
ALTER TABLE applicants ADD COLUMN files_received_at TEXT;
ALTER TABLE applicants ADD COLUMN files_received_by INTEGER REFERENCES users (id);
UPDATE applicants SET files_received_at = created_at, files_received_by = created_by;
