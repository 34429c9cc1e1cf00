"""The document model: one article and everything extracted from it.

Every span holds ``start``/``end`` as Python string indices (code points) into
``Document.text``, the article exactly as it came in; ``text[start:end]``
equals the span's ``text``. Normalised forms are attributes (``norm``), never
replacements. ``to_dict()``/``from_dict()`` follow ``spec/OUTPUT.md`` and
round-trip exactly: ``Document.from_dict(d).to_dict() == d`` for every ``d``
that ``to_dict()`` produced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Self, TypeVar

from .errors import DocumentFormatError, SpanMismatch

SCHEMA = "hadath.document/1"

Json = dict[str, Any]
T = TypeVar("T")


def _take(data: Mapping[str, Any], where: str, allowed: Iterable[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise DocumentFormatError(f"{where}: unknown field(s) {sorted(unknown)}")


def _req(data: Mapping[str, Any], key: str, where: str) -> Any:
    try:
        return data[key]
    except KeyError:
        raise DocumentFormatError(f"{where}: missing field {key!r}") from None


def _list(data: Mapping[str, Any], key: str, where: str, load: Callable[[Any, str], T]) -> list[T]:
    items = data.get(key)
    if items is None:
        return []
    if not isinstance(items, list):
        raise DocumentFormatError(f"{where}.{key}: expected a list")
    return [load(item, f"{where}.{key}[{i}]") for i, item in enumerate(items)]


def _obj(item: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(item, Mapping):
        raise DocumentFormatError(f"{where}: expected an object")
    return item


@dataclass(slots=True)
class Span:
    """A stretch of the original text: the base of every grounded field."""

    start: int
    end: int
    text: str

    def to_dict(self) -> Json:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: Any, where: str = "span") -> Self:
        d = _obj(data, where)
        _take(d, where, ("start", "end", "text"))
        return cls(_req(d, "start", where), _req(d, "end", where), _req(d, "text", where))


@dataclass(slots=True)
class Sentence(Span):
    """A sentence of the article."""


@dataclass(slots=True)
class Word:
    """A clitic-split unit of a token: «وبالمدينة» → و + ب + ال + مدينة.

    ``kind`` is one of ``conj`` (و ف), ``prep`` (ب ل ك), ``fut`` (س),
    ``det`` (ال), ``stem``, ``pron`` (attached pronoun).
    """

    start: int
    end: int
    text: str
    norm: str
    kind: str = "stem"

    def to_dict(self) -> Json:
        return {"start": self.start, "end": self.end, "text": self.text,
                "norm": self.norm, "kind": self.kind}

    @classmethod
    def from_dict(cls, data: Any, where: str = "word") -> Word:
        d = _obj(data, where)
        _take(d, where, ("start", "end", "text", "norm", "kind"))
        return cls(_req(d, "start", where), _req(d, "end", where), _req(d, "text", where),
                   _req(d, "norm", where), d.get("kind", "stem"))


@dataclass(slots=True)
class Token:
    """What is written between spaces and punctuation, with its words."""

    start: int
    end: int
    text: str
    norm: str
    sentence: int
    words: list[Word] = field(default_factory=list)

    def to_dict(self) -> Json:
        return {"start": self.start, "end": self.end, "text": self.text, "norm": self.norm,
                "sentence": self.sentence, "words": [w.to_dict() for w in self.words]}

    @classmethod
    def from_dict(cls, data: Any, where: str = "token") -> Token:
        d = _obj(data, where)
        _take(d, where, ("start", "end", "text", "norm", "sentence", "words"))
        return cls(_req(d, "start", where), _req(d, "end", where), _req(d, "text", where),
                   _req(d, "norm", where), _req(d, "sentence", where),
                   _list(d, "words", where, Word.from_dict))


@dataclass(slots=True)
class Mention(Span):
    """One place where the article names or refers to an entity."""


_ENTITY_FIELDS = ("id", "type", "subtype", "name", "name_en", "country", "sector",
                  "title", "kb_id", "mentions")


@dataclass(slots=True)
class Entity:
    """One real-world referent and every mention of it in the article."""

    id: str
    type: str
    name: str
    subtype: str | None = None
    name_en: str | None = None
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    kb_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> Json:
        return {"id": self.id, "type": self.type, "subtype": self.subtype, "name": self.name,
                "name_en": self.name_en, "country": self.country, "sector": self.sector,
                "title": self.title, "kb_id": self.kb_id,
                "mentions": [m.to_dict() for m in self.mentions]}

    @classmethod
    def from_dict(cls, data: Any, where: str = "entity") -> Entity:
        d = _obj(data, where)
        _take(d, where, _ENTITY_FIELDS)
        return cls(id=_req(d, "id", where), type=_req(d, "type", where),
                   name=_req(d, "name", where), subtype=d.get("subtype"),
                   name_en=d.get("name_en"), country=d.get("country"), sector=d.get("sector"),
                   title=d.get("title"), kb_id=d.get("kb_id"),
                   mentions=_list(d, "mentions", where, Mention.from_dict))


@dataclass(slots=True)
class Time:
    """A temporal expression; ``value`` is ISO 8601 (date, month, datetime or duration)."""

    start: int
    end: int
    text: str
    type: str
    value: str | None = None

    def to_dict(self) -> Json:
        return {"start": self.start, "end": self.end, "text": self.text,
                "type": self.type, "value": self.value}

    @classmethod
    def from_dict(cls, data: Any, where: str = "time") -> Time:
        d = _obj(data, where)
        _take(d, where, ("start", "end", "text", "type", "value"))
        return cls(_req(d, "start", where), _req(d, "end", where), _req(d, "text", where),
                   _req(d, "type", where), d.get("value"))


@dataclass(slots=True)
class Quote:
    """Reported speech: ``kind`` is ``direct`` or ``indirect``."""

    id: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    cue: Span | None = None
    via: str | None = None

    def to_dict(self) -> Json:
        return {"id": self.id, "start": self.start, "end": self.end, "text": self.text,
                "kind": self.kind, "speaker": self.speaker,
                "cue": self.cue.to_dict() if self.cue else None, "via": self.via}

    @classmethod
    def from_dict(cls, data: Any, where: str = "quote") -> Quote:
        d = _obj(data, where)
        _take(d, where, ("id", "start", "end", "text", "kind", "speaker", "cue", "via"))
        cue = d.get("cue")
        return cls(_req(d, "id", where), _req(d, "start", where), _req(d, "end", where),
                   _req(d, "text", where), _req(d, "kind", where), d.get("speaker"),
                   Span.from_dict(cue, f"{where}.cue") if cue is not None else None,
                   d.get("via"))


_ACTOR_FIELDS = ("entity", "country", "sector", "text", "start", "end")


@dataclass(slots=True)
class Actor:
    """One participant of an event: an entity, or an unnamed/collective group."""

    text: str
    entity: str | None = None
    country: str | None = None
    sector: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> Json:
        return {"entity": self.entity, "country": self.country, "sector": self.sector,
                "text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Any, where: str = "actor") -> Actor:
        d = _obj(data, where)
        _take(d, where, _ACTOR_FIELDS)
        return cls(text=_req(d, "text", where), entity=d.get("entity"),
                   country=d.get("country"), sector=d.get("sector"),
                   start=d.get("start"), end=d.get("end"))


_PLACE_FIELDS = ("extracted_place", "resolved_place", "country_code", "lat", "lon", "entity")


@dataclass(slots=True)
class Place:
    """Where an event happened (PLOVER's ``event_loc``)."""

    extracted_place: str | None = None
    resolved_place: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    entity: str | None = None

    def to_dict(self) -> Json:
        return {"extracted_place": self.extracted_place, "resolved_place": self.resolved_place,
                "country_code": self.country_code, "lat": self.lat, "lon": self.lon,
                "entity": self.entity}

    @classmethod
    def from_dict(cls, data: Any, where: str = "event_loc") -> Place:
        d = _obj(data, where)
        _take(d, where, _PLACE_FIELDS)
        return cls(**{k: d.get(k) for k in _PLACE_FIELDS})


_EVENT_FIELDS = ("id", "event", "mode", "context", "actor", "recipient", "date", "event_loc",
                 "status", "trigger", "sentence", "cameo", "confidence", "same_as")


@dataclass(slots=True)
class Event:
    """One PLOVER event, grounded in its trigger."""

    id: str
    event: str
    trigger: Span
    sentence: int
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    date: str | None = None
    event_loc: Place | None = None
    status: str = "asserted"
    cameo: str | None = None
    confidence: float | None = None
    same_as: list[str] = field(default_factory=list)

    def to_dict(self) -> Json:
        return {"id": self.id, "event": self.event, "mode": list(self.mode),
                "context": list(self.context), "actor": [a.to_dict() for a in self.actor],
                "recipient": [a.to_dict() for a in self.recipient], "date": self.date,
                "event_loc": self.event_loc.to_dict() if self.event_loc else None,
                "status": self.status, "trigger": self.trigger.to_dict(),
                "sentence": self.sentence, "cameo": self.cameo,
                "confidence": self.confidence, "same_as": list(self.same_as)}

    @classmethod
    def from_dict(cls, data: Any, where: str = "event") -> Event:
        d = _obj(data, where)
        _take(d, where, _EVENT_FIELDS)
        loc = d.get("event_loc")
        return cls(id=_req(d, "id", where), event=_req(d, "event", where),
                   trigger=Span.from_dict(_req(d, "trigger", where), f"{where}.trigger"),
                   sentence=_req(d, "sentence", where), mode=list(d.get("mode") or []),
                   context=list(d.get("context") or []),
                   actor=_list(d, "actor", where, Actor.from_dict),
                   recipient=_list(d, "recipient", where, Actor.from_dict),
                   date=d.get("date"),
                   event_loc=Place.from_dict(loc, f"{where}.event_loc") if loc else None,
                   status=d.get("status", "asserted"), cameo=d.get("cameo"),
                   confidence=d.get("confidence"), same_as=list(d.get("same_as") or []))


_META_FIELDS = ("published", "source", "url", "title")


@dataclass(slots=True)
class Meta:
    """What came with the article. Keys beyond the contract's go in ``extra``."""

    published: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> Json:
        out: Json = {"published": self.published, "source": self.source,
                     "url": self.url, "title": self.title}
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str = "meta") -> Meta:
        d = _obj(data, where)
        extra = {k: v for k, v in d.items() if k not in _META_FIELDS}
        return cls(d.get("published"), d.get("source"), d.get("url"), d.get("title"), extra)


