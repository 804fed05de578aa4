-- How many mentors a mentee may have at once (active or paused mentorships): one, unless an
-- administrator allows more for her.
ALTER TABLE accounts ADD COLUMN mentors_allowed INTEGER NOT NULL DEFAULT 1
    CHECK (mentors_allowed BETWEEN 1 AND 3);
