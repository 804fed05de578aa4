-- Inside a mentorship: private messages (held for review when they carry contact details)
-- and the session log.
CREATE TABLE messages (
    id            INTEGER PRIMARY KEY,
    mentorship_id INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    sender_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    body          TEXT    NOT NULL,
    -- 'delivered', or 'held' for an administrator to review, or 'rejected' by one
    status        TEXT    NOT NULL CHECK (status IN ('delivered', 'held', 'rejected')),
    created_at    INTEGER NOT NULL
);
CREATE INDEX messages_thread ON messages (mentorship_id, id);
CREATE INDEX messages_held ON messages (status) WHERE status = 'held';

CREATE TABLE session_logs (
    id            INTEGER PRIMARY KEY,
    mentorship_id INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    logged_by     INTEGER NOT NULL REFERENCES accounts (id),
    held_on       TEXT    NOT NULL,
    minutes       INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 600),
    topics        TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX session_logs_mentorship ON session_logs (mentorship_id, held_on);