_DOC_FIELDS = ("schema", "id", "text", "meta", "sentences", "tokens", "entities", "times",
               "quotes", "events", "components")


@dataclass(slots=True)
class Document:
    """One article: the original text and every layer extracted from it.

    ``components`` names what produced the layers (``name@version``), so an
    output can be reproduced. Working state that components share but that is
    not part of the output (e.g. the normalised text) lives in ``cache``.
    """

    id: str
    text: str
    meta: Meta = field(default_factory=Meta)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    components: list[str] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def span(self, start: int, end: int) -> Span:
        """A span of the original text, checked for bounds."""
        if not 0 <= start <= end <= len(self.text):
            raise SpanMismatch(f"span [{start}, {end}) outside text of length {len(self.text)}")
        return Span(start, end, self.text[start:end])

    def iter_spans(self) -> Iterator[tuple[str, int, int, str]]:
        """Every grounded span as ``(path, start, end, text)``."""
        for i, s in enumerate(self.sentences):
            yield f"sentences[{i}]", s.start, s.end, s.text
        for i, t in enumerate(self.tokens):
            yield f"tokens[{i}]", t.start, t.end, t.text
            for j, w in enumerate(t.words):
                yield f"tokens[{i}].words[{j}]", w.start, w.end, w.text
        for i, e in enumerate(self.entities):
            for j, m in enumerate(e.mentions):
                yield f"entities[{i}].mentions[{j}]", m.start, m.end, m.text
        for i, tm in enumerate(self.times):
            yield f"times[{i}]", tm.start, tm.end, tm.text
        for i, q in enumerate(self.quotes):
            yield f"quotes[{i}]", q.start, q.end, q.text
            if q.cue:
                yield f"quotes[{i}].cue", q.cue.start, q.cue.end, q.cue.text
        for i, ev in enumerate(self.events):
            yield f"events[{i}].trigger", ev.trigger.start, ev.trigger.end, ev.trigger.text
            for role in ("actor", "recipient"):
                for j, a in enumerate(getattr(ev, role)):
                    if a.start is not None and a.end is not None:
                        yield f"events[{i}].{role}[{j}]", a.start, a.end, a.text

    def check_spans(self) -> None:
        """Raise :class:`SpanMismatch` unless every span's text is ``text[start:end]``."""
        n = len(self.text)
        for path, start, end, text in self.iter_spans():
            if not (0 <= start <= end <= n) or self.text[start:end] != text:
                raise SpanMismatch(
                    f"{self.id}: {path} [{start}, {end}) is {self.text[start:end]!r}, "
                    f"not {text!r}")

    def to_dict(self) -> Json:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "text": self.text,
            "meta": self.meta.to_dict(),
            "sentences": [s.to_dict() for s in self.sentences],
            "tokens": [t.to_dict() for t in self.tokens],
            "entities": [e.to_dict() for e in self.entities],
            "times": [t.to_dict() for t in self.times],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "components": list(self.components),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Document:
        d = _obj(data, "document")
        _take(d, "document", _DOC_FIELDS)
        schema = d.get("schema", SCHEMA)
        if schema != SCHEMA:
            raise DocumentFormatError(f"document: schema {schema!r} is not {SCHEMA!r}")
        w = "document"
        return cls(
            id=str(_req(d, "id", w)),
            text=_req(d, "text", w),
            meta=Meta.from_dict(d.get("meta") or {}),
            sentences=_list(d, "sentences", w, Sentence.from_dict),
            tokens=_list(d, "tokens", w, Token.from_dict),
            entities=_list(d, "entities", w, Entity.from_dict),
            times=_list(d, "times", w, Time.from_dict),
            quotes=_list(d, "quotes", w, Quote.from_dict),
            events=_list(d, "events", w, Event.from_dict),
            components=list(d.get("components") or []),
        )
