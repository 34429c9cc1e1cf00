"""Who said it: the speaker of each quote, and the channel it came through.

- A speech verb's subject follows it (Arabic verb–subject order: «قال
  الوزير الإيراني: …») or, failing that, precedes it in its sentence («أما
  زعيم حزب الله فقال …»); entity mentions include surnames and titles, so
  «الوزير» or «رشيد» resolve to the person.
- «نقل البيان عن باقري»: the speaker follows «عن»; «"…"، بحسب الوكالة»: the
  source after the quote is the speaker.
- Participles («مؤكدًا», «مشيرًا») and continuation verbs with no subject
  («وأضاف», «وتابع») go on with the last speaker; chained quotations
  («"…" و"…"») share one.
- ``via`` is the entity named after a channel word near the cue («وفق بيان
  للرئاسة», «في تصريح لوكالة رويترز»).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from ..doc import Document, Token
from .detect import Found
from .lexicon import Lexicon, bare, lexicon

_WINDOW = 8
_STOP = frozenset((".", "؟", "!", ":", '"', "«", "»", "“", "”"))


class Mentions:
    """Entity mentions by the token they start in."""

    def __init__(self, doc: Document) -> None:
        starts = [t.start for t in doc.tokens]
        self.by_token: dict[int, tuple[str, int]] = {}  # token → (entity id, end token)
        self.people = frozenset(e.id for e in doc.entities if e.type == "PER")
        for ent in doc.entities:
            for m in ent.mentions:
                i = bisect_left(starts, m.start)
                if i < len(starts) and starts[i] != m.start:
                    i -= 1  # the mention starts inside a token (after its clitics)
                i = max(i, 0)
                j = bisect_left(starts, m.end)
                old = self.by_token.get(i)
                if old is None or j > old[1]:
                    self.by_token[i] = (ent.id, j)
        # Unnamed actors («مصدر أمني») answer as "u<n>"; the caller makes an entity of
        # those that turn out to speak.
        for n, u in enumerate(doc.cache.get("unnamed", ())):
            i = bisect_left(starts, u.start)
            if i < len(starts) and starts[i] != u.start:
                i -= 1
            self.by_token.setdefault(max(i, 0), (f"u{n}", bisect_left(starts, u.end)))

    def at(self, i: int) -> str | None:
        hit = self.by_token.get(i)
        return hit[0] if hit else None


def attribute(doc: Document, found: Sequence[Found]) -> list[tuple[str | None, str | None]]:
    """(speaker entity id, via entity id) for each found quote, in order."""
    lex = lexicon()
    toks = doc.tokens
    ments = Mentions(doc)
    out: list[tuple[str | None, str | None]] = []
    last: str | None = None
    for f in found:
        speaker: str | None
        if f.chained and out:
            speaker = out[-1][0]
        elif f.cue is None:
            speaker = None
        else:
            speaker = _speaker(toks, f.cue, f.after, ments, lex, last)
        via = _via(toks, f.cue, ments, lex) if f.cue is not None else None
        out.append((speaker, via))
        if speaker is not None:
            last = speaker
    return out


def _speaker(toks: Sequence[Token], k: int, after: bool, ments: Mentions, lex: Lexicon,
             last: str | None) -> str | None:
    form = bare(toks[k])
    if form in lex.participles:
        return _sentence_subject(toks, k, ments) or last
    if form in ("بحسب", "حسب", "وفق", "وفقا"):
        return _right(toks, k, ments, lex, source=True)
    if form in ("نقل", "نقلت"):
        for j in range(k + 1, min(len(toks), k + _WINDOW)):
            if bare(toks[j]) == "عن":
                return _right(toks, j, ments, lex, source=True)
    # With no subject named, the verb goes on with the last speaker (Arabic drops
    # pronoun subjects: «وأضاف أن …», «وتطرق إلى …»).
    return (_right(toks, k, ments, lex) or _left(toks, k, ments) or last
            or _recent_person(toks, k, ments))


def _sentence_subject(toks: Sequence[Token], k: int, ments: Mentions) -> str | None:
    """The first entity of the sentence before token ``k`` that no preposition governs
    and no quotation holds: the subject a participle («مؤكدًا») shares."""
    sent = toks[k].sentence
    j = k
    while j > 0 and toks[j - 1].sentence == sent:
        j -= 1
    inside = False
    for i in range(j, k):
        if toks[i].text in ('"', "«", "»", "“", "”"):
            inside = not inside if toks[i].text in ('"',) else toks[i].text in ("«", "“")
            continue
        hit = ments.at(i)
        if hit and not inside and not _governed(toks, i):
            return hit
    return None


def _recent_person(toks: Sequence[Token], k: int, ments: Mentions) -> str | None:
    """With no subject and no speaker yet: the person named last, in this sentence or
    the two before it («… قال الرئيس الأفغاني أشرف غني. وأضاف أن …»)."""
    sent = toks[k].sentence
    for j in range(k - 1, -1, -1):
        if toks[j].sentence < sent - 2:
            return None
        hit = ments.at(j)
        if hit and hit in ments.people and not _governed(toks, j):
            return hit
    return None


def _right(toks: Sequence[Token], k: int, ments: Mentions, lex: Lexicon,
           source: bool = False) -> str | None:
    """The first entity named after token ``k`` in its clause; ``source`` when ``k`` is
    itself the preposition of a source («عن باقري», «بحسب الوكالة»)."""
    sent = toks[k].sentence
    for j in range(k + 1, min(len(toks), k + _WINDOW)):
        t = toks[j]
        if t.sentence != sent or t.text in _STOP or bare(t) in lex.complementizers:
            return None
        hit = ments.at(j)
        if hit and (source or not _governed(toks, j)):
            if hit.startswith("u"):
                # «قال رئيس النيجر محمدو إيسوفو»: an unnamed title right before a name is
                # that person's; prefer the name.
                named = _named_after(toks, j, ments, lex)
                return named or hit
            return hit
        if lex.is_cue(bare(t)):
            return None
    return None


def _named_after(toks: Sequence[Token], j: int, ments: Mentions, lex: Lexicon) -> str | None:
    sent = toks[j].sentence
    for k in range(j + 1, min(len(toks), j + 6)):
        t = toks[k]
        if (t.sentence != sent or t.text in _STOP or t.text in ("،", ",")
                or bare(t) in lex.complementizers):
            return None
        hit = ments.at(k)
        if hit and not hit.startswith("u") and not _governed(toks, k):
            return hit
    return None


# In matching form (ى → ي, إ → ا): «على» is «علي», «إلى» is «الي», «لدى» is «لدي».
_PREPOSITIONS = frozenset(("في", "علي", "عن", "الي", "من", "مع", "لدي", "امام", "عبر"))


def _governed(toks: Sequence[Token], j: int) -> bool:
    """Whether a preposition governs the noun at token ``j`` («لوكالة», «على تويتر»):
    then it is no subject."""
    if any(w.kind == "prep" for w in toks[j].words[:-1]):
        return True
    return j > 0 and toks[j - 1].norm in _PREPOSITIONS


def _left(toks: Sequence[Token], k: int, ments: Mentions) -> str | None:
    sent = toks[k].sentence
    for j in range(k - 1, max(-1, k - _WINDOW), -1):
        t = toks[j]
        if t.sentence != sent or t.text in _STOP:
            return None
        hit = ments.at(j)
        if hit:
            return hit
    return None


def _via(toks: Sequence[Token], k: int, ments: Mentions, lex: Lexicon) -> str | None:
    """The entity named right after a channel word in the cue's sentence («بيان للرئاسة»)."""
    sent = toks[k].sentence
    lo = max(0, k - _WINDOW)
    hi = min(len(toks), k + 2 * _WINDOW)
    for j in range(lo, hi):
        if toks[j].sentence != sent:
            continue
        c = bare(toks[j])
        if c.startswith(("ل", "ب")) and c[1:] in lex.channels:
            c = c[1:]
        if c in lex.channels:
            for m in range(j, min(hi, j + 3)):
                hit = ments.at(m)
                if hit:
                    return hit
    return None
