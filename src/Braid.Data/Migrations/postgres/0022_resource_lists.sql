-- Services a navigator picked for someone, under a short code for the link a text message carries.
-- Only directory ids and the language to show them in: nothing about the person it was for.
CREATE TABLE resource_lists (
    community_id TEXT NOT NULL,
    code TEXT NOT NULL,
    language TEXT NOT NULL,
    services TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, code)
);
