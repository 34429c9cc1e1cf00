"""The event trigger lexicon (``hadath/data/ar/triggers/``), compiled and checked on load.

``ar/triggers/index.json`` names the lexicon files, in order; each is a TSV
file (see :func:`hadath.resources.iter_tsv`) with the columns

``id  event  mode  cameo  pattern  roles  prep  weight``

* ``id``: unique over all files (``consult.istaqbal``), used in explanations;
* ``event``: one of the sixteen PLOVER types;
* ``mode``: PLOVER modes of the type, comma-separated, or ``-``;
* ``cameo``: the nearest CAMEO code, or ``-``;
* ``pattern``: what is matched, as slots separated by spaces (below);
* ``roles``: hints for argument assignment, ``key=value`` pairs separated by
  ``;`` (keys ``subject``, ``object``, ``genitive``, ``participle``, ``apposition`` or a
  preposition, values ``actor``, ``recipient``, ``content``, ``place`` or ``none``), or
  ``-``; ``object=none`` marks an intransitive verb («تعاطف مع»): a party right
  after it is its subject or nothing of it, never its object; ``target=none`` lets
  an act of a directed type stand without a target («دان … عمليات تزوير»: a
  condemnation); ``purpose=none`` drops the cue when it is the purpose of another
  act, with «لـ» («للمشاركة في القمة»); ``person=speech`` makes an attack by named
  people only a verbal one («هاجم ترامب الصحيفة»), coded ACCUSE (disapprove, CAMEO 111);
  ``participle=actor``
  marks a circumstantial participle («داعيًا», «نافيةً»), whose doer is the
  subject of its sentence, not a word after it;
  ``apposition=recipient`` marks a participle in apposition to a person
  («عثمان كفالا، المعتقل منذ أكتوبر»): that person is the one acted on, and
  the government of their country the doer;
* ``prep``: the preposition(s) introducing the other party, ``|``-separated,
  or ``-``;
* ``weight``: how sure the entry is (0–1) that a match is an event of this type
  once its arguments are political actors.

Slots (forms are written in ordinary Arabic spelling and normalised on load):

* ``V:past/pres`` — a verb lexeme (``V:استقبل/يستقبل``, ``V:دعا/يدعو``): its
  past and present forms in every person, number and gender are generated
  (:func:`verb_forms`); several lexemes are joined with ``|``; ``+form`` adds
  an irregular form, ``-form`` removes a generated one (a homograph such as
  «ثمن» "price"), ``=form`` keeps a form only when it is written with a
  shadda («ثمّن»).
* ``VP:past/pres`` — the same for a passive-only lexeme (``VP:أصيب/يصاب``);
  ``VS:past/pres`` for a lexeme that counts only when written with a shadda
  (``VS:رحل/يرحل``: «رحّل» deported, not «رحل» left).
* ``N:form|form`` — nouns and participles: each also matches with the article,
  a preposition, an attached pronoun, the accusative alef («هجوما») and the
  dual («زيارتين»); plurals are listed; ``-form`` removes a form, also when
  written with a pronoun (``N:مسيرة|-مسيرته``: a career, not a march).
* ``W:form|form`` — exact word forms (function words: ``W:إلى``).
* ``L:form|form`` — exact forms compared before folding ى and hamza, for words
  whose folded form is ambiguous (``L:على`` is not the name «علي»).
* ``P:ب`` — any word carrying the proclitic preposition ``ب`` (or ``ل``, ``ك``).
* ``D:#`` — a number («50», «2018»).
* ``*N`` — up to ``N`` intervening tokens of the same sentence; the first token
  that fits the next slot is taken (no backtracking), so ``V:وصل/يصل *6 L:إلى
  !D:#`` fails on «وصلت نسبة … إلى 50» rather than look for a later «إلى».
* ``!V:…``, ``!N:…``, ``!W:…``, ``!D:#`` — the token at this place (before the cue
  when written first) must *not* match: ``!N:طائرة N:مسيرة`` is no drone. At the
  end of a pattern, ``*N !X`` says that none of the next N+1 tokens matches
  (``V:خطف/يخطف *3 !N:فوز``: snatching a win is no abduction).

Every problem is reported as a :class:`~hadath.errors.DataFileError` with the
file and line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from types import MappingProxyType
from typing import Any

from ..errors import DataFileError
from ..resources import data_path, iter_tsv, load_json
from ..text.normalize import normalize_light, normalize_str

__all__ = ["EVENTS", "MODES", "Entry", "Lexicon", "Slot", "build", "lexicon", "noun_forms",
           "parse_pattern", "verb_forms"]

INDEX = "ar/triggers/index.json"
COLUMNS = ("id", "event", "mode", "cameo", "pattern", "roles", "prep", "weight")

# PLOVER event types and their modes (spec/PLOVER.md).
MODES: Mapping[str, frozenset[str]] = MappingProxyType({
    "AGREE": frozenset(),
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "SUPPORT": frozenset(),
    "CONCEDE": frozenset(),
    "COOPERATE": frozenset(),
    "AID": frozenset(),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory",
                           "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct",
                          "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset({"seize", "restrict", "censor", "curfew", "martial-law", "arrest",
                         "deport", "withhold", "misinformation", "cyber"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "sexual", "targeted", "destroy",
                          "primitive", "firearms", "explosives", "suicide-attack", "aerial",
                          "drone", "heavy-weapons", "crowd-control", "unconventional"}),
})
EVENTS: tuple[str, ...] = tuple(MODES)

ROLE_KEYS = frozenset({"subject", "object", "genitive", "participle", "apposition",
                       "target", "purpose", "person"})
ROLE_VALUES = frozenset({"actor", "recipient", "content", "place", "none", "speech"})
PREPOSITIONS = frozenset({"ب", "ل", "مع", "الي", "علي", "عن", "من", "في", "ضد", "لدي", "امام",
                          "بين", "تجاه", "نحو", "عبر"})

_CAMEO = re.compile(r"\d{2,4}")
_ID = re.compile(r"[a-z][a-z0-9_.-]*")
_MAX_GAP = 12
SHADDA = "\u0651"


class _Bad(Exception):
    """A problem in one field, turned into a DataFileError with file and line by the loader."""


# -- inflection ---------------------------------------------------------------------------

_PAST_SOUND = ("", "ت", "ا", "تا", "وا", "نا", "تم", "تما")
_PREFIXES = ("ي", "ت", "ن", "أ")


def _past(p: str) -> set[str]:
    if p.endswith("ا") and len(p) >= 3:  # دعا: دعت دعوا دعوت
        s = p[:-1]
        return {p, s + "ت", s + "وا", s + "تا", s + "وت", s + "ونا", s + "وتم"}
    if p.endswith("ى"):  # نفى، التقى: نفت نفوا نفيا نفيت
        s = p[:-1]
        return {p, s + "ت", s + "وا", s + "يا", s + "تا", s + "يت", s + "ينا", s + "يتم"}
    if len(p) >= 3 and p[-2] == "ا":  # hollow: زار زارت زاروا زرت، أدان أدنت
        short = p[:-2] + p[-1]
        return {p, p + "ت", p + "وا", p + "ا", p + "تا", short + "ت", short + "نا",
                short + "تم"}
    return {p + s for s in _PAST_SOUND}


def _present(q: str) -> set[str]:
    s = q[1:]
    suffixes: tuple[str, ...]
    if s.endswith("و"):  # يدعو
        base, suffixes = s[:-1], ("و", "ون", "وان", "وا", "ين")
    elif s.endswith("ي"):  # ينفي، يلتقي
        base, suffixes = s[:-1], ("ي", "ون", "يان", "يا", "وا", "ين")
    elif s.endswith("ى"):  # يسعى، يتلقى
        base, suffixes = s[:-1], ("ى", "ون", "يان", "يا", "وا", "ين")
    else:
        base, suffixes = s, ("", "ان", "ون", "ين", "وا", "ا")
    # The short (jussive) forms of hollow verbs («لم يزر») are left out: they are
    # rare in news and collide with common words («يقل», «أقل» from «يقيل»).
    return {pf + base + sf for pf in _PREFIXES for sf in suffixes}


def verb_forms(past: str, present: str) -> tuple[frozenset[str], frozenset[str]]:
    """The matching forms (normalised) of a verb lexeme: ``(past forms, present forms)``.

    ``past`` and ``present`` are the third person masculine singular written
    with their hamza and final ى («التقى», «يلتقي»; «هنأ», «يهنئ»); the weak
    classes (final ا/ى, final و/ي in the present, hollow pasts like «زار»)
    are recognised from these spellings.
    """
    past, present = normalize_light(past), normalize_light(present)
    return (frozenset(normalize_str(f) for f in _past(past)),
            frozenset(normalize_str(f) for f in _present(present)))


def noun_forms(form: str) -> frozenset[str]:
    """The matching forms of a noun or participle: itself, the accusative alef and the dual."""
    f = normalize_str(form)
    out = {f}
    if f.endswith("ه") and len(f) > 2:  # ة: زيارتان، زيارتين
        out |= {f[:-1] + "تان", f[:-1] + "تين"}
    elif not f.endswith(("ات", "ون", "ين", "ا", "اء")):
        out |= {f + "ا", f + "ان", f + "ين"}
    return frozenset(out)


# -- compiled entries ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Slot:
    """One position of a pattern.

    ``kind`` is ``verb``, ``noun``, ``word``, ``light``, ``prep`` or ``gap``.
    ``forms`` are the normalised keys (for ``light``: the light forms);
    ``present`` and ``past`` the verb forms that are imperfect (they may carry
    ل) and perfect (a form can be both: «أعتقل», «اعتقل»);
    ``passive`` the forms that are passive by themselves; ``shadda`` the
    forms that count only when written with a shadda.
    """

    kind: str
    forms: frozenset[str] = frozenset()
    present: frozenset[str] = frozenset()
    past: frozenset[str] = frozenset()
    passive: frozenset[str] = frozenset()
    shadda: frozenset[str] = frozenset()
    negative: bool = False
    gap: int = 0
    exclude: frozenset[str] = frozenset()  # whole forms (stem + pronoun) that never fit


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry, compiled."""

    id: str
    event: str
    mode: tuple[str, ...]
    cameo: str | None
    pattern: str
    slots: tuple[Slot, ...]
    roles: Mapping[str, str]
    prep: str | None
    weight: float
    source: str
    line: int
    nominal: bool
    size: int  # the number of positive, non-gap slots
    anchor: int  # index of the first of them: the slot the index is keyed on
    # per positive slot: whether its word is the cue's own («P:» slots only check a word,
    # which stays free for a cue of its own)
    claims: tuple[bool, ...] = ()


