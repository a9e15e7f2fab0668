-- The commission's official documents: edited texts per document kind
-- (the defaults live in the code), the numbers given to documents (one
-- sequence per series and year), and the logo printed in the kop.

CREATE TABLE publication_texts (
    kind        TEXT PRIMARY KEY,
    about       TEXT NOT NULL,
    opening     TEXT NOT NULL,
    closing     TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER REFERENCES users (id)
) STRICT;

-- A document of a round keeps its number however often it is printed.
CREATE TABLE publication_numbers (
    id          INTEGER PRIMARY KEY,
    series      TEXT NOT NULL CHECK (series IN ('pengumuman', 'berita_acara', 'keputusan')),
    year        INTEGER NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq > 0),
    number      TEXT NOT NULL,
    round_id    INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    issued_at   TEXT NOT NULL,
    issued_by   INTEGER REFERENCES users (id),
    UNIQUE (series, year, seq),
    UNIQUE (round_id, kind)
) STRICT;

CREATE TABLE letterhead_logo (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    media_type  TEXT NOT NULL,
    data        BLOB NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER REFERENCES users (id)
) STRICT;
