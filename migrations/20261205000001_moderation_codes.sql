-- A case's kind and why it is hidden are read as closed lists (moderation::ItemKind,
-- HiddenBecause): a code outside them would fail the read of the whole queue, so the database
-- refuses one on the way in, as CHECK constraints do for the other columns.
CREATE TRIGGER moderation_cases_codes_insert BEFORE INSERT ON moderation_cases
WHEN NEW.item_kind NOT IN ('group_post', 'message', 'roadmap_comment', 'nomination', 'practice', 'mentor_profile')
  OR (NEW.hidden_because IS NOT NULL AND NEW.hidden_because NOT IN ('reports', 'personal'))
BEGIN
    SELECT RAISE(ABORT, 'moderation_cases: unknown item_kind or hidden_because');
END;

CREATE TRIGGER moderation_cases_codes_update BEFORE UPDATE OF item_kind, hidden_because ON moderation_cases
WHEN NEW.item_kind NOT IN ('group_post', 'message', 'roadmap_comment', 'nomination', 'practice', 'mentor_profile')
  OR (NEW.hidden_because IS NOT NULL AND NEW.hidden_because NOT IN ('reports', 'personal'))
BEGIN
    SELECT RAISE(ABORT, 'moderation_cases: unknown item_kind or hidden_because');
END;

CREATE TRIGGER reports_codes_insert BEFORE INSERT ON reports
WHEN NEW.item_kind NOT IN ('group_post', 'message', 'roadmap_comment', 'nomination', 'practice', 'mentor_profile')
BEGIN
    SELECT RAISE(ABORT, 'reports: unknown item_kind');
END;
