-- The search's rows (issue 15), derived from the journal's 'lead-indexed' events: keyed blind indexes only (issue 14).
-- crm_search_lead says where a lead is and when it came (ids, the store's running number, a time); crm_search_token
-- holds the HMAC tokens of its phone's digit runs and its name's bigrams. No name, phone or digit of either is stored
-- here: the answer's name and phone come from the event itself, sealed at rest (JournalSealing).
--
-- Derived by a trigger on crm_journal rather than in crm_journal_append, so this script stands alone: an event appended
-- again is skipped by the append (ON CONFLICT DO NOTHING) and never reaches the trigger, so rows change once per event.
-- The trigger also fires on UPDATE: retention rewrites a lead's events with its tokens emptied (RetentionRules), and the
-- lead leaves the search.

CREATE TABLE IF NOT EXISTS crm_search_lead
(
    lead_id        text        NOT NULL PRIMARY KEY,
    store_id       text        NOT NULL,
    customer_id    text        NOT NULL,
    running_number int         NULL,
    registered_at  timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS crm_search_lead_store ON crm_search_lead (store_id, registered_at);
CREATE INDEX IF NOT EXISTS crm_search_lead_running ON crm_search_lead (running_number, store_id);

CREATE TABLE IF NOT EXISTS crm_search_token
(
    token   text NOT NULL,
    lead_id text NOT NULL,
    PRIMARY KEY (token, lead_id)
);

CREATE INDEX IF NOT EXISTS crm_search_token_lead ON crm_search_token (lead_id);

CREATE OR REPLACE FUNCTION crm_search_derive() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO crm_search_lead (lead_id, store_id, customer_id, running_number, registered_at)
    VALUES (NEW.data->>'LeadId', NEW.store_id, NEW.data->>'CustomerId', (NEW.data->>'RunningNumber')::int,
            (NEW.data->>'RegisteredAt')::timestamptz)
    ON CONFLICT (lead_id) DO UPDATE
        SET store_id = EXCLUDED.store_id, customer_id = EXCLUDED.customer_id,
            running_number = EXCLUDED.running_number, registered_at = EXCLUDED.registered_at;

    -- A lead indexed again (its store, name or phone changed) keeps only its latest tokens.
    DELETE FROM crm_search_token WHERE lead_id = NEW.data->>'LeadId';
    INSERT INTO crm_search_token (token, lead_id)
    SELECT DISTINCT t, NEW.data->>'LeadId' FROM jsonb_array_elements_text(NEW.data->'Tokens') AS t
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS crm_search_derive ON crm_journal;
CREATE TRIGGER crm_search_derive AFTER INSERT OR UPDATE OF data ON crm_journal
    FOR EACH ROW WHEN (NEW.kind = 'lead-indexed' AND NEW.store_id IS NOT NULL)
    EXECUTE FUNCTION crm_search_derive();
