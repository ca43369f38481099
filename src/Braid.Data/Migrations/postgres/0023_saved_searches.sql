-- A staff member's saved directory searches: a name and the search's query string, theirs alone.
CREATE TABLE saved_searches (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_saved_searches_owner ON saved_searches (community_id, owner);
