-- People's data rights, second part: a deleted account stays as a nameless row (its id is what
-- votes, messages and the audit log point to) with its address, name and password gone.
ALTER TABLE accounts ADD COLUMN deleted_at INTEGER;
