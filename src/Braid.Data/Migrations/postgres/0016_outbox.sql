-- The outbox: every message a change causes (an email or text to the person, a FHIR subscription
-- notification) is written in the change's own transaction, so it exists if and only if the change
-- committed. A dispatcher sends what is due and marks it sent; the id is the message's dedupe key,
-- so a message sent again after a crash has no second effect.
CREATE TABLE outbox_messages (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    language TEXT,
    payload TEXT NOT NULL,
    created_at timestamptz NOT NULL,
    due_at timestamptz NOT NULL,
    attempts INTEGER NOT NULL,
    sent_at timestamptz,
    failed_at timestamptz,
    last_error TEXT,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_outbox_due ON outbox_messages (due_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- FHIR R4 backport subscriptions (topic-based, rest-hook): an API client's endpoint told of each
-- change to its organization's referral Tasks. event_count numbers the notifications (the
-- subscriber's dedupe key); it is incremented in the transaction of the change it announces.
CREATE TABLE fhir_subscriptions (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    created_by TEXT NOT NULL,
    topic TEXT NOT NULL,
    filter TEXT,
    endpoint TEXT NOT NULL,
    status TEXT NOT NULL,
    event_count INTEGER NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_fhir_subscriptions_organization ON fhir_subscriptions (community_id, organization_id);
