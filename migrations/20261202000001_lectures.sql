-- Lectures and trainings: speakers an administrator names, lectures with their online link,
-- materials and recording, registrations with the waiting list (in the order people joined
-- it), attendance, ratings; each person's secret calendar feed; a reader's own time zone.

ALTER TABLE accounts ADD COLUMN time_zone TEXT;

CREATE TABLE lecture_speakers (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    named_by   INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    named_at   INTEGER NOT NULL
);

CREATE TABLE lectures (
    id              INTEGER PRIMARY KEY,
    -- who published it (an administrator or a named speaker); she manages it
    owner_id        INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    title           TEXT    NOT NULL,
    topic           TEXT    NOT NULL,
    speaker         TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    language        TEXT    NOT NULL CHECK (language IN ('ky', 'ru', 'en')),
    starts_at       INTEGER NOT NULL,
    minutes         INTEGER NOT NULL CHECK (minutes BETWEEN 10 AND 600),
    capacity        INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    online_link     TEXT    NOT NULL DEFAULT '',
    -- one "title | https://…" a line
    materials       TEXT    NOT NULL DEFAULT '',
    recording_link  TEXT    NOT NULL DEFAULT '',
    recording_code  TEXT    NOT NULL DEFAULT '',
    recording_until INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX lectures_by_start ON lectures (starts_at);

CREATE TABLE lecture_registrations (
    -- the waiting list's order
    id          INTEGER PRIMARY KEY,
    lecture_id  INTEGER NOT NULL REFERENCES lectures (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status      TEXT    NOT NULL CHECK (status IN ('registered', 'waiting')),
    -- marked by the speaker or an administrator after the lecture
    attended    INTEGER CHECK (attended IN (0, 1)),
    -- reminders sent: 0 none, 1 the day before, 2 the hour before
    reminded    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    UNIQUE (lecture_id, account_id)
);
CREATE INDEX lecture_registrations_mine ON lecture_registrations (account_id, lecture_id);
CREATE INDEX lecture_registrations_queue ON lecture_registrations (lecture_id, status, id);

-- never more registered than places, whatever writes (the store checks it first, in the same
-- write; this is the schema's own guard)
CREATE TRIGGER lecture_registrations_capacity_insert
BEFORE INSERT ON lecture_registrations
WHEN NEW.status = 'registered'
 AND (SELECT COUNT(*) FROM lecture_registrations
      WHERE lecture_id = NEW.lecture_id AND status = 'registered')
     >= (SELECT capacity FROM lectures WHERE id = NEW.lecture_id)
BEGIN
    SELECT RAISE(ABORT, 'lecture full');
END;

CREATE TRIGGER lecture_registrations_capacity_update
BEFORE UPDATE OF status ON lecture_registrations
WHEN NEW.status = 'registered' AND OLD.status <> 'registered'
 AND (SELECT COUNT(*) FROM lecture_registrations
      WHERE lecture_id = NEW.lecture_id AND status = 'registered')
     >= (SELECT capacity FROM lectures WHERE id = NEW.lecture_id)
BEGIN
    SELECT RAISE(ABORT, 'lecture full');
END;

CREATE TABLE lecture_ratings (
    id          INTEGER PRIMARY KEY,
    lecture_id  INTEGER NOT NULL REFERENCES lectures (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    stars       INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment     TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    UNIQUE (lecture_id, account_id)
);

-- a person's calendar feed: the SHA-256 of the secret in its address; a new one replaces it
CREATE TABLE calendar_feeds (
    account_id  INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash  TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);