def _split_alts(body: str) -> list[str]:
    alts = body.split("|")
    if not body or any(not a for a in alts):
        raise _Bad(f"empty alternative in {body!r}")
    return alts


def _verb_slot(body: str, passive: bool, all_shadda: bool = False) -> Slot:
    forms: set[str] = set()
    present: set[str] = set()
    past: set[str] = set()
    shadda: set[str] = set()
    removed: set[str] = set()
    for alt in _split_alts(body):
        if alt[0] == "+":
            forms.add(normalize_str(alt[1:]))
        elif alt[0] == "-":
            removed.add(normalize_str(alt[1:]))
        elif alt[0] == "=":
            shadda.add(normalize_str(alt[1:]))
        else:
            parts = alt.split("/")
            if len(parts) != 2 or not all(parts):
                raise _Bad(f"a verb lexeme is past/present, not {alt!r}")
            if parts[1][0] != "ي":
                raise _Bad(f"the present of {alt!r} must start with ي")
            pa, pr = verb_forms(*parts)
            forms |= pa | pr
            present |= pr
            past |= pa
    forms -= removed
    if all_shadda:
        shadda |= forms
    forms -= shadda  # kept only through the shadda check
    if not forms and not shadda:
        raise _Bad(f"no forms left in {body!r}")
    all_forms = frozenset(forms | shadda)
    return Slot("verb", all_forms, frozenset(present & all_forms), frozenset(past & all_forms),
                all_forms if passive else frozenset(), frozenset(shadda))


