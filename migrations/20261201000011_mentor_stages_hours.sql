-- What a mentor tells the platform besides her expertise (issue 12): which career stages she
-- likes to mentor (career-stage codes separated by commas; empty: no preference, the answer of
-- every profile saved before) and how many hours a month she offers (NULL: not said).
ALTER TABLE mentor_profiles ADD COLUMN stages TEXT NOT NULL DEFAULT '';
ALTER TABLE mentor_profiles ADD COLUMN hours_per_month INTEGER
    CHECK (hours_per_month IS NULL OR hours_per_month BETWEEN 1 AND 80);
