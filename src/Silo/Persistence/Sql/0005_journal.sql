-- The journal (DESIGN rule 9): the deciding grains' events, one row per (stream, sequence), appended after the grain's
-- state write and again after a crash, so an append must change nothing the second time. Reports and lists read it,
-- never the grains.
--
-- stream is the grain id ("store/sh-xuhui"), sequence numbers its events 1, 2, … in commit order. data is the event's
-- facts as the grains write them (property names as declared in C#). store_id and subject are copied out of the
-- event so the store's reports (by kind and time) and lookups by lead or task use an index, not a jsonb scan.

CREATE TABLE IF NOT EXISTS crm_journal
(
    stream      text        NOT NULL,
    sequence    bigint      NOT NULL,
    kind        text        NOT NULL,
    at          timestamptz NOT NULL,
    store_id    text        NULL,
    subject     text        NULL,
    data        jsonb       NOT NULL,
    appended_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream, sequence)
);

CREATE INDEX IF NOT EXISTS crm_journal_store_kind_at ON crm_journal (store_id, kind, at);
CREATE INDEX IF NOT EXISTS crm_journal_kind_at ON crm_journal (kind, at);
CREATE INDEX IF NOT EXISTS crm_journal_subject ON crm_journal (subject) WHERE subject IS NOT NULL;

-- The follow-up task list, derived from the task events: a row per task with its current state.
CREATE TABLE IF NOT EXISTS crm_task
(
    task_id     text        NOT NULL PRIMARY KEY,
    store_id    text        NOT NULL,
    lead_id     text        NOT NULL,
    rule        text        NOT NULL,
    assignee_id text        NOT NULL,
    due_at      timestamptz NOT NULL,
    state       text        NOT NULL,
    created_at  timestamptz NOT NULL,
    summary     text        NULL,
    closed_at   timestamptz NULL,
    closed_by   text        NULL,
    note        text        NULL
);

CREATE INDEX IF NOT EXISTS crm_task_assignee ON crm_task (assignee_id, state, due_at);
CREATE INDEX IF NOT EXISTS crm_task_store ON crm_task (store_id, state, due_at);

-- Appends a batch (one grain's events, in order) and derives the rows of the events that were new. An event already
-- present is skipped with its derivation: the derived tables change once per event, however often it is appended.
CREATE OR REPLACE FUNCTION crm_journal_append(
    p_streams text[], p_sequences bigint[], p_kinds text[], p_ats timestamptz[],
    p_stores text[], p_subjects text[], p_data jsonb[])
RETURNS int
LANGUAGE plpgsql AS $fn$
DECLARE
    e crm_journal;
    added int := 0;
BEGIN
    FOR i IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
        INSERT INTO crm_journal (stream, sequence, kind, at, store_id, subject, data)
        VALUES (p_streams[i], p_sequences[i], p_kinds[i], p_ats[i], p_stores[i], p_subjects[i], p_data[i])
        ON CONFLICT (stream, sequence) DO NOTHING
        RETURNING * INTO e;
        IF NOT FOUND THEN
            CONTINUE;
        END IF;
        added := added + 1;

        IF e.kind = 'task-opened' THEN
            INSERT INTO crm_task (task_id, store_id, lead_id, rule, assignee_id, due_at, state, created_at, summary)
            VALUES (e.data->>'TaskId', coalesce(e.store_id, ''), e.data->>'LeadId', e.data->>'Rule', e.data->>'AssigneeId',
                    (e.data->>'DueAt')::timestamptz, 'open', e.at, e.data->>'Summary')
            ON CONFLICT (task_id) DO NOTHING;
        ELSIF e.kind IN ('task-done', 'task-cancelled') THEN
            UPDATE crm_task
            SET state = CASE e.kind WHEN 'task-done' THEN 'done' ELSE 'cancelled' END,
                closed_at = e.at, closed_by = e.data->>'By', note = e.data->>'Note'
            WHERE task_id = e.data->>'TaskId' AND state = 'open';
        END IF;
    END LOOP;
    RETURN added;
END
$fn$;
