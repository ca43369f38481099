-- Braid's own times become typed: timestamptz on PostgreSQL; on SQLite, which has no time type,
-- EF's sortable UTC text (yyyy-MM-dd HH:mm:ss.FFFFFFF). Existing ISO 8601 values are converted in
-- place: UTC ones keep every digit, others (an offset, a date alone) go through SQLite's own date
-- functions (milliseconds). The audit trail keeps its text times, which are part of each event's
-- hash, and so do import runs and schema_migrations.
ALTER TABLE communities ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz;
ALTER TABLE users ALTER COLUMN lockout_end TYPE timestamptz USING lockout_end::timestamptz;
ALTER TABLE memberships ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz;
ALTER TABLE api_clients ALTER COLUMN secret_created_at TYPE timestamptz USING secret_created_at::timestamptz;
ALTER TABLE api_clients ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz;
ALTER TABLE api_clients ALTER COLUMN revoked_at TYPE timestamptz USING revoked_at::timestamptz;
ALTER TABLE access_tokens ALTER COLUMN issued_at TYPE timestamptz USING issued_at::timestamptz;
ALTER TABLE access_tokens ALTER COLUMN expires_at TYPE timestamptz USING expires_at::timestamptz;
ALTER TABLE access_tokens ALTER COLUMN revoked_at TYPE timestamptz USING revoked_at::timestamptz;
ALTER TABLE listing_claims ALTER COLUMN requested_at TYPE timestamptz USING requested_at::timestamptz;
ALTER TABLE listing_claims ALTER COLUMN decided_at TYPE timestamptz USING decided_at::timestamptz;
ALTER TABLE listing_versions ALTER COLUMN at TYPE timestamptz USING at::timestamptz;
ALTER TABLE context_tracts ALTER COLUMN updated_at TYPE timestamptz USING updated_at::timestamptz;
ALTER TABLE context_sources ALTER COLUMN imported_at TYPE timestamptz USING imported_at::timestamptz;
