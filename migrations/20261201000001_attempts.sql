-- Sign-in and sign-up attempts counted for the flood limits (auth::store::reserve): an attempt
-- is written before its password is checked, so a burst cannot pass the count. Replaces
-- sign_in_failures (its rows only ever live 15 minutes).
DROP TABLE sign_in_failures;
CREATE TABLE attempts (
    id     INTEGER PRIMARY KEY,
    scope  TEXT    NOT NULL CHECK (scope IN ('pair', 'address', 'account', 'sign_up')),
    key    TEXT    NOT NULL,
    at     INTEGER NOT NULL
);
CREATE INDEX attempts_lookup ON attempts (scope, key, at);
