-- The audit trail becomes several hash chains (lanes), each with its own head, numbered 1, 2, 3…
-- by position (see the PostgreSQL script: there writers take different lanes so they need not
-- commit one at a time). SQLite lets one writer in at a time anyway, so here every event goes to
-- lane 1, which is the existing trail.
CREATE TABLE audit_lanes (
    lane INTEGER NOT NULL PRIMARY KEY,
    events BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_lanes (lane, events, hash) SELECT 1, seq, hash FROM audit_head;
DROP TABLE audit_head;

ALTER TABLE audit_events ADD COLUMN lane INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_events ADD COLUMN lane_position BIGINT NOT NULL DEFAULT 0;
UPDATE audit_events SET lane_position = seq;
CREATE UNIQUE INDEX ix_audit_events_lane ON audit_events (lane, seq);
