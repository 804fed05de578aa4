-- A counter that every change discovery can see bumps (mentor profiles, skills, languages,
-- accounts' names, places and suspensions, mentorships taking places). The discovery server
-- function keeps the approved mentors in memory and reloads them only when it moves.
CREATE TABLE discovery_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO discovery_version (id, n) VALUES (1, 0);

CREATE TRIGGER discovery_mentor_insert AFTER INSERT ON mentor_profiles BEGIN UPDATE discovery_version SET n = n + 1; END;
CREATE TRIGGER discovery_mentor_update AFTER UPDATE ON mentor_profiles BEGIN UPDATE discovery_version SET n = n + 1; END;
CREATE TRIGGER discovery_mentor_delete AFTER DELETE ON mentor_profiles BEGIN UPDATE discovery_version SET n = n + 1; END;
CREATE TRIGGER discovery_skill_insert AFTER INSERT ON profile_skills BEGIN UPDATE discovery_version SET n = n + 1; END;
CREATE TRIGGER discovery_skill_delete AFTER DELETE ON profile_skills BEGIN UPDATE discovery_version SET n = n + 1; END;
CREATE TRIGGER discovery_language_insert AFTER INSERT ON profile_languages BEGIN UPDATE discovery_version SET n = n + 1; END;
CREATE TRIGGER discovery_language_update AFTER UPDATE ON profile_languages BEGIN UPDATE discovery_version SET n = n + 1; END;
CREATE TRIGGER discovery_language_delete AFTER DELETE ON profile_languages BEGIN UPDATE discovery_version SET n = n + 1; END;
CREATE TRIGGER discovery_account_update AFTER UPDATE OF display_name, region, district, suspended_at ON accounts
    BEGIN UPDATE discovery_version SET n = n + 1; END;
CREATE TRIGGER discovery_account_delete AFTER DELETE ON accounts BEGIN UPDATE discovery_version SET n = n + 1; END;
CREATE TRIGGER discovery_mentorship_insert AFTER INSERT ON mentorships BEGIN UPDATE discovery_version SET n = n + 1; END;
CREATE TRIGGER discovery_mentorship_update AFTER UPDATE OF state ON mentorships BEGIN UPDATE discovery_version SET n = n + 1; END;
CREATE TRIGGER discovery_mentorship_delete AFTER DELETE ON mentorships BEGIN UPDATE discovery_version SET n = n + 1; END;
