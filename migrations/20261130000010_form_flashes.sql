-- What a refused plain form post carries back to its page (messages and what was typed), kept
-- on the server for two minutes under the hash of a short cookie's token: a cookie of its own
-- could not hold two long Cyrillic fields (browsers drop cookies over 4 KB).
CREATE TABLE form_flashes (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX form_flashes_expiry ON form_flashes (expires_at);
