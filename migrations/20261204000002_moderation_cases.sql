-- Moderation cases: one per reported item (any kind: a group post, a message, a comment, a
-- nomination, a practice, a mentor's profile), with the content as it was when first reported,
-- the decision and its reason (the author reads them), and one appeal.
CREATE TABLE moderation_cases (
    id                INTEGER PRIMARY KEY,
    item_kind         TEXT    NOT NULL,
    item_id           INTEGER NOT NULL,
    author_id         INTEGER REFERENCES accounts (id),
    -- the words as they were when the case opened (kept while the item is hidden)
    snapshot          TEXT    NOT NULL,
    state             TEXT    NOT NULL CHECK (state IN ('open', 'closed')),
    -- whether the item's place holds the hidden marker now
    hidden            INTEGER NOT NULL DEFAULT 0,
    -- why it was hidden before any decision: 'reports' (the third) or 'personal' (at once)
    hidden_because    TEXT,
    outcome           TEXT    CHECK (outcome IN ('dismissed', 'hidden', 'restored', 'removed')),
    reason            TEXT    NOT NULL DEFAULT '',
    -- moves on every change, so a decision made on an older reading is refused
    version           INTEGER NOT NULL DEFAULT 0,
    opened_at         INTEGER NOT NULL,
    decided_at        INTEGER,
    decided_by        INTEGER REFERENCES accounts (id),
    appeal            TEXT,
    appealed_at       INTEGER,
    appeal_outcome    TEXT    CHECK (appeal_outcome IN ('upheld', 'overturned')),
    appeal_reason     TEXT    NOT NULL DEFAULT '',
    appeal_decided_by INTEGER REFERENCES accounts (id),
    appeal_decided_at INTEGER,
    UNIQUE (item_kind, item_id)
);
CREATE INDEX moderation_cases_state ON moderation_cases (state, opened_at);
CREATE INDEX moderation_cases_author ON moderation_cases (author_id);
CREATE INDEX moderation_cases_appeals ON moderation_cases (appealed_at) WHERE appealed_at IS NOT NULL AND appeal_outcome IS NULL;

-- Sanctions on an author: a warning, a silence (no posts, messages or votes) or a suspension
-- (no sign-in; her sessions end), each until its end.
CREATE TABLE sanctions (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    kind       TEXT    NOT NULL CHECK (kind IN ('warning', 'silence', 'suspension')),
    reason     TEXT    NOT NULL,
    case_id    INTEGER REFERENCES moderation_cases (id),
    ends_at    INTEGER NOT NULL,
    lifted_at  INTEGER,
    created_by INTEGER NOT NULL REFERENCES accounts (id),
    created_at INTEGER NOT NULL
);
CREATE INDEX sanctions_of ON sanctions (account_id, ends_at);
CREATE INDEX sanctions_ending ON sanctions (ends_at) WHERE kind = 'suspension' AND lifted_at IS NULL;
