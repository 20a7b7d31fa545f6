-- Grain state: one row per grain, optimistic concurrency on version.
CREATE TABLE IF NOT EXISTS crm_grain_state (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    state       jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key)
);

-- Every committed command id with the result its first execution returned (idempotency, in-doubt resolution).
CREATE TABLE IF NOT EXISTS crm_commands (
    command_id   text        PRIMARY KEY,
    result       jsonb,
    committed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS crm_commands_committed_at ON crm_commands (committed_at);

-- Per-stream sequence counters. Locking the counter row in the committing transaction makes
-- sequence order equal commit order within a stream (a bigserial would not).
CREATE TABLE IF NOT EXISTS crm_streams (
    stream        text   PRIMARY KEY,
    last_sequence bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS crm_outbox (
    stream       text        NOT NULL,
    sequence     bigint      NOT NULL,
    event_type   text        NOT NULL,
    payload      jsonb       NOT NULL,
    committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (stream, sequence)
);

CREATE TABLE IF NOT EXISTS crm_reminders (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    name        text        NOT NULL,
    due_at      timestamptz NOT NULL,
    payload     text,
    lease_owner text,
    lease_until timestamptz,
    PRIMARY KEY (grain_type, grain_key, name)
);
CREATE INDEX IF NOT EXISTS crm_reminders_due_at ON crm_reminders (due_at);
