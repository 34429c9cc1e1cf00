"""Clause boundaries inside a sentence, as argument assignment needs them.

Which words a trigger's arguments may come from: not across a full stop
(:func:`blocked`), not from an aside between commas or dashes
(:func:`asides`), not from a new clause a comma and an opener start
(:func:`clause_end`), and a subject not from before the clause that holds
the trigger (:func:`clause_start`, :func:`embedded_start`). The words that
open clauses are data (``ar/arguments.json``).
"""

from __future__ import annotations

from ..doc import Token
from .parties import _words, bare_norm
from .triggers import Trigger

__all__ = ["OBJECT_WINDOW", "STOP", "STOP_COMMA", "asides", "blocked", "clause_end",
           "clause_start", "embedded_start", "relative"]

STOP = frozenset((".", "؟", "!", ":", "؛"))
STOP_COMMA = STOP | {"،", ","}
OBJECT_WINDOW = 25  # an object may follow a long subject and adjuncts
_ASIDE_REACH = 30  # tokens an aside («، التي …،», «- وهو … -») may span


def relative(tok: Token) -> bool:
    """Whether ``tok`` is a relative pronoun («التي», «الذين»)."""
    return tok.norm in _words().relatives


def clause_start(toks: list[Token], k: int) -> int:
    """The first token of the clause of token ``k`` (after the last comma or ؛)."""
    sent = toks[k].sentence
    while k > 0 and toks[k - 1].sentence == sent and toks[k - 1].text not in ("،", ",", "؛"):
        k -= 1
    return k


def embedded_start(toks: list[Token], k: int, verbs: frozenset[int] = frozenset()) -> int:
    """The first token of the innermost clause around token ``k``: after the last comma,
    complementizer or relative pronoun before it, or after a verbal trigger in ``verbs``
    whose content it is."""
    lo = clause_start(toks, k)
    for m in range(k - 1, lo - 1, -1):
        if m in verbs or bare_norm(toks[m]) in _words().complementizers:
            return m + 1
    return lo


def blocked(toks: list[Token], i: int, j: int) -> bool:
    """Whether a clause boundary lies between tokens ``i`` and ``j``."""
    return any(toks[k].text in STOP for k in range(i, j))


def asides(toks: list[Token], t: Trigger) -> set[int]:
    """Tokens after trigger ``t`` inside an aside of its sentence: a relative clause
    between commas («وحض السيستاني في خطبة الجمعة، التي قرأها … الكربلائي، الشعب») or
    words between dashes («دعا السيستاني -وهو رجل دين …- العبادي»). What such an aside
    names is not the trigger's object."""
    out: set[int] = set()
    sent = toks[t.token].sentence
    k = t.last_token + 1
    while k < len(toks) and toks[k].sentence == sent and k - t.last_token <= OBJECT_WINDOW:
        text = toks[k].text
        close = None
        if text in ("،", ",") and k + 1 < len(toks) and relative(toks[k + 1]):
            close = ("،", ",")
        elif text in ("-", "–"):
            close = ("-", "–")
        if close is not None:
            end = next((m for m in range(k + 1, min(len(toks), k + _ASIDE_REACH))
                        if toks[m].text in close or toks[m].sentence != sent
                        or toks[m].text in STOP), None)
            if end is not None and toks[end].text in close:
                out.update(range(k + 1, end))
                k = end + 1
                continue
        k += 1
    return out


def clause_end(toks: list[Token], t: Trigger) -> int:
    """The token where a new clause opens after trigger ``t``: a comma before an opener
    («، حيث أكد رشيد», «، كما دعا», «، ولمناقشة») or a relative clause that runs to the
    end of the sentence («، التي ترفض …»), whose parties are not the trigger's."""
    k = t.last_token + 1
    sent = toks[t.token].sentence
    openers = _words().clause_openers
    while k + 1 < len(toks) and toks[k].sentence == sent:
        if toks[k].text in ("،", ",") and (bare_norm(toks[k + 1]) in openers
                                           or _purpose_opener(toks[k + 1])):
            return k
        if toks[k].text in ("،", ",") and relative(toks[k + 1]) and not any(
                toks[m].text in ("،", ",") for m in range(k + 2, len(toks))
                if toks[m].sentence == sent):
            return k  # «مع باكستان، التي ترفض …»: a relative clause to the end
        k += 1
    return len(toks)


def _purpose_opener(tok: Token) -> bool:
    """«ولمناقشة», «وللمطالبة»: و + ل + a noun open a clause of purpose."""
    w = tok.words
    return (len(w) >= 3 and w[0].kind == "conj" and w[1].kind == "prep" and w[1].norm == "ل")
