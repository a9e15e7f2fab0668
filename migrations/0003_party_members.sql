-- The party-membership list (SIPOL export) that applicants' NIKs are checked
-- against. Replaced as a whole by each import. One NIK may be listed by more
-- than one party.
CREATE TABLE party_members (
    nik   TEXT NOT NULL CHECK (length(nik) = 16),
    party TEXT NOT NULL,
    PRIMARY KEY (nik, party)
) STRICT;
