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
- A verb in a relative clause speaks for the noun the clause is about («باكستان،
  التي … وتشير إلى أن»); a dual subject («الرئيسان») for the first of the two;
  «وجاء في بيان الجيش أن» for the army. Towns and regions never speak;
  countries and capitals do.
- ``via`` is the entity named after a channel word near the cue («وفق بيان
  للرئاسة», «في تصريح لوكالة رويترز»).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from ..actors.kb import KnowledgeBase
from ..doc import Document, Entity, Token
from ..text.normalize import normalize_str
from .detect import Found
from .lexicon import Lexicon, bare, is_statement, lexicon

_WINDOW = 8
_MARKS = frozenset(('"', "«", "»", "“", "”"))
_STOP = frozenset((".", "؟", "!", ":")) | _MARKS


class Mentions:
    """Entity mentions by the token they start in."""

    def __init__(self, doc: Document, lex: Lexicon) -> None:
        starts = [t.start for t in doc.tokens]
        self.by_token: dict[int, tuple[str, int]] = {}  # token → (entity id, end token)
        self.people = frozenset(e.id for e in doc.entities if e.type == "PER")
        # Tokens a subject may come after: times («الثلاثاء», «مساء أمس») and adverbs.
        self.skip: set[int] = set()
        for tm in doc.times:
            self.skip.update(range(bisect_left(starts, tm.start), bisect_left(starts, tm.end)))
        self.skip.update(i for i, t in enumerate(doc.tokens) if bare(t) in lex.adverbs)
        for ent in doc.entities:
            if ent.type == "LOC" and ent.sector is None and not _capital(ent):
                continue  # a town or a region says nothing («قال … في سوتشي»); countries
                # and capitals («واتهمت أنقرة») do
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
            # «أفادت تقارير»: unattributed reports have no speaker.
            ref = NOBODY if normalize_str(u.text.split()[0]) in lex.no_speaker else f"u{n}"
            self.by_token.setdefault(max(i, 0), (ref, bisect_left(starts, u.end)))

    def at(self, i: int) -> str | None:
        hit = self.by_token.get(i)
        return hit[0] if hit else None


def attribute(doc: Document, found: Sequence[Found]) -> list[tuple[str | None, str | None]]:
    """(speaker entity id, via entity id) for each found quote, in order."""
    lex = lexicon()
    toks = doc.tokens
    ments = Mentions(doc, lex)
    out: list[tuple[str | None, str | None]] = []
    last: str | None = None
    last_cue = -1
    for f in found:
        speaker: str | None
        if f.chained and out:
            speaker = out[-1][0]
        elif f.cue is None:
            speaker = None
        else:
            speaker = _speaker(toks, f.cue, ments, lex, last, last_cue)
            last_cue = f.cue
        if speaker == NOBODY:
            speaker = None
        via = _via(toks, f.cue, ments, lex) if f.cue is not None else None
        out.append((speaker, via))
        if speaker is not None:
            last = speaker
    return out


def _capital(ent: Entity) -> bool:
    """Whether a place entity is its country's capital (named for the government)."""
    if not ent.country or not ent.kb_id:
        return False
    cap = KnowledgeBase.default().capital(ent.country)
    return cap is not None and ent.kb_id in (cap.id, cap.qid)


NOBODY = "-"  # a speaker the text names as no one («أفادت تقارير»)


