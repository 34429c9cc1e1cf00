"""The cues of reported speech (``hadath/data/ar/quotes.json``), loaded once and checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..doc import Token
from ..errors import DataFileError
from ..resources import data_path, load_json
from ..text.normalize import normalize_str

DATA = "ar/quotes.json"
_CONJ = ("conj",)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: frozenset[str]
    participles: frozenset[str]
    continuations: frozenset[str]
    complementizers: frozenset[str]
    prepositions: dict[str, str]
    sources: frozenset[str]
    channels: frozenset[str]
    naming_words: frozenset[str]
    quote_pairs: dict[str, str]
    source_preps: frozenset[str]
    adverbs: frozenset[str]
    no_speaker: frozenset[str]
    relatives: frozenset[str]
    impersonal: frozenset[str]
    after_quote: frozenset[str]
    relative_pronouns: frozenset[str]
    apposition_pronouns: frozenset[str]
    not_reporting: frozenset[str]
    statement_verbs: frozenset[str]
    dual_subjects: frozenset[str]

    def is_cue(self, form: str) -> bool:
        return form in self.verbs or form in self.participles


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_json(DATA)
    where = str(data_path(DATA))

    def words(name: str) -> frozenset[str]:
        items = data.get(name)
        if not isinstance(items, list) or not all(isinstance(x, str) and x for x in items):
            raise DataFileError(f"{name!r} must be a list of words", input=where)
        return frozenset(normalize_str(x) for x in items)

    preps = data.get("prepositions")
    pairs = data.get("quote_pairs")
    if not isinstance(preps, dict) or not isinstance(pairs, dict):
        raise DataFileError("'prepositions' and 'quote_pairs' must be objects", input=where)
    return Lexicon(
        verbs=words("verbs"), participles=words("participles"),
        continuations=words("continuations"), complementizers=words("complementizers"),
        prepositions={normalize_str(k): normalize_str(v) for k, v in preps.items()},
        sources=words("sources"), channels=words("channels"),
        naming_words=words("naming_words"), quote_pairs=dict(pairs),
        source_preps=words("source_preps"), adverbs=words("adverbs"),
        no_speaker=words("no_speaker"), relatives=words("relatives"),
        impersonal=words("impersonal"), after_quote=words("after_quote"),
        relative_pronouns=words("relative_pronouns"),
        apposition_pronouns=words("apposition_pronouns"),
        not_reporting=words("not_reporting"), statement_verbs=words("statement_verbs"),
        dual_subjects=words("dual_subjects"))


def bare(tok: Token) -> str:
    """A token's matching form without a leading و or ف and without an attached
    pronoun («وأضاف» → «اضاف», «وصفها» → «وصف»)."""
    ws = tok.words
    if len(ws) == 1:
        return tok.norm
    i = 1 if ws[0].kind in _CONJ else 0
    j = len(ws) - 1 if ws[-1].kind == "pron" and len(ws) - 1 > i else len(ws)
    return "".join(w.norm for w in ws[i:j])


def is_statement(toks: Sequence[Token], k: int, lex: Lexicon) -> bool:
    """«وجاء في بيان الجيش أنه …», «ورد في التقرير أن …»: a verb whose subject is the
    content, with the channel that carries it; a cue like a speech verb."""
    if k + 2 >= len(toks) or bare(toks[k]) not in lex.statement_verbs:
        return False
    channel = bare(toks[k + 2])
    return toks[k + 1].norm == "في" and channel.removeprefix("ال") in lex.channels
