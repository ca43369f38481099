-- The partnership's shared measures: saved definitions over Braid's own referrals and screenings,
-- each with a target, an owning member organization and a steward.
CREATE TABLE shared_measures (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    need TEXT,
    target REAL NOT NULL,
    owner_organization_id TEXT NOT NULL,
    steward TEXT NOT NULL,
    about TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (community_id, id)
);