def _speaker(toks: Sequence[Token], k: int, ments: Mentions, lex: Lexicon,
             last: str | None, last_cue: int) -> str | None:
    form = bare(toks[k])
    if form in lex.participles:
        return _sentence_subject(toks, k, ments, lex) or last
    if is_statement(toks, k, lex):  # «وجاء في بيان الجيش أن»; «في البيان»: the last one's
        return _right(toks, k + 1, ments, lex, source=True) or last
    if form in lex.source_preps:
        return _right(toks, k, ments, lex, source=True)
    if form in ("نقل", "نقلت"):
        for j in range(k + 1, min(len(toks), k + _WINDOW)):
            if bare(toks[j]) == "عن":
                return _right(toks, j, ments, lex, source=True)
    if k > 0 and bare(toks[k - 1]) in lex.relatives and toks[k - 1].sentence == toks[k].sentence:
        # «… إلى ما وصفه بـ"…"»: the sentence's subject said it
        return _sentence_subject(toks, k, ments, lex) or last
    # With no subject named, the verb goes on with the last speaker (Arabic drops
    # pronoun subjects: «وأضاف أن …», «وتطرق إلى …»), unless a sentence since then
    # is about another person («وكان عمران خان قد أعلن … وقال "…"»).
    nxt = bare(toks[k + 1]) if k + 1 < len(toks) else ""
    if nxt.startswith("ال") and nxt[2:] in lex.channels and (
            toks[k + 1].sentence == toks[k].sentence and last is not None
            and ments.at(k + 2) is None and not _clitic_l(toks[k + 2])):
        return last  # «وتابع البيان أن …»: the statement quoted before goes on
    if nxt in lex.dual_subjects:  # «اعتبر الرئيسان أن»: the first of the two
        return _sentence_subject(toks, k, ments, lex) or last
    return (_right(toks, k, ments, lex) or _antecedent(toks, k, ments, lex)
            or _left(toks, k, ments) or _topic(toks, k, ments, last_cue) or last
            or _recent_person(toks, k, ments))


def _sentence_subject(toks: Sequence[Token], k: int, ments: Mentions,
                      lex: Lexicon) -> str | None:
    """The first entity of the sentence before token ``k`` that no preposition governs
    and no quotation holds: the subject a participle («مؤكدًا») shares; a person named
    in its phrase after a title's complement («رئيس بعثة الأمم المتحدة … برناردينو ليون»)."""
    sent = toks[k].sentence
    j = k
    while j > 0 and toks[j - 1].sentence == sent:
        j -= 1
    # «دبي، الإمارات العربية المتحدة (CNN) -- أعرب …»: a dateline is no subject
    j = next((d + 1 for d in range(j, min(k, j + _DATELINE)) if toks[d].text in _DASHES), j)
    inside = False
    head = False
    for i in range(j, k):
        if toks[i].text in ('"', "«", "»", "“", "”"):
            inside = not inside if toks[i].text in ('"',) else toks[i].text in ("«", "“")
            continue
        hit = ments.at(i)
        if hit and not inside and not _governed(toks, i):
            if head and hit not in ments.people:
                return _person_in_phrase(toks, i, ments, lex) or hit
            return hit
        if not hit and i > j and toks[i].text[:1].isalpha() and i not in ments.skip:
            head = not _governed(toks, i)
    return None


_DATELINE = 12  # tokens a dateline may take at the start of an article
_DASHES = frozenset(("--", "—", "–", "-"))
_CLAUSE = 20  # how far back a relative pronoun may open the clause of a cue


def _antecedent(toks: Sequence[Token], k: int, ments: Mentions, lex: Lexicon) -> str | None:
    """The noun a relative clause holding the cue is about: «باكستان، التي ترفض
    الاتهامات وتشير إلى أن …», «التحالف، الذي كان قد بدأ … عملية عسكرية قال إنها …»;
    after a comma also «X، وهي مظلة … تقول إنها …». The noun may be governed by a
    preposition («مع باكستان، التي …»): the clause is still about it."""
    sent = toks[k].sentence
    for r in range(k - 1, max(-1, k - _CLAUSE), -1):
        t = toks[r]
        if t.sentence != sent or t.text in _STOP or bare(t) in lex.complementizers:
            return None
        form = bare(t)
        if form in lex.relative_pronouns and t.words[0].kind == "conj":
            # «وكان زعيمه شهباز شريف شقيق … نواز شريف والذي يطمح …، دان …»: a second
            # relative clause goes back to the head of the sentence
            return _sentence_subject(toks, k, ments, lex)
        if form in lex.relative_pronouns:
            comma = False
        elif form in lex.apposition_pronouns and t.words[0].kind == "conj":
            comma = True
        else:
            continue
        e = r - 1
        if e >= 0 and toks[e].text in ("،", ","):
            e -= 1
        elif comma:
            return None
        for i in range(e, max(-1, e - _WINDOW), -1):
            hit = ments.by_token.get(i)
            if hit is not None and hit[1] == e + 1 and hit[0] != NOBODY:
                return hit[0]
        return None
    return None


