-- Where a mentee would like her mentor to be: anywhere (the answer of every profile saved
-- before), from her own region, or from abroad. The fit score's place criterion follows it.
ALTER TABLE mentee_profiles ADD COLUMN mentor_from TEXT NOT NULL DEFAULT 'either'
    CHECK (mentor_from IN ('either', 'own_region', 'abroad'));
