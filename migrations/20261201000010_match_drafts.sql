-- Cohort proposals (issue 12): an administrator asks for pairs for a cohort (every mentee who
-- may take a mentor, every open mentor with a place, optionally one region's mentees and one
-- field), edits the draft, and publishes it, which starts the mentorships.
CREATE TABLE match_drafts (
    id           INTEGER PRIMARY KEY,
    created_by   INTEGER NOT NULL REFERENCES accounts (id),
    created_at   INTEGER NOT NULL,
    objective    TEXT    NOT NULL CHECK (objective IN ('best', 'most')),
    -- the cohort's filters: a region code of the mentees, a taxonomy field of both sides
    region       TEXT,
    field_id     INTEGER REFERENCES taxonomy_fields (id),
    -- the cohort's size when proposed (an empty proposal says which side was missing)
    mentees      INTEGER NOT NULL CHECK (mentees >= 0),
    mentors      INTEGER NOT NULL CHECK (mentors >= 0),
    state        TEXT    NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'discarded')),
    -- one more at each edit: publishing names the revision the administrator saw
    revision     INTEGER NOT NULL DEFAULT 0,
    decided_by   INTEGER REFERENCES accounts (id),
    decided_at   INTEGER
);
CREATE INDEX match_drafts_newest ON match_drafts (created_at DESC);

-- A draft's pairs: one mentor per mentee, with the fit the administrator saw. Publishing fills
-- in the mentorship it started.
CREATE TABLE match_draft_pairs (
    draft_id      INTEGER NOT NULL REFERENCES match_drafts (id) ON DELETE CASCADE,
    mentee_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    mentor_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    fit           INTEGER NOT NULL CHECK (fit BETWEEN 0 AND 100),
    mentorship_id INTEGER REFERENCES mentorships (id),
    PRIMARY KEY (draft_id, mentee_id)
);
CREATE INDEX match_draft_pairs_mentor ON match_draft_pairs (draft_id, mentor_id);

-- A request the programme made for a published pair (already accepted): who published it.
-- Such requests are not listed among a person's requests; the mentorship is what she sees.
ALTER TABLE mentorship_requests ADD COLUMN matched_by INTEGER REFERENCES accounts (id);
