-- Pairs an administrator said never to propose (matching::cohort): a hard filter of cohort
-- proposals, like a request the mentor declined.
CREATE TABLE match_exclusions (
    mentee_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    mentor_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (mentee_id, mentor_id)
);
