-- Texts one person wrote to another that carry contact details, held for an administrator in
-- every channel but mentorship messages (safeguard::store::screen). The text's own place holds
-- a marker until a decision: released (the text goes back) or removed.
CREATE TABLE held_texts (
    id          INTEGER PRIMARY KEY,
    channel     TEXT    NOT NULL,
    item_id     INTEGER NOT NULL,
    author_id   INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    -- the words as written
    text        TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'released', 'removed')),
    created_at  INTEGER NOT NULL,
    decided_at  INTEGER,
    decided_by  INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    UNIQUE (channel, item_id)
);
CREATE INDEX held_texts_waiting ON held_texts (status, id);
