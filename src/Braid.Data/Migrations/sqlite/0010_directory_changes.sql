-- What each directory write touched, by the version it made, so a server applies an edit or an
-- import to its live search index instead of rebuilding it (DirectoryStore.ChangesSinceAsync).
-- kind: service_at_location, service, location, organization, link (an attribute's link_id),
-- term, or all (too much to list, or a deletion whose listings cannot be named afterwards).
CREATE TABLE directory_changes (
    community_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (community_id, version, kind, id)
);
