-- Neighbourhood context by census tract (HOLC grade, life expectancy, vulnerability…), merged
-- from any number of imported files, and the files themselves with their citations, so that
-- every report can cite its sources.
CREATE TABLE context_tracts (
    community_id TEXT NOT NULL,
    geoid TEXT NOT NULL,
    county TEXT NOT NULL,
    tract_values TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (community_id, geoid)
);
CREATE TABLE context_sources (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    file TEXT NOT NULL,
    citation TEXT NOT NULL,
    columns TEXT NOT NULL,
    tracts INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    PRIMARY KEY (community_id, id)
);
