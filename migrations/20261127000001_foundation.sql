-- Foundation: accounts, server-side sessions, sign-in throttling.
-- Timestamps are UTC unix seconds computed in Rust (portable to PostgreSQL).

CREATE TABLE accounts (
    id                 INTEGER PRIMARY KEY,
    email              TEXT    NOT NULL UNIQUE,
    display_name       TEXT    NOT NULL,
    password_hash      TEXT    NOT NULL,
    role               TEXT    NOT NULL CHECK (role IN ('mentee', 'mentor', 'admin', 'jury', 'partner')),
    region             TEXT,
    district           TEXT,
    locale             TEXT    NOT NULL DEFAULT 'en' CHECK (locale IN ('ky', 'ru', 'en')),
    email_confirmed_at INTEGER,
    suspended_at       INTEGER,
    created_at         INTEGER NOT NULL
);
CREATE INDEX accounts_role ON accounts (role);

CREATE TABLE sessions (
    -- SHA-256 of the cookie token, hex: a leaked table does not yield usable cookies
    id           TEXT    PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE sign_in_failures (
    id     INTEGER PRIMARY KEY,
    scope  TEXT    NOT NULL CHECK (scope IN ('account', 'ip')),
    key    TEXT    NOT NULL,
    at     INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_lookup ON sign_in_failures (scope, key, at);
