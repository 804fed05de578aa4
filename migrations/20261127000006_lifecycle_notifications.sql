-- Mentorship lifecycle (pause, resume, complete, cancel: who, why, when), ratings at the end,
-- in-app notifications, the email outbox, and the record of daily jobs.

-- When the mentor first answered (accepted, declined or asked): "usually replies within N days".
ALTER TABLE mentorship_requests ADD COLUMN answered_at INTEGER;
UPDATE mentorship_requests SET answered_at = updated_at
    WHERE state IN ('accepted', 'declined', 'needs_info');
CREATE INDEX mentorship_requests_answered ON mentorship_requests (mentor_id, answered_at)
    WHERE answered_at IS NOT NULL;

-- Every change of a mentorship's state, with who made it and why.
CREATE TABLE mentorship_events (
    id            INTEGER PRIMARY KEY,
    mentorship_id INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    actor_id      INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    from_state    TEXT    NOT NULL,
    to_state      TEXT    NOT NULL CHECK (to_state IN ('active', 'paused', 'completed', 'cancelled')),
    reason        TEXT    NOT NULL DEFAULT '',
    at            INTEGER NOT NULL
);
CREATE INDEX mentorship_events_of ON mentorship_events (mentorship_id, id);

-- At completion each side rates the mentorship once.
CREATE TABLE mentorship_ratings (
    mentorship_id INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    rater_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment       TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (mentorship_id, rater_id)
);

-- In-app notifications. The text is rendered in the reader's language when shown, from
-- `kind` and `param` (a name or a number).
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    param      TEXT    NOT NULL DEFAULT '',
    link       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    read_at    INTEGER
);
CREATE INDEX notifications_inbox ON notifications (account_id, id);
CREATE INDEX notifications_unread ON notifications (account_id) WHERE read_at IS NULL;

-- Email waiting to go out. Sent over SMTP when it is configured; otherwise kept for
-- administrators to read at /admin/outbox.
CREATE TABLE email_outbox (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    to_address  TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    link        TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    created_at  INTEGER NOT NULL,
    sent_at     INTEGER
);
CREATE INDEX email_outbox_queue ON email_outbox (status, id);

-- The day (days since 1970) each daily job last ran, so a restart does not run it twice.
CREATE TABLE job_runs (
    name     TEXT    PRIMARY KEY,
    last_day INTEGER NOT NULL
);
