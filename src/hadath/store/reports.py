"""Ready-made reports over the store: actors, dyads, and an actor's timeline.

Each counts events two ways: ``reports`` (one per event in each article) and
``happenings`` (the same event in near-duplicate articles counted once; see
:meth:`~hadath.store.Store.dedup`). Each returns ``(columns, rows)``.
"""

from __future__ import annotations

from typing import Any

from .store import Store, StoreError

REPORTS = ("actors", "dyads", "timeline", "types", "sources")

_SQL = {
    "actors": """
        SELECT coalesce(a.country, '-') AS country, coalesce(a.sector, '-') AS sector,
               count(*) FILTER (WHERE a.role = 'actor') AS as_actor,
               count(*) FILTER (WHERE a.role = 'recipient') AS as_recipient,
               count(DISTINCT e.happening_key) AS happenings,
               count(DISTINCT e.doc_key) AS reports
        FROM event_actors a JOIN event_rows e USING (doc_key, event_id)
        {where}
        GROUP BY ALL ORDER BY reports DESC, country, sector LIMIT ?""",
    "dyads": """
        SELECT coalesce(array_to_string(actor_countries, ';'), '-') AS actor,
               coalesce(array_to_string(recipient_countries, ';'), '-') AS recipient,
               type, count(*) AS reports, count(DISTINCT happening_key) AS happenings
        FROM event_rows
        WHERE len(coalesce(actor_countries, [])) > 0
          AND len(coalesce(recipient_countries, [])) > 0 {and_where}
        GROUP BY ALL ORDER BY reports DESC, actor, recipient, type LIMIT ?""",
    "timeline": """
        SELECT coalesce(date, published) AS day, type,
               count(*) AS reports, count(DISTINCT happening_key) AS happenings,
               any_value(array_to_string(actor_countries, ';')) AS actor,
               any_value(array_to_string(recipient_countries, ';')) AS recipient
        FROM event_rows
        {where}
        GROUP BY ALL ORDER BY day NULLS LAST, type LIMIT ?""",
    "types": """
        SELECT type, count(*) AS reports, count(DISTINCT happening_key) AS happenings,
               count(DISTINCT doc_key) AS documents
        FROM event_rows {where} GROUP BY type ORDER BY reports DESC LIMIT ?""",
    "sources": """
        SELECT coalesce(d.source, '-') AS source, count(*) AS documents,
               count(DISTINCT d.dup_group) AS stories,
               (SELECT count(*) FROM events e JOIN documents d2 USING (doc_key)
                WHERE d2.source IS NOT DISTINCT FROM d.source) AS events
        FROM documents d {where} GROUP BY d.source ORDER BY documents DESC LIMIT ?""",
}


def report(store: Store, name: str, *, actor: str | None = None, limit: int = 50
           ) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run the report ``name`` (one of :data:`REPORTS`).

    ``actor`` (an ISO alpha-3 country or IGO code) keeps the events where it is on
    either side; the timeline needs it.
    """
    if name not in _SQL:
        raise StoreError(f"no report {name!r}; choose one of {', '.join(REPORTS)}")
    if name == "timeline" and not actor:
        raise StoreError("the timeline report needs an actor (e.g. --actor IRN)")
    params: list[Any] = []
    cond = ""
    if actor:
        if name == "sources":
            raise StoreError("the sources report takes no actor")
        cond = ("(list_contains(actor_countries, ?) OR list_contains(recipient_countries, ?))"
                if name != "actors" else "a.country = ?")
        params = [actor.upper()] * cond.count("?")
    sql = _SQL[name].format(where=f"WHERE {cond}" if cond else "",
                            and_where=f"AND {cond}" if cond else "")
    return store.query(sql, [*params, limit])
