-- Account recovery and control (issue 11): password reset links, sessions that end after a
-- while without use, security emails sent before bulk notices, and more kinds of attempts
-- counted for the flood limits.

-- A reset link's token is stored hashed (SHA-256, hex): a leaked table does not reset anyone.
CREATE TABLE password_resets (
    token_hash  TEXT    PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX password_resets_account ON password_resets (account_id);

-- When a session was last used (written at most once an hour): 14 days without use end it,
-- 12 hours for an administrator.
ALTER TABLE sessions ADD COLUMN last_used_at INTEGER;
UPDATE sessions SET last_used_at = created_at;

-- Security emails (confirmation, reset) go out before bulk notices.
ALTER TABLE email_outbox ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
CREATE INDEX email_outbox_urgent ON email_outbox (status, urgent DESC, id);

-- The attempts' kinds grow; their rows live an hour at most, so the table starts afresh.
DROP TABLE attempts;
CREATE TABLE attempts (
    id     INTEGER PRIMARY KEY,
    scope  TEXT    NOT NULL CHECK (scope IN ('pair', 'address', 'account', 'sign_up',
                                            'reset_address', 'reset_email', 'password',
                                            'resend')),
    key    TEXT    NOT NULL,
    at     INTEGER NOT NULL
);
CREATE INDEX attempts_lookup ON attempts (scope, key, at);
CREATE INDEX attempts_at ON attempts (at);