def _topic(toks: Sequence[Token], k: int, ments: Mentions, last_cue: int) -> str | None:
    """A person who opens a sentence after the last quote's and before this cue («وكان
    عمران خان …», «وسعود الذي …»): the one a subjectless verb goes on with."""
    lo = toks[last_cue].sentence if last_cue >= 0 else -1
    sent = toks[k].sentence
    j = k - 1
    while j >= 0 and toks[j].sentence > lo:
        if toks[j].sentence < sent - 2:
            return None
        first = j
        while first > 0 and toks[first - 1].sentence == toks[j].sentence:
            first -= 1
        if toks[j].sentence < sent:
            for i in range(first, j + 1):
                hit = ments.at(i)
                if hit and not _governed(toks, i):
                    if hit in ments.people:
                        return hit
                    if hit.startswith("u"):
                        # «يرفض وزير الداخلية … في إيطاليا ماتيو سالفيني»: the title's holder
                        person = _person_in_phrase(toks, i, ments, lexicon())
                        if person is not None:
                            return person
                    break  # the sentence is about something else
        j = first - 1
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
    """The subject named after token ``k`` in its clause; ``source`` when ``k`` is itself
    the preposition of a source («عن باقري», «بحسب الوكالة»).

    An entity that is the complement of a title or a channel before it («رئيس
    النيجر محمدو إيسوفو», «المتحدثة باسم وزارة الخارجية هيذر ناورت», «مراسل
    لوكالة الصحافة الفرنسية», «بيان للديوان الملكي») gives way to the person named
    in the phrase; with none, the complement speaks."""
    sent = toks[k].sentence
    head: int | None = None  # the first word of the subject phrase, when no entity
    for j in range(k + 1, min(len(toks), k + _WINDOW)):
        t = toks[j]
        if t.text in _MARKS and head is not None and (ments.at(j + 1) or ments.at(j - 1)):
            continue  # «أفادت وكالة "فارس" للأنباء»: a name in quotation marks
        if t.sentence != sent or t.text in _STOP or bare(t) in lex.complementizers:
            return None
        hit = ments.at(j)
        if hit and hit != NOBODY and head is not None:
            if _governed(toks, head) and not (source and head == k + 1):
                if _governed(toks, j):
                    continue
                return hit
            person = hit if hit in ments.people else _person_in_phrase(toks, j, ments, lex)
            if person is not None:
                return person
            if not _governed(toks, j) or toks[j - 1].norm == "من" or _clitic_l(toks[j]):
                return hit
            continue
        if hit and (source or not _governed(toks, j)):
            if hit.startswith("u"):
                # «قال رئيس النيجر محمدو إيسوفو»: an unnamed title right before a name is
                # that person's; prefer the name. «وكالة إيرنا»: the head of a name.
                end = ments.by_token[j][1]
                after = ments.at(end)
                if (after is not None and not after.startswith("u") and after != NOBODY
                        and not _governed(toks, end)):
                    return after
                return _person_in_phrase(toks, j, ments, lex) or hit
            return hit
        if lex.is_cue(bare(t)):
            return None
        if (head is None and not hit and j not in ments.skip and t.text[:1].isalpha()
                and t.norm not in _PREPOSITIONS):
            head = j
    return None


def _clitic_l(tok: Token) -> bool:
    """«لوكالة», «للديوان»: the noun carries the preposition ل (a genitive of sorts)."""
    ws = tok.words
    i = 1 if ws and ws[0].kind in ("conj",) else 0
    return len(ws) > i + 1 and ws[i].kind == "prep" and ws[i].norm == "ل"


def _person_in_phrase(toks: Sequence[Token], j: int, ments: Mentions,
                      lex: Lexicon) -> str | None:
    """A named person in the noun phrase after token ``j``, also in apposition after a
    comma («زعيم حزب الله، حسن نصر الله»), before its clause goes on."""
    sent = toks[j].sentence
    for m in range(j + 1, min(len(toks), j + _WINDOW)):
        t = toks[m]
        if (t.sentence != sent or t.text in _STOP or bare(t) in lex.complementizers
                or lex.is_cue(bare(t))):
            return None
        hit = ments.at(m)
        if hit and hit in ments.people and not _governed(toks, m):
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
        if hit and not _governed(toks, j):
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
