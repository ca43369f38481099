-- Closed-loop referrals. A referral's history is its events (referral_events), appended and never
-- changed; the referral is their fold. The referrals table is that fold's current state, written in
-- the same transaction, for the inbox, the person's view and the outcome dashboard to query; its
-- version is the number of events, and an update that finds another version has lost a race.
CREATE TABLE referrals (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    need_id TEXT NOT NULL,
    need_category TEXT NOT NULL,
    kind TEXT NOT NULL,
    from_organization TEXT NOT NULL,
    to_organization TEXT,
    service_at_location_id TEXT,
    service_name TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    waitlist_position INTEGER,
    assignee TEXT,
    need_met TEXT,
    version INTEGER NOT NULL,
    sent_by TEXT NOT NULL,
    sent_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    first_contact_at timestamptz,
    closed_at timestamptz,
    -- The sender's Idempotency-Key: a retried POST finds the referral it already made.
    idempotency_key TEXT,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_referrals_inbox ON referrals (community_id, to_organization, status, sent_at);
CREATE INDEX ix_referrals_sent ON referrals (community_id, from_organization, sent_at);
CREATE INDEX ix_referrals_person ON referrals (community_id, person_id);
CREATE UNIQUE INDEX ux_referrals_idempotency ON referrals (community_id, from_organization, idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE referral_events (
    community_id TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    type TEXT NOT NULL,
    at timestamptz NOT NULL,
    actor TEXT NOT NULL,
    organization_id TEXT,
    channel TEXT NOT NULL,
    status TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (community_id, referral_id, version)
);
