"""Unnamed and collective actors made entities on demand.

The linker leaves them in ``doc.cache["unnamed"]`` (:class:`~.mentions.Unnamed`);
a later layer that finds one in a role — the speaker of a quote, the actor of
an event — calls :func:`entity_for`, which adds an entity (subtype
``UNNAMED``) once and returns its id, so quotes and events share it.
"""

from __future__ import annotations

from ..doc import Document, Entity, Mention

UNNAMED_PREFIX = "u"


def entity_for(doc: Document, ref: str) -> str:
    """The entity id for ``ref`` (``"u3"``: the fourth unnamed actor; an entity id
    is returned as it is)."""
    if not ref.startswith(UNNAMED_PREFIX):
        return ref
    made: dict[str, str] = doc.cache.setdefault("unnamed_entities", {})
    if ref not in made:
        u = doc.cache["unnamed"][int(ref[len(UNNAMED_PREFIX):])]
        eid = f"e{len(doc.entities) + 1}"
        doc.entities.append(Entity(
            id=eid, type="PER", name=u.text, subtype="UNNAMED", country=u.country,
            sector=u.sector or "UNK", mentions=[Mention(u.start, u.end, u.text)]))
        made[ref] = eid
    return made[ref]
