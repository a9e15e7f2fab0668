-- Column mappings saved under a name for importing applicants from
-- spreadsheets ("Ekspor SIAKBA"): which header holds which applicant field.
-- `fields` is a JSON array of {"field": key, "header": text}: fields by
-- key, columns by header, so a mapping fits the next file with the same
-- headers wherever its columns stand.
CREATE TABLE sheet_mappings (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 60),
    fields             TEXT NOT NULL,
    unit_from_domicile INTEGER NOT NULL CHECK (unit_from_domicile IN (0, 1)),
    saved_at           TEXT NOT NULL,
    user_id            INTEGER REFERENCES users (id),
    username           TEXT NOT NULL
) STRICT;
