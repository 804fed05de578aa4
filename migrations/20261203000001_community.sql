-- The community of practice: partner organisations (their representatives, their edits
-- waiting for an administrator), best practices, joint initiatives, documents with their
-- versions, and the uploaded files all of these point to.

-- Uploaded files live outside the web root (the folder beside the database) under the
-- generated name kept here; who may download one is its audience: 'public', 'partners'
-- (partners and administrators), or 'review' (administrators and whoever uploaded it, until
-- an administrator approves what it belongs to).
CREATE TABLE files (
    name         TEXT    PRIMARY KEY,
    content_type TEXT    NOT NULL CHECK (content_type IN ('image/webp', 'image/jpeg', 'application/pdf')),
    size         INTEGER NOT NULL CHECK (size > 0),
    sha256       TEXT    NOT NULL,
    audience     TEXT    NOT NULL CHECK (audience IN ('public', 'partners', 'review')),
    uploaded_by  INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL
);

CREATE TABLE organisations (
    -- never reused: nominations and initiatives name an organisation by id
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    -- in the languages the organisation gives, at least one
    name_ky      TEXT    NOT NULL DEFAULT '',
    name_ru      TEXT    NOT NULL DEFAULT '',
    name_en      TEXT    NOT NULL DEFAULT '',
    kind         TEXT    NOT NULL CHECK (kind IN ('ngo', 'university', 'school', 'company', 'government', 'international')),
    -- a region's code (profiles::Region)
    region       TEXT    NOT NULL,
    website      TEXT    NOT NULL DEFAULT '',
    description  TEXT    NOT NULL DEFAULT '',
    joined_year  INTEGER NOT NULL CHECK (joined_year BETWEEN 2000 AND 2100),
    logo         TEXT    REFERENCES files (name),
    -- its names and description in lower case, for the directory's search
    search       TEXT    NOT NULL DEFAULT '',
    -- shown in the directory only once an administrator approved it
    status       TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reason       TEXT    NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CHECK (name_ky <> '' OR name_ru <> '' OR name_en <> '')
);
CREATE INDEX organisations_listed ON organisations (status, kind, region);

-- focus areas: fields of the taxonomy
CREATE TABLE organisation_fields (
    org_id   INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    field_id INTEGER NOT NULL REFERENCES taxonomy_fields (id),
    PRIMARY KEY (org_id, field_id)
);

-- a partner account represents one organisation (an administrator links them)
CREATE TABLE organisation_partners (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    org_id     INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    linked_at  INTEGER NOT NULL
);
CREATE INDEX organisation_partners_of ON organisation_partners (org_id);

-- A representative's changes to her organisation's public page, waiting for an administrator:
-- the proposed fields as JSON (and a new logo), one waiting edit per organisation.
CREATE TABLE organisation_edits (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id       INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    proposed     TEXT    NOT NULL,
    logo         TEXT    REFERENCES files (name),
    status       TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reason       TEXT    NOT NULL DEFAULT '',
    submitted_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    submitted_at INTEGER NOT NULL,
    decided_at   INTEGER
);
CREATE UNIQUE INDEX organisation_edits_waiting ON organisation_edits (org_id) WHERE status = 'pending';

CREATE TABLE practices (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    author_id   INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    title       TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    -- plain paragraphs; links are recognised when shown, never HTML
    body        TEXT    NOT NULL,
    region      TEXT    NOT NULL,
    audience    TEXT    NOT NULL CHECK (audience IN ('schoolgirls', 'students', 'young_women', 'teachers', 'communities')),
    results     TEXT    NOT NULL DEFAULT '',
    image       TEXT    REFERENCES files (name),
    -- title, summary, body and results in lower case, for the showcase's search
    search      TEXT    NOT NULL DEFAULT '',
    -- shown once an administrator approved it; a change sends it back for approval
    status      TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reason      TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX practices_of ON practices (org_id, status);
CREATE INDEX practices_listed ON practices (status, region, audience);

CREATE TABLE initiatives (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL CHECK (status IN ('planned', 'running', 'completed')),
    -- calendar dates, YYYY-MM-DD
    starts_on   TEXT    NOT NULL,
    ends_on     TEXT,
    outcomes    TEXT    NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

CREATE TABLE initiative_organisations (
    initiative_id INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    org_id        INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (initiative_id, org_id)
);
CREATE INDEX initiative_organisations_of ON initiative_organisations (org_id);

CREATE TABLE documents (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT    NOT NULL,
    audience    TEXT    NOT NULL CHECK (audience IN ('public', 'partners')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- every version stays; the highest is the current one
CREATE TABLE document_versions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    file        TEXT    NOT NULL REFERENCES files (name),
    -- the name it was uploaded under (shown, and offered when downloading; never a path)
    file_name   TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    uploaded_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (document_id, version)
);

-- an award nomination in an organisation category may name an organisation or a practice
-- from the directory (its name is still kept in org_name, as written then)
ALTER TABLE award_nominations ADD COLUMN organisation_id INTEGER REFERENCES organisations (id);
ALTER TABLE award_nominations ADD COLUMN practice_id INTEGER REFERENCES practices (id);
