-- A rating gets its own id: a held rating comment is found by it (`held_texts.item_id`), and a
-- table without an INTEGER PRIMARY KEY may have its hidden rowids renumbered by VACUUM (the
-- backups are made with VACUUM INTO). The ids are the rowids the comments were held under.
CREATE TABLE mentorship_ratings_new (
    id            INTEGER PRIMARY KEY,
    mentorship_id INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    rater_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment       TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    UNIQUE (mentorship_id, rater_id)
);
INSERT INTO mentorship_ratings_new (id, mentorship_id, rater_id, rating, comment, created_at)
    SELECT rowid, mentorship_id, rater_id, rating, comment, created_at FROM mentorship_ratings;
DROP TABLE mentorship_ratings;
ALTER TABLE mentorship_ratings_new RENAME TO mentorship_ratings;
