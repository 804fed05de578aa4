-- Mentorship requests and mentorships.
CREATE TABLE mentorship_requests (
    id             INTEGER PRIMARY KEY,
    mentee_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    mentor_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    message        TEXT    NOT NULL,
    hopes          TEXT    NOT NULL,
    state          TEXT    NOT NULL CHECK (state IN ('pending', 'viewed', 'accepted', 'declined', 'needs_info', 'withdrawn', 'expired', 'invalidated')),
    decline_reason TEXT    CHECK (decline_reason IN ('no_time', 'outside_expertise', 'other_mentor_fits', 'other')),
    question       TEXT,
    answer         TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    CHECK (mentee_id <> mentor_id)
);
-- one open request per mentee and mentor, enforced by the database
CREATE UNIQUE INDEX mentorship_requests_one_open
    ON mentorship_requests (mentee_id, mentor_id) WHERE state IN ('pending', 'viewed', 'needs_info');
CREATE INDEX mentorship_requests_mentor ON mentorship_requests (mentor_id, state, updated_at);
CREATE INDEX mentorship_requests_mentee ON mentorship_requests (mentee_id, state, updated_at);

CREATE TABLE mentorships (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL UNIQUE REFERENCES mentorship_requests (id),
    mentee_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    mentor_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    state        TEXT    NOT NULL CHECK (state IN ('active', 'paused', 'completed', 'cancelled')),
    started_at   INTEGER NOT NULL,
    ended_at     INTEGER,
    ended_by     INTEGER REFERENCES accounts (id),
    end_reason   TEXT
);
CREATE INDEX mentorships_mentor ON mentorships (mentor_id, state);
CREATE INDEX mentorships_mentee ON mentorships (mentee_id, state);
