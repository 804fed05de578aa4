-- Full-text search over mentor profiles (SQLite FTS5; the one SQLite-only piece, used only by
-- mentoring::store::search_ids). External-content table kept in step by triggers.
CREATE VIRTUAL TABLE mentor_search USING fts5 (
    title, organisation, bio, style,
    content = 'mentor_profiles', content_rowid = 'account_id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER mentor_search_ai AFTER INSERT ON mentor_profiles BEGIN
    INSERT INTO mentor_search (rowid, title, organisation, bio, style)
    VALUES (new.account_id, new.title, new.organisation, new.bio, new.style);
END;

CREATE TRIGGER mentor_search_ad AFTER DELETE ON mentor_profiles BEGIN
    INSERT INTO mentor_search (mentor_search, rowid, title, organisation, bio, style)
    VALUES ('delete', old.account_id, old.title, old.organisation, old.bio, old.style);
END;

CREATE TRIGGER mentor_search_au AFTER UPDATE OF title, organisation, bio, style ON mentor_profiles BEGIN
    INSERT INTO mentor_search (mentor_search, rowid, title, organisation, bio, style)
    VALUES ('delete', old.account_id, old.title, old.organisation, old.bio, old.style);
    INSERT INTO mentor_search (rowid, title, organisation, bio, style)
    VALUES (new.account_id, new.title, new.organisation, new.bio, new.style);
END;
