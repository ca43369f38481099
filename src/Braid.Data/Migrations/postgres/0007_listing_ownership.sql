-- Organizations claim their own listings (a community admin decides), and every change or
-- verification of a listing is kept as a version: who, when, and each field before and after.
CREATE TABLE listing_claims (
    community_id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT,
    PRIMARY KEY (community_id, organization_id)
);
CREATE TABLE listing_versions (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    service_at_location_id TEXT,
    organization_id TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    changes TEXT NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_listing_versions_service ON listing_versions (community_id, service_id, at);
