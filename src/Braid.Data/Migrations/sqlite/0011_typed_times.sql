-- Braid's own times become typed: timestamptz on PostgreSQL; on SQLite, which has no time type,
-- EF's sortable UTC text (yyyy-MM-dd HH:mm:ss.FFFFFFF). Existing ISO 8601 values are converted in
-- place: UTC ones keep every digit, others (an offset, a date alone) go through SQLite's own date
-- functions (milliseconds). The audit trail keeps its text times, which are part of each event's
-- hash, and so do import runs and schema_migrations.
UPDATE communities SET created_at = CASE
    WHEN created_at LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(created_at, 1, length(created_at) - 6), 'T', ' ')
    WHEN created_at LIKE '____-__-__T__:__:__%Z' THEN replace(substr(created_at, 1, length(created_at) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', created_at) END
WHERE created_at IS NOT NULL;
UPDATE users SET lockout_end = CASE
    WHEN lockout_end LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(lockout_end, 1, length(lockout_end) - 6), 'T', ' ')
    WHEN lockout_end LIKE '____-__-__T__:__:__%Z' THEN replace(substr(lockout_end, 1, length(lockout_end) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', lockout_end) END
WHERE lockout_end IS NOT NULL;
UPDATE memberships SET created_at = CASE
    WHEN created_at LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(created_at, 1, length(created_at) - 6), 'T', ' ')
    WHEN created_at LIKE '____-__-__T__:__:__%Z' THEN replace(substr(created_at, 1, length(created_at) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', created_at) END
WHERE created_at IS NOT NULL;
UPDATE api_clients SET secret_created_at = CASE
    WHEN secret_created_at LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(secret_created_at, 1, length(secret_created_at) - 6), 'T', ' ')
    WHEN secret_created_at LIKE '____-__-__T__:__:__%Z' THEN replace(substr(secret_created_at, 1, length(secret_created_at) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', secret_created_at) END
WHERE secret_created_at IS NOT NULL;
UPDATE api_clients SET created_at = CASE
    WHEN created_at LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(created_at, 1, length(created_at) - 6), 'T', ' ')
    WHEN created_at LIKE '____-__-__T__:__:__%Z' THEN replace(substr(created_at, 1, length(created_at) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', created_at) END
WHERE created_at IS NOT NULL;
UPDATE api_clients SET revoked_at = CASE
    WHEN revoked_at LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(revoked_at, 1, length(revoked_at) - 6), 'T', ' ')
    WHEN revoked_at LIKE '____-__-__T__:__:__%Z' THEN replace(substr(revoked_at, 1, length(revoked_at) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', revoked_at) END
WHERE revoked_at IS NOT NULL;
UPDATE access_tokens SET issued_at = CASE
    WHEN issued_at LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(issued_at, 1, length(issued_at) - 6), 'T', ' ')
    WHEN issued_at LIKE '____-__-__T__:__:__%Z' THEN replace(substr(issued_at, 1, length(issued_at) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', issued_at) END
WHERE issued_at IS NOT NULL;
UPDATE access_tokens SET expires_at = CASE
    WHEN expires_at LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(expires_at, 1, length(expires_at) - 6), 'T', ' ')
    WHEN expires_at LIKE '____-__-__T__:__:__%Z' THEN replace(substr(expires_at, 1, length(expires_at) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', expires_at) END
WHERE expires_at IS NOT NULL;
UPDATE access_tokens SET revoked_at = CASE
    WHEN revoked_at LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(revoked_at, 1, length(revoked_at) - 6), 'T', ' ')
    WHEN revoked_at LIKE '____-__-__T__:__:__%Z' THEN replace(substr(revoked_at, 1, length(revoked_at) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', revoked_at) END
WHERE revoked_at IS NOT NULL;
UPDATE listing_claims SET requested_at = CASE
    WHEN requested_at LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(requested_at, 1, length(requested_at) - 6), 'T', ' ')
    WHEN requested_at LIKE '____-__-__T__:__:__%Z' THEN replace(substr(requested_at, 1, length(requested_at) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', requested_at) END
WHERE requested_at IS NOT NULL;
UPDATE listing_claims SET decided_at = CASE
    WHEN decided_at LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(decided_at, 1, length(decided_at) - 6), 'T', ' ')
    WHEN decided_at LIKE '____-__-__T__:__:__%Z' THEN replace(substr(decided_at, 1, length(decided_at) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', decided_at) END
WHERE decided_at IS NOT NULL;
UPDATE listing_versions SET at = CASE
    WHEN at LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(at, 1, length(at) - 6), 'T', ' ')
    WHEN at LIKE '____-__-__T__:__:__%Z' THEN replace(substr(at, 1, length(at) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', at) END
WHERE at IS NOT NULL;
UPDATE context_tracts SET updated_at = CASE
    WHEN updated_at LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(updated_at, 1, length(updated_at) - 6), 'T', ' ')
    WHEN updated_at LIKE '____-__-__T__:__:__%Z' THEN replace(substr(updated_at, 1, length(updated_at) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', updated_at) END
WHERE updated_at IS NOT NULL;
UPDATE context_sources SET imported_at = CASE
    WHEN imported_at LIKE '____-__-__T__:__:__%+00:00' THEN replace(substr(imported_at, 1, length(imported_at) - 6), 'T', ' ')
    WHEN imported_at LIKE '____-__-__T__:__:__%Z' THEN replace(substr(imported_at, 1, length(imported_at) - 1), 'T', ' ')
    ELSE strftime('%Y-%m-%d %H:%M:%f', imported_at) END
WHERE imported_at IS NOT NULL;
