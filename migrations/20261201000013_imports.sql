-- Imports from spreadsheets (matching::import): each file an administrator (or the command
-- line) imported or tried to, with its report.
CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('people', 'outcomes')),
    state TEXT NOT NULL CHECK (state IN ('imported', 'refused')),
    file_name TEXT NOT NULL,
    -- NULL: the command line
    created_by INTEGER REFERENCES accounts (id),
    created_at INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    added INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    problem_count INTEGER NOT NULL DEFAULT 0,
    -- the problems found (JSON, at most matching::import::PROBLEMS_KEPT)
    problems TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX import_batches_created ON import_batches (created_at DESC);

-- Past pairs and how they went, imported as training data for the learned ranking. One row a
-- pair: importing the pair again updates it. kind as model::store::outcomes counts it: 1
-- worked out, 0 refused, 2 did not work out.
CREATE TABLE past_outcomes (
    id INTEGER PRIMARY KEY,
    mentee_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    mentor_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'completed', 'declined', 'expired', 'cancelled')),
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    kind INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),
    batch_id INTEGER NOT NULL REFERENCES import_batches (id),
    imported_at INTEGER NOT NULL,
    UNIQUE (mentee_id, mentor_id),
    CHECK (mentee_id <> mentor_id)
);