def _slot(text: str) -> Slot:
    negative = text.startswith("!")
    if negative:
        text = text[1:]
    if text.startswith("*"):
        if negative or not text[1:].isdigit() or not 1 <= int(text[1:]) <= _MAX_GAP:
            raise _Bad(f"a gap is *1 … *{_MAX_GAP}, not {text!r}")
        return Slot("gap", gap=int(text[1:]))
    kind, sep, body = text.partition(":")
    if not sep or not body:
        raise _Bad(f"a slot is KIND:forms, not {text!r}")
    if kind in ("V", "VP", "VS"):
        s = _verb_slot(body, passive=kind == "VP", all_shadda=kind == "VS")
    elif kind == "N":
        alts = _split_alts(body)
        removed = frozenset(normalize_str(a[1:]) for a in alts if a[0] == "-")
        forms = frozenset().union(*(noun_forms(a) for a in alts if a[0] != "-")) - removed
        if not forms:
            raise _Bad(f"no forms left in {body!r}")
        s = Slot("noun", forms, exclude=removed)
    elif kind == "W":
        s = Slot("word", frozenset(normalize_str(a) for a in _split_alts(body)))
    elif kind == "L":
        s = Slot("light", frozenset(normalize_light(a) for a in _split_alts(body)))
    elif kind == "D":
        if body != "#":
            raise _Bad(f"a number slot is D:#, not {text!r}")
        s = Slot("digit")
    elif kind == "P":
        preps = frozenset(_split_alts(body))
        if not preps <= {"ب", "ل", "ك"}:
            raise _Bad(f"P: takes the proclitics ب ل ك, not {body!r}")
        s = Slot("prep", preps)
    else:
        raise _Bad(f"unknown slot kind {kind!r} in {text!r}")
    if negative:
        return Slot(s.kind, s.forms, s.present, s.past, s.passive, s.shadda, negative=True,
                    exclude=s.exclude)
    return s


