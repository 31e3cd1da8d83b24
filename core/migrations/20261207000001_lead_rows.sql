-- Every lead as one JSON object with named fields: the one list of a
-- lead's columns that every query reading leads uses (the sync, the
-- export, the checks), read into `StoredLead`. A page of leads comes back
-- as one JSON array: sqlx hands SQLite's rows over one by one between
-- threads, which for 100,000 small rows costs more than the query itself.
-- Towns and themes come sorted, from their tables' primary keys.
CREATE VIEW lead_rows AS
SELECT seq, created_at, synced_at, exported_at,
       json_object(
           'seq', seq, 'kiosk_id', kiosk_id, 'id', id, 'created_at', created_at,
           'venue', venue, 'language', language, 'email', email, 'name', name,
           'country', country,
           'towns', json((SELECT json_group_array(town_id) FROM lead_towns WHERE lead_id = leads.id)),
           'themes', json((SELECT json_group_array(theme) FROM lead_themes WHERE lead_id = leads.id)),
           'family', json(CASE WHEN family THEN 'true' ELSE 'false' END),
           'calendar', calendar, 'postal_address', postal_address, 'message', message,
           'consent_version', consent_version,
           'consent_contact', json(CASE WHEN consent_contact THEN 'true' ELSE 'false' END),
           'consent_newsletter', json(CASE WHEN consent_newsletter THEN 'true' ELSE 'false' END)
       ) AS row
FROM leads;
