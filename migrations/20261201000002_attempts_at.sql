-- Old attempts are deleted by time (auth::store::reserve): by an index, not a scan.
CREATE INDEX attempts_at ON attempts (at);
