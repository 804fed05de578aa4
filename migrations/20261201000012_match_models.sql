-- Learned fit-score weights (issue 12): each training of the model is a version, with when and
-- by whom (NULL: the nightly run), how many past pairs it learned from, its held-out measures
-- (and the hand-set weights' on the same pairs), and its weights as points per criterion
-- (a JSON array of six numbers in matching::Criterion::ALL's order, 100 in all). At most one
-- version is active; none active means the hand-set weights.
CREATE TABLE match_models (
    id          INTEGER PRIMARY KEY,
    trained_at  INTEGER NOT NULL,
    trained_by  INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    positives   INTEGER NOT NULL CHECK (positives >= 0),
    negatives   INTEGER NOT NULL CHECK (negatives >= 0),
    held_out    INTEGER NOT NULL CHECK (held_out >= 0),
    auc         REAL,
    accuracy    REAL,
    hand_auc    REAL,
    weights     TEXT    NOT NULL,
    active      INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);
CREATE UNIQUE INDEX match_models_one_active ON match_models (active) WHERE active = 1;

-- An administrator's choice of the weights in use (a version, or the hand-set ones): once
-- made, the nightly run trains new versions but never changes what is in use.
CREATE TABLE match_model_choice (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    chosen_by  INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    chosen_at  INTEGER NOT NULL
);
