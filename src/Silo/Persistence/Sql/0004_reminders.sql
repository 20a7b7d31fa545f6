-- Reminders for Microsoft.Orleans.Reminders.AdoNet (AdoNetReminderTable). @ServiceId is ClusterOptions.ServiceId, so
-- reminders outlive a cluster (ClusterId) and fire again after a full restart.
--
-- GrainId is GrainId.ToString() ("type/key"), of unbounded length: text. GrainHash is the grain's uint ring position
-- cast to a signed int by Orleans, and so are @BeginHash/@EndHash: store int4 and compare signed. Orleans picks
-- ReadRangeRows1 when (int)Begin < (int)End, and ReadRangeRows2 otherwise (a range through the signed wrap point,
-- or Begin = End for the whole ring); in both, a range is (Begin, End].
-- Period is milliseconds, sent as int4 up to int.MaxValue ms (24.8 days) and as int8 above: bigint.
-- Version is the ETag (int4, Orleans parses it). A new row starts at a random version, so that an old ETag of a
-- removed reminder does not match a later reminder of the same name by accident.

CREATE TABLE IF NOT EXISTS crm_reminder
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    int4        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    version       int4        NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Each silo reads the reminders of its ring ranges, at start and periodically: by service, then hash range.
CREATE INDEX IF NOT EXISTS crm_reminder_ring ON crm_reminder (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadReminderRowsKey', $sql$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
FROM crm_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId
$sql$),

('ReadReminderRowKey', $sql$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
FROM crm_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$sql$),

('ReadRangeRows1Key', $sql$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
FROM crm_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$sql$),

('ReadRangeRows2Key', $sql$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
FROM crm_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$sql$),

-- Register or change: every field is replaced and the version moves on (it is the new ETag).
('UpsertReminderRowKey', $sql$
INSERT INTO crm_reminder AS r (service_id, grain_id, reminder_name, grain_hash, start_time, period, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 1 + floor(random() * 1000000000)::int4)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET grain_hash = EXCLUDED.grain_hash,
    start_time = EXCLUDED.start_time,
    period = EXCLUDED.period,
    version = r.version % 2147483647 + 1
RETURNING version
$sql$),

-- Unregister: only the reminder the caller last saw (same version).
('DeleteReminderRowKey', $sql$
WITH deleted AS (
    DELETE FROM crm_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1
)
SELECT count(*) = 1 AS deleted FROM deleted
$sql$),

('DeleteReminderRowsKey', $sql$
DELETE FROM crm_reminder WHERE service_id = @ServiceId
$sql$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
