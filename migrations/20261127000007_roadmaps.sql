-- Learning roadmaps: a mentee's plan to her career goal, steps with success criteria and
-- resources, her mentor's comments and suggested steps, and templates curated by admins.

CREATE TABLE roadmap_templates (
    id          INTEGER PRIMARY KEY,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE roadmap_template_steps (
    id          INTEGER PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES roadmap_templates (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    criterion   TEXT    NOT NULL DEFAULT '',
    -- due this many days after the roadmap is created (NULL: no due date)
    due_in_days INTEGER CHECK (due_in_days BETWEEN 1 AND 3650)
);
CREATE INDEX roadmap_template_steps_of ON roadmap_template_steps (template_id, position);

CREATE TABLE roadmaps (
    id          INTEGER PRIMARY KEY,
    owner_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    target_date TEXT,
    visibility  TEXT    NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'mentor', 'public')),
    -- bumped by every change to the roadmap or its steps: a save names the version it saw
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX roadmaps_owner ON roadmaps (owner_id, id);

CREATE TABLE roadmap_steps (
    id          INTEGER PRIMARY KEY,
    roadmap_id  INTEGER NOT NULL REFERENCES roadmaps (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    details     TEXT    NOT NULL DEFAULT '',
    criterion   TEXT    NOT NULL DEFAULT '',
    due_date    TEXT,
    status      TEXT    NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done', 'skipped')),
    done_at     INTEGER,
    created_at  INTEGER NOT NULL
);
CREATE INDEX roadmap_steps_of ON roadmap_steps (roadmap_id, position);

CREATE TABLE roadmap_resources (
    id       INTEGER PRIMARY KEY,
    step_id  INTEGER NOT NULL REFERENCES roadmap_steps (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title    TEXT    NOT NULL,
    url      TEXT    NOT NULL
);
CREATE INDEX roadmap_resources_of ON roadmap_resources (step_id, position);

-- A mentor's comments stay when her access ends: the mentee keeps reading them.
CREATE TABLE roadmap_comments (
    id         INTEGER PRIMARY KEY,
    step_id    INTEGER NOT NULL REFERENCES roadmap_steps (id) ON DELETE CASCADE,
    author_id  INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX roadmap_comments_of ON roadmap_comments (step_id, id);

CREATE TABLE roadmap_suggestions (
    id         INTEGER PRIMARY KEY,
    roadmap_id INTEGER NOT NULL REFERENCES roadmaps (id) ON DELETE CASCADE,
    author_id  INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    title      TEXT    NOT NULL,
    details    TEXT    NOT NULL DEFAULT '',
    status     TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
    created_at INTEGER NOT NULL,
    decided_at INTEGER
);
CREATE INDEX roadmap_suggestions_of ON roadmap_suggestions (roadmap_id, status);

-- Four starting templates; administrators edit them and add more at /admin/templates.
INSERT INTO roadmap_templates (id, title, description, created_at, updated_at) VALUES
 (1, 'Data analyst', 'From spreadsheets to a first analytics job or internship.', 0, 0),
 (2, 'Web developer', 'From the first web page to a portfolio and a junior role.', 0, 0),
 (3, 'Renewable-energy engineer', 'Towards a degree and work in solar, wind or hydropower.', 0, 0),
 (4, 'Research scientist', 'From curiosity to a research project and a place in a lab.', 0, 0);
INSERT INTO roadmap_template_steps (template_id, position, title, criterion, due_in_days) VALUES
 (1, 1, 'Learn spreadsheet basics: formulas, sorting, charts', 'I can build a chart from a table of 100 rows', 30),
 (1, 2, 'Learn the basics of Python and pandas', 'I finished an online course and its exercises', 90),
 (1, 3, 'Analyse a public dataset about Kyrgyzstan', 'A short report with three charts, shared with my mentor', 150),
 (1, 4, 'Apply for an internship or a junior analyst role', 'Three applications sent', 210),
 (2, 1, 'Build a personal web page with HTML and CSS', 'The page is online and works on a phone', 30),
 (2, 2, 'Learn JavaScript fundamentals', 'I built a small interactive page on my own', 90),
 (2, 3, 'Build a project for a real user (school, family business, NGO)', 'The user has tried it and given feedback', 180),
 (2, 4, 'Prepare a portfolio and apply for junior roles', 'Portfolio online and three applications sent', 240),
 (3, 1, 'Strengthen physics and mathematics', 'Top grades in the next exams', 120),
 (3, 2, 'Visit a solar, wind or hydropower site', 'A visit done and notes written', 180),
 (3, 3, 'Choose a university programme in energy engineering', 'A shortlist of three programmes with deadlines', 240),
 (3, 4, 'Apply to the programme', 'Application sent', 300),
 (4, 1, 'Pick a question that fascinates you and read about it', 'Five articles read and summarised', 60),
 (4, 2, 'Do a small experiment or study with your mentor', 'Results written up in two pages', 150),
 (4, 3, 'Present the project at a school or university event', 'The presentation is given', 210),
 (4, 4, 'Contact a lab or research group about an internship', 'Two labs contacted', 270);
