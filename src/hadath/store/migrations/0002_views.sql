-- hadath store, migration 2: views for reports and exports.

-- One row per event with its document's metadata and both sides flattened:
-- actor/recipient countries, sectors and names as sorted, distinct lists.
CREATE VIEW event_rows AS
SELECT e.*,
       d.id AS doc_id, d.published, d.source, d.url, d.title AS doc_title, d.dup_group,
       coalesce(e.happening, md5(e.doc_key || ':' || e.event_id)) AS happening_key,
       s.actor_countries, s.actor_sectors, s.actor_names, s.actor_texts,
       s.recipient_countries, s.recipient_sectors, s.recipient_names, s.recipient_texts
FROM events e
JOIN documents d USING (doc_key)
LEFT JOIN (
    SELECT doc_key, event_id,
           list_sort(list_distinct(list(country) FILTER (WHERE role = 'actor'))) AS actor_countries,
           list_sort(list_distinct(list(sector) FILTER (WHERE role = 'actor'))) AS actor_sectors,
           list(coalesce(name, text) ORDER BY position) FILTER (WHERE role = 'actor') AS actor_names,
           list(text ORDER BY position) FILTER (WHERE role = 'actor') AS actor_texts,
           list_sort(list_distinct(list(country) FILTER (WHERE role = 'recipient'))) AS recipient_countries,
           list_sort(list_distinct(list(sector) FILTER (WHERE role = 'recipient'))) AS recipient_sectors,
           list(coalesce(name, text) ORDER BY position) FILTER (WHERE role = 'recipient') AS recipient_names,
           list(text ORDER BY position) FILTER (WHERE role = 'recipient') AS recipient_texts
    FROM event_actors GROUP BY doc_key, event_id
) s USING (doc_key, event_id);

-- One row per happening: the events of near-duplicate reports (same group, type,
-- date and sides) counted once; num_sources is how many reports carry it.
CREATE VIEW happenings AS
SELECT happening_key AS happening,
       any_value(type) AS type,
       min(date) AS date,
       any_value(actor_countries) AS actor_countries,
       any_value(recipient_countries) AS recipient_countries,
       count(DISTINCT doc_key) AS num_sources,
       count(DISTINCT source) AS num_outlets,
       list(DISTINCT source) AS outlets,
       min(doc_key || ':' || event_id) AS first_event
FROM event_rows
GROUP BY happening_key;
