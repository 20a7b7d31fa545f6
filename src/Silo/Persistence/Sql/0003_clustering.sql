-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet (silos: AdoNetClusteringTable; clients:
-- AdoNetGatewayListProvider, which loads the same keys and so needs this whole script too).
-- @DeploymentId is ClusterOptions.ClusterId. A member is identified by (Address, Port, Generation).
--
-- Concurrency is a single table version per cluster: Orleans sends the version it last read, and a member is
-- inserted or updated only if that version is still current, bumping it in the same statement. Locking the version
-- row serialises all such writers, so exactly one of two silos acting on the same snapshot wins and the other gets
-- false, re-reads and retries. The version is an int4 >= 0 (Orleans refuses any other ETag text); at int4 max the
-- writes return false rather than wrap, since a wrapped version could match a stale snapshot.
--
-- Status values (Orleans SiloStatus): 0 None, 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.
-- SuspectTimes is Orleans's own text ("ip:port@generation,yyyy-MM-dd HH:mm:ss.fff GMT" joined by "|"), kept as is.

CREATE TABLE IF NOT EXISTS crm_cluster_version
(
    cluster_id text        NOT NULL PRIMARY KEY,
    version    int4        NOT NULL DEFAULT 0 CHECK (version >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The primary key's leading cluster_id serves every query here (a cluster has a handful of rows).
CREATE TABLE IF NOT EXISTS crm_cluster_member
(
    cluster_id      text        NOT NULL REFERENCES crm_cluster_version (cluster_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            int4        NOT NULL,
    generation      int4        NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          int4        NOT NULL,
    proxy_port      int4        NOT NULL,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
-- Every silo runs this at start; true only for the one that created the version row.
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO crm_cluster_version (cluster_id) VALUES (@DeploymentId)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING 1
)
SELECT count(*) = 1 AS created FROM created
$sql$),

-- Every row carries the table version. With no member, one row with the version and NULL member columns
-- (Orleans reads NULL StartTime as "no member"; zero rows would make it throw): hence the outer join.
('MembershipReadAllKey', $sql$
SELECT v.version, m.address, m.port, m.generation, m.silo_name AS siloname, m.host_name AS hostname, m.status,
       m.proxy_port AS proxyport, m.suspect_times AS suspecttimes, m.start_time AS starttime,
       m.i_am_alive_time AS iamalivetime
FROM crm_cluster_version v
LEFT JOIN crm_cluster_member m ON m.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId
$sql$),

('MembershipReadRowKey', $sql$
SELECT v.version, m.address, m.port, m.generation, m.silo_name AS siloname, m.host_name AS hostname, m.status,
       m.proxy_port AS proxyport, m.suspect_times AS suspecttimes, m.start_time AS starttime,
       m.i_am_alive_time AS iamalivetime
FROM crm_cluster_version v
LEFT JOIN crm_cluster_member m
       ON m.cluster_id = v.cluster_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.cluster_id = @DeploymentId
$sql$),

-- Bump the version only if it is still @Version and the member is absent, then insert the member from the bumped
-- row: both happen or neither (an unexpected duplicate raises and rolls the whole statement back).
('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE crm_cluster_version
    SET version = version + 1, updated_at = now()
    WHERE cluster_id = @DeploymentId
      AND version = @Version
      AND version < 2147483647
      AND NOT EXISTS (
          SELECT 1 FROM crm_cluster_member
          WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING cluster_id
), inserted AS (
    INSERT INTO crm_cluster_member (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                    suspect_times, start_time, i_am_alive_time)
    SELECT cluster_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           NULL, @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1
)
SELECT count(*) = 1 AS inserted FROM inserted
$sql$),

-- Lock the member row first (so it cannot vanish between the checks), then bump the version if still @Version,
-- then update the member from the bumped row. IAmAliveTime never moves back: the value Orleans sends is the one it
-- read, which a heartbeat may have overtaken since.
('UpdateMembershipKey', $sql$
WITH member AS (
    SELECT cluster_id FROM crm_cluster_member
    WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
    FOR UPDATE
), bumped AS (
    UPDATE crm_cluster_version v
    SET version = v.version + 1, updated_at = now()
    FROM member
    WHERE v.cluster_id = member.cluster_id
      AND v.version = @Version
      AND v.version < 2147483647
    RETURNING v.cluster_id
), updated AS (
    UPDATE crm_cluster_member m
    SET status = @Status,
        suspect_times = @SuspectTimes,
        i_am_alive_time = greatest(m.i_am_alive_time, @IAmAliveTime)
    FROM bumped
    WHERE m.cluster_id = bumped.cluster_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*) = 1 AS updated FROM updated
$sql$),

-- The heartbeat: touches only IAmAliveTime, never the version (it is not a membership change).
('UpdateIAmAlivetimeKey', $sql$
UPDATE crm_cluster_member
SET i_am_alive_time = @IAmAliveTime
WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND i_am_alive_time < @IAmAliveTime
$sql$),

-- Clients' gateway list: @Status is Active (3). A silo without a gateway has ProxyPort 0 and is no gateway.
('GatewaysQueryKey', $sql$
SELECT address, proxy_port AS proxyport, generation
FROM crm_cluster_member
WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0
$sql$),

-- Tooling and tests: forget the cluster (its members go with the version row).
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM crm_cluster_version WHERE cluster_id = @DeploymentId
$sql$),

-- Bulk cleanup (used by Orleans only when CleanupDefunctSiloEntryKey is absent): Dead rows whose start and last
-- heartbeat are both before the cutoff. Never a live row, whatever the cutoff.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM crm_cluster_member
WHERE cluster_id = @DeploymentId
  AND status = 6
  AND start_time < @IAmAliveTime
  AND i_am_alive_time < @IAmAliveTime
$sql$),

-- Per-row cleanup (Orleans 10.4.2 prefers it): Orleans read the table, picked a Dead row whose times are all before
-- its cutoff, and sends that row back as it read it. Delete it only if it is still exactly that row and still Dead;
-- Orleans wrote no SuspectTimes as NULL or as '' alike.
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM crm_cluster_member
WHERE cluster_id = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$sql$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
