-- Email confirmation (voting needs a confirmed address) and the STEM4ALL Award:
-- cycles with phases, categories, weighted jury criteria, nominations, votes with receipts,
-- jurors and their scores, an audit log, and the frozen results snapshot.

CREATE TABLE email_confirmations (
    -- SHA-256 of the token in the emailed link, hex
    token_hash TEXT    PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
CREATE INDEX email_confirmations_account ON email_confirmations (account_id);

CREATE TABLE award_cycles (
    id                INTEGER PRIMARY KEY,
    name              TEXT    NOT NULL,
    phase             TEXT    NOT NULL DEFAULT 'draft' CHECK (phase IN
        ('draft', 'nominations', 'screening', 'voting', 'voting_closed', 'jury', 'published', 'archived')),
    -- how jury scores and public votes combine; fixed once voting opens
    rule              TEXT    NOT NULL DEFAULT 'jury_first' CHECK (rule IN ('jury_first', 'public_first', 'combined')),
    jury_weight       INTEGER NOT NULL DEFAULT 70 CHECK (jury_weight BETWEEN 0 AND 100),
    -- the server's clock closes these even before an administrator moves the phase on
    nominations_until INTEGER NOT NULL,
    voting_until      INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    published_at      INTEGER
);

CREATE TABLE award_categories (
    id        INTEGER PRIMARY KEY,
    cycle_id  INTEGER NOT NULL REFERENCES award_cycles (id) ON DELETE CASCADE,
    code      TEXT    NOT NULL,
    -- who can be nominated
    nominee   TEXT    NOT NULL CHECK (nominee IN ('mentor', 'mentee', 'organisation')),
    regional  INTEGER NOT NULL DEFAULT 0,
    position  INTEGER NOT NULL,
    UNIQUE (cycle_id, code)
);

CREATE TABLE award_criteria (
    id       INTEGER PRIMARY KEY,
    cycle_id INTEGER NOT NULL REFERENCES award_cycles (id) ON DELETE CASCADE,
    code     TEXT    NOT NULL,
    weight   INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 100),
    position INTEGER NOT NULL,
    UNIQUE (cycle_id, code)
);

CREATE TABLE award_nominations (
    id               INTEGER PRIMARY KEY,
    category_id      INTEGER NOT NULL REFERENCES award_categories (id) ON DELETE CASCADE,
    nominator_id     INTEGER NOT NULL REFERENCES accounts (id),
    -- a person (who must accept) or an organisation or project (by name)
    nominee_id       INTEGER REFERENCES accounts (id),
    org_name         TEXT,
    -- 'a:<account id>' or 'o:<name, lower case>': one nomination per nominator, nominee, category
    nominee_key      TEXT    NOT NULL,
    reason           TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('awaiting', 'accepted', 'declined')),
    screening        TEXT    NOT NULL DEFAULT 'pending' CHECK (screening IN ('pending', 'eligible', 'ineligible')),
    screening_reason TEXT,
    finalist         INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    answered_at      INTEGER,
    UNIQUE (category_id, nominator_id, nominee_key),
    CHECK (nominee_id IS NULL OR nominee_id <> nominator_id),
    CHECK ((nominee_id IS NULL) <> (org_name IS NULL)),
    CHECK (finalist = 0 OR screening = 'eligible')
);
CREATE INDEX award_nominations_nominee ON award_nominations (nominee_id);
CREATE INDEX award_nominations_nominator ON award_nominations (nominator_id);

-- One vote per account per category: the primary defence against double votes is this
-- constraint, not application code.
CREATE TABLE award_votes (
    id            INTEGER PRIMARY KEY,
    category_id   INTEGER NOT NULL REFERENCES award_categories (id) ON DELETE CASCADE,
    voter_id      INTEGER NOT NULL REFERENCES accounts (id),
    nomination_id INTEGER NOT NULL REFERENCES award_nominations (id),
    receipt       TEXT    NOT NULL UNIQUE,
    cast_at       INTEGER NOT NULL,
    changed_at    INTEGER NOT NULL,
    flagged       INTEGER NOT NULL DEFAULT 0,
    voided_at     INTEGER,
    void_reason   TEXT,
    voided_by     INTEGER REFERENCES accounts (id),
    UNIQUE (category_id, voter_id)
);
CREATE INDEX award_votes_nomination ON award_votes (nomination_id, changed_at);

CREATE TABLE award_jurors (
    category_id INTEGER NOT NULL REFERENCES award_categories (id) ON DELETE CASCADE,
    juror_id    INTEGER NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (category_id, juror_id)
);

-- A juror's review of a finalist: scores per criterion, or an abstention with its reason.
CREATE TABLE award_reviews (
    nomination_id  INTEGER NOT NULL REFERENCES award_nominations (id) ON DELETE CASCADE,
    juror_id       INTEGER NOT NULL REFERENCES accounts (id),
    abstain_reason TEXT,
    updated_at     INTEGER NOT NULL,
    PRIMARY KEY (nomination_id, juror_id)
);
CREATE TABLE award_scores (
    nomination_id INTEGER NOT NULL,
    juror_id      INTEGER NOT NULL,
    criterion_id  INTEGER NOT NULL REFERENCES award_criteria (id) ON DELETE CASCADE,
    score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    PRIMARY KEY (nomination_id, juror_id, criterion_id),
    FOREIGN KEY (nomination_id, juror_id) REFERENCES award_reviews (nomination_id, juror_id) ON DELETE CASCADE
);

-- Everything an administrator or the vote monitor does to a cycle: phase changes, screening,
-- shortlisting, jurors, voided votes, flagged bursts, publication.
CREATE TABLE award_log (
    id       INTEGER PRIMARY KEY,
    cycle_id INTEGER NOT NULL REFERENCES award_cycles (id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES accounts (id),
    action   TEXT    NOT NULL,
    detail   TEXT    NOT NULL DEFAULT '',
    reason   TEXT    NOT NULL DEFAULT '',
    at       INTEGER NOT NULL
);
CREATE INDEX award_log_cycle ON award_log (cycle_id, id);

-- The results as published: names, reasons, counts and means copied, never updated.
CREATE TABLE award_results (
    category_id      INTEGER NOT NULL REFERENCES award_categories (id),
    nomination_id    INTEGER NOT NULL REFERENCES award_nominations (id),
    nominee_name     TEXT    NOT NULL,
    reason           TEXT    NOT NULL,
    votes            INTEGER NOT NULL,
    -- the jury's mean weighted score times 100 (NULL: every juror abstained)
    jury_x100        INTEGER,
    jurors           INTEGER NOT NULL,
    place            INTEGER NOT NULL,
    winner           INTEGER NOT NULL,
    community_choice INTEGER NOT NULL,
    PRIMARY KEY (category_id, nomination_id)
);
CREATE TRIGGER award_results_frozen_update BEFORE UPDATE ON award_results
BEGIN
    SELECT RAISE(ABORT, 'published award results cannot change');
END;
CREATE TRIGGER award_results_frozen_delete BEFORE DELETE ON award_results
BEGIN
    SELECT RAISE(ABORT, 'published award results cannot change');
END;
