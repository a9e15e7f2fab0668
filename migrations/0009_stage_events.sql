-- Closing and reopening the stages of a round. rounds.current_stage is the
-- stage in progress; every stage before it is closed and its results are
-- frozen. Each close keeps a snapshot of the stage's results (the data of
-- its Berita Acara); a reopen needs an Administrator and a reason.
CREATE TABLE stage_events (
    id       INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    stage    TEXT NOT NULL,
    action   TEXT NOT NULL CHECK (action IN ('close', 'reopen')),
    at       TEXT NOT NULL,
    user_id  INTEGER REFERENCES users (id),
    username TEXT NOT NULL,
    reason   TEXT,
    snapshot TEXT,
    CHECK (action <> 'reopen' OR length(trim(coalesce(reason, ''))) > 0)
) STRICT;
CREATE INDEX stage_events_by_round ON stage_events (round_id, stage);
