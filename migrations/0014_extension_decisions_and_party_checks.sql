-- A Pimpinan's decision that a unit goes on without an extension (or
-- without one more) although the round's rule calls for one, e.g. when no
-- more applicants can be expected. It covers the unit as it stood: it
-- counts while the unit has had exactly `extensions` extensions, so a
-- later extension needs a new decision. Printed in the Berita Acara of
-- registration.
CREATE TABLE extension_decisions (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    unit_code  TEXT NOT NULL,
    extensions INTEGER NOT NULL CHECK (extensions >= 0),
    -- Active applicants of the unit when it was decided.
    registered INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK (length(trim(reason)) >= 10),
    at         TEXT NOT NULL,
    user_id    INTEGER REFERENCES users (id),
    username   TEXT NOT NULL,
    UNIQUE (round_id, unit_code, extensions)
) STRICT;

-- Party membership checked for a round without an imported list: in SIPOL
-- online, by a letter from KPU RI, or because there is no list for this
-- election. An imported list (party_members) still takes precedence.
CREATE TABLE party_checks (
    round_id INTEGER PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
    method   TEXT NOT NULL CHECK (method IN ('sipol_daring', 'surat_kpu_ri', 'tanpa_daftar')),
    note     TEXT NOT NULL,
    at       TEXT NOT NULL,
    user_id  INTEGER REFERENCES users (id),
    username TEXT NOT NULL
) STRICT;
