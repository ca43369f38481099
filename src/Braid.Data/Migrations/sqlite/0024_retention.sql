-- Each community's retention rules: the years it keeps a part of a person's record after the part
-- ended (a screening done, a consent revoked or expired, a referral closed, a read of the record),
-- even when the person asks for deletion; 0 deletes the part on request (RetentionRules).
ALTER TABLE communities ADD COLUMN retention_screening_years INTEGER NOT NULL DEFAULT 0;
ALTER TABLE communities ADD COLUMN retention_consent_years INTEGER NOT NULL DEFAULT 6;
ALTER TABLE communities ADD COLUMN retention_referral_years INTEGER NOT NULL DEFAULT 6;
ALTER TABLE communities ADD COLUMN retention_disclosure_years INTEGER NOT NULL DEFAULT 6;
