-- Test-day logistics of the written test (issue 17): participant numbers,
-- venues with rooms, sessions, and the seat of each participant.

-- Per round: the participant number format and when the schedule was
-- published (its public PDF first made). Once published, numbers and
-- seats stay: only new participants are added and a participant is moved
-- by hand with a reason.
CREATE TABLE test_schedules (
    round_id      INTEGER PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
    number_format TEXT NOT NULL,
    published_at  TEXT,
    published_by  INTEGER REFERENCES users (id)
) STRICT;

CREATE TABLE test_venues (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    address    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (round_id, name)
) STRICT;

-- A room's capacity is its seats, or its computers for a CAT test.
CREATE TABLE test_rooms (
    id           INTEGER PRIMARY KEY,
    venue_id     INTEGER NOT NULL REFERENCES test_venues (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    capacity     INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    ground_floor INTEGER NOT NULL DEFAULT 0 CHECK (ground_floor IN (0, 1)),
    note         TEXT NOT NULL DEFAULT '',
    UNIQUE (venue_id, name)
) STRICT;

-- Dates YYYY-MM-DD, times HH:MM (local).
CREATE TABLE test_sessions (
    id        INTEGER PRIMARY KEY,
    round_id  INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    label     TEXT NOT NULL,
    date      TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at   TEXT NOT NULL,
    CHECK (starts_at < ends_at),
    UNIQUE (round_id, label)
) STRICT;

-- A number given is never given to anyone else in the round.
CREATE TABLE participant_numbers (
    applicant_id INTEGER PRIMARY KEY REFERENCES applicants (id) ON DELETE CASCADE,
    round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    number       TEXT NOT NULL,
    given_at     TEXT NOT NULL,
    UNIQUE (round_id, seq),
    UNIQUE (round_id, number)
) STRICT;

-- One seat per participant; never two participants on one seat.
CREATE TABLE seat_assignments (
    applicant_id INTEGER PRIMARY KEY REFERENCES applicants (id) ON DELETE CASCADE,
    round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    session_id   INTEGER NOT NULL REFERENCES test_sessions (id),
    room_id      INTEGER NOT NULL REFERENCES test_rooms (id),
    seat         INTEGER NOT NULL CHECK (seat >= 1),
    assigned_at  TEXT NOT NULL,
    UNIQUE (session_id, room_id, seat)
) STRICT;
CREATE INDEX seat_assignments_by_round ON seat_assignments (round_id);
CREATE INDEX seat_assignments_by_room ON seat_assignments (room_id);
