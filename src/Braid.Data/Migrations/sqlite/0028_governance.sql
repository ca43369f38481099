-- The partnership's governance: its members (organizations of the directory and resident advisory
-- members), its charter and data-sharing agreements as versions that are never edited, the
-- members' signatures of a version, and its decisions with the community input that informed them.
CREATE TABLE partnership_members (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    role TEXT NOT NULL,
    organization_id TEXT,
    name TEXT,
    since TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (community_id, id),
    CHECK ((organization_id IS NULL) <> (name IS NULL))
);
CREATE UNIQUE INDEX ux_partnership_members_organization ON partnership_members (community_id, organization_id) WHERE organization_id IS NOT NULL;

CREATE TABLE governance_documents (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (community_id, id)
);

CREATE TABLE document_versions (
    community_id TEXT NOT NULL,
    document_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    text TEXT NOT NULL,
    summary TEXT,
    published_on TEXT NOT NULL,
    published_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (community_id, document_id, version)
);

CREATE TABLE document_signatures (
    community_id TEXT NOT NULL,
    document_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    member_id TEXT NOT NULL,
    signer_name TEXT NOT NULL,
    signer_title TEXT,
    signed_by TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    PRIMARY KEY (community_id, document_id, version, member_id)
);

CREATE TABLE community_inputs (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    participants INTEGER,
    summary TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    PRIMARY KEY (community_id, id)
);

CREATE TABLE decisions (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    body TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    inputs TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    PRIMARY KEY (community_id, id)
);

CREATE TRIGGER document_versions_kept BEFORE UPDATE ON document_versions BEGIN SELECT RAISE(ABORT, 'a published version is never edited: publish a new version instead'); END;
CREATE TRIGGER document_signatures_kept BEFORE UPDATE ON document_signatures BEGIN SELECT RAISE(ABORT, 'a signature is never edited'); END;
