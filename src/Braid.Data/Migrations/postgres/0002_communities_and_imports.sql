-- Communities (one exchange each) and the record of every directory import.
CREATE TABLE communities (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    directory_version BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE import_runs (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    started_at TEXT NOT NULL,
    records_written INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_services_last_modified ON services (community_id, last_modified);
