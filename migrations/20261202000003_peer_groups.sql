-- Peer groups (members, the discussion, a regular meeting) and reports of content to
-- moderators, in the shape the administration's queue will read: who reported what, why, when;
-- one report per person per item.

CREATE TABLE peer_groups (
    -- never reused: held texts and reports name a group's texts by id
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT    NOT NULL,
    description       TEXT    NOT NULL DEFAULT '',
    -- a region's code, or 'online'
    region            TEXT    NOT NULL,
    language          TEXT    NOT NULL CHECK (language IN ('ky', 'ru', 'en')),
    member_limit      INTEGER NOT NULL CHECK (member_limit BETWEEN 2 AND 500),
    organiser_id      INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    -- the regular meeting, if scheduled: how often, the first one (UTC), in which zone its
    -- wall-clock time repeats, how long, where (a place or a link)
    meeting_frequency TEXT    CHECK (meeting_frequency IN ('weekly', 'monthly')),
    meeting_first_at  INTEGER,
    meeting_zone      TEXT,
    meeting_minutes   INTEGER CHECK (meeting_minutes BETWEEN 10 AND 600),
    meeting_place     TEXT    NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX peer_groups_organiser ON peer_groups (organiser_id);

CREATE TABLE peer_group_members (
    -- the order people joined in (the longest member is the lowest)
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES peer_groups (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    joined_at   INTEGER NOT NULL,
    UNIQUE (group_id, account_id)
);
CREATE INDEX peer_group_members_mine ON peer_group_members (account_id, group_id);

-- never more members than the limit, whatever writes
CREATE TRIGGER peer_group_members_limit
BEFORE INSERT ON peer_group_members
WHEN (SELECT COUNT(*) FROM peer_group_members WHERE group_id = NEW.group_id)
     >= (SELECT member_limit FROM peer_groups WHERE id = NEW.group_id)
BEGIN
    SELECT RAISE(ABORT, 'group full');
END;

CREATE TABLE peer_group_posts (
    -- never reused: a report names a post by its id, and outlives it
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id    INTEGER NOT NULL REFERENCES peer_groups (id) ON DELETE CASCADE,
    author_id   INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    body        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX peer_group_posts_of ON peer_group_posts (group_id, id);

CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    -- what kind of thing ('group_post', …) and which
    item_kind   TEXT    NOT NULL,
    item_id     INTEGER NOT NULL,
    reporter_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    reason      TEXT    NOT NULL CHECK (reason IN ('spam', 'harassment', 'inappropriate', 'personal_information', 'other')),
    details     TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    UNIQUE (item_kind, item_id, reporter_id)
);
CREATE INDEX reports_item ON reports (item_kind, item_id);
