-- The interview by panels: the aspects of a round's scoring form with their
-- weights, the panels (rooms) with their interviewers, which panel
-- interviews which candidate and in what order, and each interviewer's
-- score per aspect. The candidate's interview mark stays in
-- scores.interview, derived from these (src/domain/interview.rs).

-- The aspects of a round's form, in order. No row: the defaults apply.
-- Frozen once the round has a panel score.
CREATE TABLE interview_aspects (
    id       INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    weight   INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 1000),
    UNIQUE (round_id, position)
) STRICT;

-- A panel (a room with its team of interviewers).
CREATE TABLE interview_panels (
    id       INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    room     TEXT NOT NULL DEFAULT '',
    UNIQUE (round_id, name)
) STRICT;

CREATE TABLE interviewers (
    id       INTEGER PRIMARY KEY,
    panel_id INTEGER NOT NULL REFERENCES interview_panels (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    nip      TEXT NOT NULL DEFAULT '',
    jabatan  TEXT NOT NULL DEFAULT '',
    UNIQUE (panel_id, position)
) STRICT;

-- Which panel interviews a candidate, their turn in its schedule, and an
-- optional time as staff write it ("08.30").
CREATE TABLE interview_assignments (
    applicant_id INTEGER PRIMARY KEY REFERENCES applicants (id) ON DELETE CASCADE,
    panel_id     INTEGER NOT NULL REFERENCES interview_panels (id) ON DELETE CASCADE,
    turn         INTEGER NOT NULL CHECK (turn >= 1),
    time         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX interview_assignments_by_panel ON interview_assignments (panel_id, turn);

-- One interviewer's score of one aspect for one candidate, in hundredths.
CREATE TABLE interview_scores (
    applicant_id   INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    interviewer_id INTEGER NOT NULL REFERENCES interviewers (id),
    aspect_id      INTEGER NOT NULL REFERENCES interview_aspects (id),
    score          INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10000),
    updated_at     TEXT NOT NULL,
    updated_by     INTEGER REFERENCES users (id),
    PRIMARY KEY (applicant_id, interviewer_id, aspect_id)
) STRICT;
CREATE INDEX interview_scores_by_interviewer ON interview_scores (interviewer_id);
CREATE INDEX interview_scores_by_aspect ON interview_scores (aspect_id);
