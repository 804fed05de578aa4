-- The trigger of 20261130000011 fired on every change of a request (answered_at is in every
-- UPDATE's SET list, mostly unchanged): discovery's cached lists were thrown away on each view,
-- withdrawal or expiry. Only a first answer changes a mentor's reply time.
DROP TRIGGER discovery_request_answered;
CREATE TRIGGER discovery_request_answered AFTER UPDATE OF answered_at ON mentorship_requests
    WHEN OLD.answered_at IS NOT NEW.answered_at
    BEGIN UPDATE discovery_version SET n = n + 1; END;
