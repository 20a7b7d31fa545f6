-- One grain call's commit in one statement (one round trip, its own implicit transaction):
-- the command record, every row's version check (written rows updated, read rows locked FOR SHARE),
-- outbox events numbered from their stream's counter, NOTIFY, and reminder changes.
-- A failed version check raises CR001 and the whole statement rolls back; CR002 is the test-only fault hook.
CREATE OR REPLACE FUNCTION crm_commit(
    p_command text,
    p_result jsonb,
    p_rows jsonb,
    p_events jsonb,
    p_reminders jsonb,
    p_fail_after_rows int DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
    r record;
    s record;
    written int := 0;
    last_seq bigint;
BEGIN
    INSERT INTO crm_commands (command_id, result) VALUES (p_command, p_result) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN 'duplicate';
    END IF;

    -- Rows arrive sorted by (type, key): every writer locks in the same order, so commits cannot deadlock on rows.
    FOR r IN
        SELECT x.e->>'t' AS t, x.e->>'k' AS k, (x.e->>'v')::bigint AS v, x.e->'s' AS state
        FROM jsonb_array_elements(p_rows) WITH ORDINALITY AS x(e, i)
        ORDER BY x.i
    LOOP
        IF r.state IS NOT NULL THEN
            IF r.v = 0 THEN
                INSERT INTO crm_grain_state (grain_type, grain_key, version, state)
                VALUES (r.t, r.k, 1, r.state) ON CONFLICT DO NOTHING;
            ELSE
                UPDATE crm_grain_state SET version = version + 1, state = r.state, updated_at = now()
                WHERE grain_type = r.t AND grain_key = r.k AND version = r.v;
            END IF;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'version conflict on %/%', r.t, r.k USING ERRCODE = 'CR001';
            END IF;
            written := written + 1;
            IF p_fail_after_rows IS NOT NULL AND written >= p_fail_after_rows THEN
                RAISE EXCEPTION 'injected failure after % written row(s)', written USING ERRCODE = 'CR002';
            END IF;
        ELSIF r.v = 0 THEN
            PERFORM 1 FROM crm_grain_state WHERE grain_type = r.t AND grain_key = r.k;
            IF FOUND THEN
                RAISE EXCEPTION 'version conflict on %/% (created meanwhile)', r.t, r.k USING ERRCODE = 'CR001';
            END IF;
        ELSE
            PERFORM 1 FROM crm_grain_state WHERE grain_type = r.t AND grain_key = r.k AND version = r.v FOR SHARE;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'version conflict on %/% (read)', r.t, r.k USING ERRCODE = 'CR001';
            END IF;
        END IF;
    END LOOP;

    -- Locking the stream's counter row makes sequence order equal commit order within the stream.
    FOR s IN
        SELECT x.e->>'s' AS stream, count(*) AS n
        FROM jsonb_array_elements(p_events) AS x(e)
        GROUP BY x.e->>'s'
        ORDER BY (x.e->>'s') COLLATE "C"
    LOOP
        INSERT INTO crm_streams (stream, last_sequence) VALUES (s.stream, s.n)
        ON CONFLICT (stream) DO UPDATE SET last_sequence = crm_streams.last_sequence + EXCLUDED.last_sequence
        RETURNING last_sequence INTO last_seq;
        INSERT INTO crm_outbox (stream, sequence, event_type, payload)
        SELECT s.stream, last_seq - s.n + row_number() OVER (ORDER BY x.i), x.e->>'t', x.e->'p'
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, i)
        WHERE x.e->>'s' = s.stream;
        PERFORM pg_notify('crm_outbox', s.stream);
    END LOOP;

    FOR r IN
        SELECT x.e AS e FROM jsonb_array_elements(p_reminders) WITH ORDINALITY AS x(e, i) ORDER BY x.i
    LOOP
        CASE r.e->>'op'
            WHEN 'set' THEN
                INSERT INTO crm_reminders (grain_type, grain_key, name, due_at, payload)
                VALUES (r.e->>'t', r.e->>'k', r.e->>'n', (r.e->>'d')::timestamptz, r.e->>'p')
                ON CONFLICT (grain_type, grain_key, name)
                DO UPDATE SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, lease_owner = NULL, lease_until = NULL;
            WHEN 'cancel' THEN
                DELETE FROM crm_reminders WHERE grain_type = r.e->>'t' AND grain_key = r.e->>'k' AND name = r.e->>'n';
            WHEN 'ack' THEN
                DELETE FROM crm_reminders
                WHERE grain_type = r.e->>'t' AND grain_key = r.e->>'k' AND name = r.e->>'n' AND due_at = (r.e->>'d')::timestamptz;
        END CASE;
    END LOOP;

    RETURN 'committed';
END
$$;
