-- One active application per person per election: each application carries
-- its round's election, so the rule is one indexed lookup.
ALTER TABLE applicants ADD COLUMN election TEXT NOT NULL DEFAULT '';
UPDATE applicants SET election = (SELECT r.election FROM rounds r WHERE r.id = applicants.round_id);
CREATE INDEX applicants_by_election_nik ON applicants (election, nik);

-- What the NIK check warned about (JSON array, NULL when nothing), and
-- whether staff have acknowledged it (a bulk import leaves it for review).
ALTER TABLE applicants ADD COLUMN nik_warnings TEXT;
ALTER TABLE applicants ADD COLUMN nik_warnings_ack INTEGER NOT NULL DEFAULT 0 CHECK (nik_warnings_ack IN (0, 1));
