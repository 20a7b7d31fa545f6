-- Grain state for Microsoft.Orleans.Persistence.AdoNet (AdoNetGrainStorage).
--
-- Identity. Orleans passes the grain *key* split three ways (GrainIdN0, GrainIdN1, GrainIdExtensionString), the
-- state name as GrainTypeString (not the grain class: two classes with the same key and state name share a row),
-- and ServiceId. It also passes two hashes (GrainIdHash, GrainTypeHash); they may collide and PostgreSQL does not
-- need them: the unique key below is the lookup index, so they are not stored.
-- The extension is NULL for keys without one, and NULL must equal NULL here: hence NULLS NOT DISTINCT (PG 15).
-- The key predicate is written "x = @p OR (x IS NULL AND @p IS NULL)" and never "x IS NOT DISTINCT FROM @p":
-- the latter cannot use an index, and every string key has N0 = N1 = 0, so it would scan all rows of a state name.
-- Npgsql sends these texts as unnamed statements, planned with the actual values, so the OR form reduces to one
-- equality or IS NULL that the index serves (do not turn on Npgsql auto-prepare for these connections: a generic
-- plan would filter the extension instead of seeking it).
--
-- Versions. The version is the ETag, an int4 because Orleans parses it back with int.Parse. A new row starts at a
-- random version rather than 1: after DeleteStateOnClear removed a row, a stale activation still holding the old
-- ETag must not match the next incarnation of the row by accident. "version % 2147483647 + 1" is +1 that wraps
-- to 1 instead of overflowing int4.
--
-- Conflicts. A write, clear or delete that finds no row with the expected version returns no row (or NULL): the
-- provider then throws InconsistentStateException, which is how a second activation learns it lost.

CREATE TABLE IF NOT EXISTS crm_grain_state
(
    service_id    text        NOT NULL,
    state_name    text        NOT NULL,
    key_n0        bigint      NOT NULL,
    key_n1        bigint      NOT NULL,
    key_extension text        NULL,
    payload       bytea       NULL,     -- NULL after a clear (DeleteStateOnClear = false): the version lives on
    version       int4        NOT NULL,
    modified_at   timestamptz NOT NULL,
    CONSTRAINT crm_grain_state_identity
        UNIQUE NULLS NOT DISTINCT (service_id, state_name, key_n0, key_n1, key_extension)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
-- 0 rows: no state yet. A row with a NULL payload: cleared state whose version is still the ETag.
('ReadFromStorageKey', $sql$
SELECT payload AS payloadbinary, version
FROM crm_grain_state
WHERE service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND key_n0 = @GrainIdN0
  AND key_n1 = @GrainIdN1
  AND (key_extension = @GrainIdExtensionString OR (key_extension IS NULL AND @GrainIdExtensionString IS NULL))
$sql$),

-- NULL version: the grain believes there is no row, so insert one, and if a row exists after all
-- (ON CONFLICT DO NOTHING, which also waits for a concurrent insert to settle) return nothing.
-- Otherwise update only the row still at the expected version; the row lock makes concurrent writers queue and
-- the loser re-checks the version and finds it moved.
('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE crm_grain_state
    SET payload = @PayloadBinary, version = version % 2147483647 + 1, modified_at = now()
    WHERE service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND key_n0 = @GrainIdN0
      AND key_n1 = @GrainIdN1
      AND (key_extension = @GrainIdExtensionString OR (key_extension IS NULL AND @GrainIdExtensionString IS NULL))
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO crm_grain_state (service_id, state_name, key_n0, key_n1, key_extension, payload, version, modified_at)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary,
           1 + floor(random() * 1000000000)::int4, now()
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT version AS newgrainstateversion FROM updated
UNION ALL
SELECT version FROM inserted
$sql$),

-- DeleteStateOnClear = false: keep the row with a NULL payload and a new version, so the ETag chain continues.
('ClearStorageKey', $sql$
WITH cleared AS (
    UPDATE crm_grain_state
    SET payload = NULL, version = version % 2147483647 + 1, modified_at = now()
    WHERE service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND key_n0 = @GrainIdN0
      AND key_n1 = @GrainIdN1
      AND (key_extension = @GrainIdExtensionString OR (key_extension IS NULL AND @GrainIdExtensionString IS NULL))
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO crm_grain_state (service_id, state_name, key_n0, key_n1, key_extension, payload, version, modified_at)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, NULL,
           1 + floor(random() * 1000000000)::int4, now()
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT version FROM cleared
UNION ALL
SELECT version FROM inserted
$sql$),

-- DeleteStateOnClear = true: remove the row if it is at the expected version. Orleans only needs a value that
-- differs from the version it sent (it then forgets the ETag); NULL version with no row is a successful no-op.
('DeleteStorageKey', $sql$
WITH deleted AS (
    DELETE FROM crm_grain_state
    WHERE service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND key_n0 = @GrainIdN0
      AND key_n1 = @GrainIdN1
      AND (key_extension = @GrainIdExtensionString OR (key_extension IS NULL AND @GrainIdExtensionString IS NULL))
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT version % 2147483647 + 1 AS version FROM deleted
UNION ALL
SELECT 0
WHERE @GrainStateVersion IS NULL
  AND NOT EXISTS (
      SELECT 1 FROM crm_grain_state
      WHERE service_id = @ServiceId
        AND state_name = @GrainTypeString
        AND key_n0 = @GrainIdN0
        AND key_n1 = @GrainIdN1
        AND (key_extension = @GrainIdExtensionString OR (key_extension IS NULL AND @GrainIdExtensionString IS NULL)))
$sql$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
