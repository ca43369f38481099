-- The audit trail becomes several hash chains (lanes). With one chain, every transaction that
-- audited anything held the one head row until it committed, so commits (and their WAL flushes)
-- happened one at a time. A writer now takes the first lane no one holds; each lane is an unbroken
-- chain with its own head, numbered 1, 2, 3… by position; the existing trail is lane 1. Event
-- numbers come from a sequence: they grow within each lane, and a rolled-back transaction leaves
-- a number unused.
CREATE TABLE audit_lanes (
    lane INTEGER NOT NULL PRIMARY KEY,
    events BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_lanes (lane, events, hash) SELECT 1, seq, hash FROM audit_head;
INSERT INTO audit_lanes (lane, events, hash) SELECT g, 0, '0000000000000000000000000000000000000000000000000000000000000000' FROM generate_series(2, 32) AS g;
DROP TABLE audit_head;

ALTER TABLE audit_events ADD COLUMN lane INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_events ADD COLUMN lane_position BIGINT;
UPDATE audit_events SET lane_position = seq;
ALTER TABLE audit_events ALTER COLUMN lane_position SET NOT NULL;
CREATE UNIQUE INDEX ix_audit_events_lane ON audit_events (lane, seq);

CREATE SEQUENCE audit_seq;
SELECT setval('audit_seq', GREATEST(events, 1), events > 0) FROM audit_lanes WHERE lane = 1;