def parse_pattern(pattern: str) -> tuple[Slot, ...]:
    slots = tuple(_slot(t) for t in pattern.split())
    positive = [s for s in slots if not s.negative and s.kind != "gap"]
    if not positive:
        raise _Bad("a pattern needs at least one positive slot")
    if positive[0].kind == "prep":
        raise _Bad("a pattern cannot start with P: (the index needs a word)")
    if slots[-1].kind == "gap" or slots[0].kind == "gap":
        raise _Bad("a pattern cannot start or end with a gap")
    if positive[0].kind == "digit":
        raise _Bad("a pattern cannot start with D: (the index needs a word)")
    for i, (a, b) in enumerate(pairwise(slots)):
        if a.kind == "gap" and b.kind == "gap":
            raise _Bad("two gaps in a row")
        if a.kind == "gap" and b.negative and i + 2 != len(slots):
            raise _Bad("a gap followed by a negative slot must end the pattern")
    if slots[0].negative and len(slots) > 1 and slots[1].negative:
        raise _Bad("at most one negative slot before the cue")
    return slots


def _roles(text: str) -> Mapping[str, str]:
    if text == "-":
        return MappingProxyType({})
    out: dict[str, str] = {}
    for item in text.split(";"):
        key, sep, value = item.partition("=")
        key = normalize_str(key.strip())
        value = value.strip()
        if not sep or (key not in ROLE_KEYS and key not in PREPOSITIONS):
            raise _Bad(f"role key must be one of {sorted(ROLE_KEYS)} or a preposition: {item!r}")
        if value not in ROLE_VALUES:
            raise _Bad(f"role value must be one of {sorted(ROLE_VALUES)}: {item!r}")
        if key in out:
            raise _Bad(f"role {key!r} given twice")
        out[key] = value
    return MappingProxyType(out)


