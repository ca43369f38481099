-- The append-only audit trail. Events form one hash chain (see Braid.Core.Audit.AuditChain);
-- audit_head holds the last sequence number and hash, so appends serialize on one row and a
-- trail cut short at the end is detected.
CREATE TABLE audit_events (
    seq INTEGER NOT NULL PRIMARY KEY,
    at TEXT NOT NULL,
    community_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    organization_id TEXT,
    target TEXT,
    client_address TEXT,
    purpose TEXT,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX ix_audit_events_community_at ON audit_events (community_id, at);
CREATE INDEX ix_audit_events_community_actor ON audit_events (community_id, actor);
CREATE TABLE audit_head (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
