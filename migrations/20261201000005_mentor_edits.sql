-- An approved mentor's change to her public texts (organisation, title, bio, style) waits for
-- an administrator; until approved, others see the last approved version (the live columns).
ALTER TABLE mentor_profiles ADD COLUMN draft_organisation TEXT;
ALTER TABLE mentor_profiles ADD COLUMN draft_title TEXT;
ALTER TABLE mentor_profiles ADD COLUMN draft_bio TEXT;
ALTER TABLE mentor_profiles ADD COLUMN draft_style TEXT;
-- when the waiting change was made (NULL: none waits)
ALTER TABLE mentor_profiles ADD COLUMN draft_at INTEGER;
-- why the last change was not approved (cleared by her next change)
ALTER TABLE mentor_profiles ADD COLUMN draft_reason TEXT;
CREATE INDEX mentor_profiles_drafts ON mentor_profiles (draft_at) WHERE draft_at IS NOT NULL;
