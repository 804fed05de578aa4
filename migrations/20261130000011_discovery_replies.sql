-- Discovery's cached list carries each mentor's average reply time: a first answer to a
-- request moves the list's version too.
CREATE TRIGGER discovery_request_answered AFTER UPDATE OF answered_at ON mentorship_requests
    BEGIN UPDATE discovery_version SET n = n + 1; END;
