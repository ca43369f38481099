-- Each community's service levels for referrals, counted from sending: answered (accepted or
-- declined), first contact with the person, closed. The inbox shows each open referral's next
-- deadline and flags the missed ones.
ALTER TABLE communities ADD COLUMN referral_answer_hours INTEGER NOT NULL DEFAULT 48;
ALTER TABLE communities ADD COLUMN referral_first_contact_hours INTEGER NOT NULL DEFAULT 120;
ALTER TABLE communities ADD COLUMN referral_close_days INTEGER NOT NULL DEFAULT 30;