def _entry(fields: tuple[str, ...], source: str, line: int) -> Entry:
    eid, event, mode, cameo, pattern, roles, prep, weight = fields
    if not _ID.fullmatch(eid):
        raise _Bad(f"bad id {eid!r} (lowercase letters, digits, . _ -)")
    if event not in MODES:
        raise _Bad(f"unknown PLOVER event {event!r}")
    modes = tuple(mode.split(",")) if mode != "-" else ()
    bad = [m for m in modes if m not in MODES[event]]
    if bad:
        raise _Bad(f"{event} has no mode {bad[0]!r} (modes: {sorted(MODES[event])})")
    if cameo != "-" and not _CAMEO.fullmatch(cameo):
        raise _Bad(f"bad CAMEO code {cameo!r}")
    try:
        w = float(weight)
    except ValueError:
        raise _Bad(f"weight must be a number, not {weight!r}") from None
    if not 0.0 < w <= 1.0:
        raise _Bad(f"weight must be in (0, 1], not {weight!r}")
    preps: str | None = None
    if prep != "-":
        parts = [normalize_str(p) for p in prep.split("|")]
        if not all(p in PREPOSITIONS for p in parts):
            raise _Bad(f"unknown preposition in {prep!r}")
        preps = "|".join(parts)
    slots = parse_pattern(pattern)
    positive = [i for i, s in enumerate(slots) if not s.negative and s.kind != "gap"]
    return Entry(id=eid, event=event, mode=modes, cameo=cameo if cameo != "-" else None,
                 pattern=pattern, slots=slots, roles=_roles(roles), prep=preps, weight=w,
                 source=source, line=line, nominal=slots[positive[0]].kind == "noun",
                 size=len(positive), anchor=positive[0],
                 claims=tuple(slots[i].kind != "prep" for i in positive))


# -- the lexicon ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Lexicon:
    """All entries, by id, and the first-slot index the matcher walks."""

    version: str
    entries: Mapping[str, Entry]
    index: Mapping[str, tuple[Entry, ...]]  # normalised form → entries anchored on it
    files: tuple[str, ...]
    verb_blockers: frozenset[str] = frozenset()
    """Words (normalised) no verb directly follows: a verb cue right after one is no match."""
    # How the matcher read each token text (hadath.events.triggers); filled as it goes.
    cache: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.entries)


def _load_index() -> tuple[str, tuple[str, ...], frozenset[str]]:
    data: Any = load_json(INDEX)
    where = str(data_path(INDEX))
    if not isinstance(data, Mapping) or set(data) != {"_comment", "version", "files",
                                                      "verb_blockers"}:
        raise DataFileError("expected keys '_comment', 'version', 'files', 'verb_blockers'",
                            input=where)
    files = data["files"]
    if not isinstance(files, list) or not files or not all(
            isinstance(f, str) and f.endswith(".tsv") and "/" not in f for f in files):
        raise DataFileError("'files' must list .tsv file names in ar/triggers/", input=where)
    if len(set(files)) != len(files):
        raise DataFileError("a file is listed twice", input=where)
    if not isinstance(data["version"], str):
        raise DataFileError("'version' must be a string", input=where)
    blockers = data["verb_blockers"]
    if not isinstance(blockers, list) or not all(isinstance(w, str) and w for w in blockers):
        raise DataFileError("'verb_blockers' must list words", input=where)
    return data["version"], tuple(files), frozenset(normalize_str(w) for w in blockers)


def build(files: tuple[str, ...], version: str = "",
          verb_blockers: frozenset[str] = frozenset()) -> Lexicon:
    """Compile the named files of ``ar/triggers/`` into a :class:`Lexicon`."""
    entries: dict[str, Entry] = {}
    index: dict[str, list[Entry]] = {}
    for name in files:
        rel = f"ar/triggers/{name}"
        where = str(data_path(rel))
        for line, fields in iter_tsv(rel, COLUMNS):
            try:
                e = _entry(fields, name, line)
            except _Bad as err:
                raise DataFileError(str(err), input=where, line=line) from None
            if e.id in entries:
                first = entries[e.id]
                raise DataFileError(f"id {e.id!r} already used in {first.source}:{first.line}",
                                    input=where, line=line)
            entries[e.id] = e
            for form in e.slots[e.anchor].forms:
                key = normalize_str(form) if e.slots[e.anchor].kind == "light" else form
                index.setdefault(key, []).append(e)
    return Lexicon(version, MappingProxyType(entries), {k: tuple(v) for k, v in index.items()},
                   files, verb_blockers)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged trigger lexicon (compiled on first use, then shared)."""
    version, files, blockers = _load_index()
    return build(files, version, blockers)
