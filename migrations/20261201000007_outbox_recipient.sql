-- The notice-email cap counts one person's recent emails (notifications::store::notify) inside
-- the write: by an index, not a scan of the whole outbox.
CREATE INDEX email_outbox_recipient ON email_outbox (account_id, urgent, created_at);
