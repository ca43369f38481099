-- API clients of organizations (an EHR, a 211) and the short-lived bearer tokens they obtain with
-- the client-credentials grant. Secrets and tokens are stored only as SHA-256 hashes.
CREATE TABLE api_clients (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    secret_created_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at TEXT,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_api_clients_organization ON api_clients (community_id, organization_id);
CREATE TABLE access_tokens (
    token_hash TEXT NOT NULL PRIMARY KEY,
    community_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    scopes TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX ix_access_tokens_client ON access_tokens (community_id, client_id);
