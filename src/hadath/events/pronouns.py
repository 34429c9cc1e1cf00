"""Parties a pronoun or a dropped subject stands for, as argument assignment needs them.

Arabic drops subjects («وتمكنت من اعتقال …»), carries them on nouns
(«إدانته», «رفضها») and on openers («أنها رفضت»), and puts objects on verbs
(«ويتهمها»). These helpers say when that happens and whom it points back to:
the first free party of the sentence (else of the one before) for a dropped
subject, the last fitting party named before for an object pronoun, the man a
masculine opener follows. The opener words are data (``ar/arguments.json``).
"""

from __future__ import annotations

from ..doc import Token
from .parties import Parties, Party, _words, bare_norm
from .triggers import Trigger

__all__ = ["apposed_person", "counterpart", "dropped_subject", "has_pronoun",
           "implicit_subject", "light_genitive", "pronoun_object", "reported", "stem"]

_LIGHT_REACH = 8  # a light noun stands this close before the noun with a pronoun
_OBJECT_PRONOUNS = {"ها": "thing", "هم": "group", "هما": "group"}


def has_pronoun(tok: Token) -> bool:
    """Whether ``tok`` ends in an attached pronoun («إدانته», «ويتهمها»)."""
    return len(tok.words) > 1 and tok.words[-1].kind == "pron"


def stem(tok: Token) -> str:
    """The stem of ``tok`` without its clitics."""
    return "".join(w.norm for w in tok.words if w.kind == "stem")


def counterpart(tok: Token) -> bool:
    """«نظيره», «نظيرته», «نظراءه»: a counterpart of someone already named (before a
    pronoun the feminine's ة is written ت: «نظيرت»)."""
    return stem(tok) in ("نظير", "نظيره", "نظيرت", "نظراء") and has_pronoun(tok)


def dropped_subject(toks: list[Token], t: Trigger, material: bool) -> bool:
    """Signs that the doer is a pronoun: a noun with one attached («إدانته», «رفضها»), a
    verb with an object pronoun («ويتهمها»), or a verb after «أنها»/«فإنه». ``material``:
    the trigger names a material act (on such a noun the pronoun is the one acted on)."""
    words = _words()
    k = t.token - 1
    if not t.nominal and k >= 0 and bare_norm(toks[k]) in words.relatives:
        return False  # «الجهات التي تدعمهم»: the relative's noun, not a dropped subject
    if k >= 0 and has_pronoun(toks[k]) and stem(toks[k]) in words.light_nouns:
        return True  # «إعلانها فرض عقوبات», «قراره سحب القوات»
    if t.nominal:
        # «إدانته», «رفضها»: the pronoun does a speech act; on a material noun
        # («اعتقاله», «استقباله») it is the one acted on, and so on an accusation of
        # something («إدانته بالتخطيط», «اتهامه بالفساد»: he is the one accused).
        return (not material and t.event != "CONSULT" and has_pronoun(toks[t.token])
                and not (t.event == "ACCUSE" and _of_something(toks, t)))
    if has_pronoun(toks[t.token]):
        return True
    return k >= 0 and bare_norm(toks[k]) in words.pronoun_openers


def _of_something(toks: list[Token], t: Trigger) -> bool:
    """Whether the word after trigger ``t`` carries «ب» («اتهامه بالفساد»)."""
    k = t.last_token + 1
    if k >= len(toks) or toks[k].sentence != toks[t.token].sentence:
        return False
    ws = toks[k].words
    w = ws[1] if len(ws) > 2 and ws[0].kind == "conj" else ws[0]
    return len(ws) > 1 and w.kind == "prep" and w.norm == "ب"


def pronoun_object(parties: Parties, toks: list[Token], t: Trigger,
                   used: set[str]) -> Party | None:
    """The party an object pronoun on a one-word verb stands for: the last one named
    before it, in its sentence or the one before, that is not the verb's subject. «ها»
    is a body, a country or a group of things («المنظمات … ويتهمها»), not a person;
    «هم» and «هما» a group or a body."""
    words = toks[t.token].words
    kind = _OBJECT_PRONOUNS.get(words[-1].norm) if (
        t.token == t.last_token and len(words) > 1 and words[-1].kind == "pron") else None
    for k in (t.last_token, t.last_token + 1):  # «متهمة إياها»: the pronoun on its own
        if kind is None and k < len(toks) and toks[k].norm.startswith("ايا"):
            kind = _OBJECT_PRONOUNS.get(toks[k].norm[3:])
    if kind is None:
        return None
    sent = toks[t.token].sentence
    for k in (sent, sent - 1):
        for p in reversed(parties.of(k) if k >= 0 else []):
            if (k == sent and p.i >= t.token) or p.ref in used or p.ref in parties.persons:
                continue
            if p.loc and p.prep in ("في", "ب", "الي", "من"):
                continue  # a place where («في روما»), not a party («علاقاتها مع قطر»)
            if kind == "group" and p.loc:
                continue
            if not parties.countries.get(p.ref) and not parties.sectors.get(p.ref):
                continue  # a name that says nothing of whom («السفينة أكواريوس»)
            return p
    return None


def apposed_person(parties: Parties, toks: list[Token], t: Trigger,
                   ps: list[Party]) -> Party | None:
    """The person a participle stands in apposition to: named right before it, with
    or without a comma («تانر كيليتش، الموقوف منذ يونيو»)."""
    k = t.token - 1
    if k >= 0 and toks[k].text in ("،", ","):
        k -= 1
    hit = [p for p in ps if p.j - 1 == k and p.ref in parties.persons]
    return hit[-1] if hit else None


def implicit_subject(parties: Parties, toks: list[Token], t: Trigger,
                     used: set[str]) -> Party | None:
    """The party a dropped subject stands for: the first free party of the trigger's
    sentence before it, else the first free party of the sentence before."""
    sent = toks[t.token].sentence
    own = [p for p in parties.of(sent) if p.j <= t.token and p.prep is None
           and p.ref not in used and not parties.in_dateline(p)]
    k = t.token - 1
    if k >= 0 and (bare_norm(toks[k]) in _words().pronoun_openers
                   and bare_norm(toks[k]).endswith("ه")):
        # «في موقف غني، الذي …، رغم أنه عرض»: «ـه» is a man, the first the sentence names
        man = next((p for p in parties.of(sent) if p.j <= t.token and p.ref in parties.persons
                    and p.ref not in used), None)
        if man is not None:
            return man
    if own:
        return own[0]
    if sent == 0:
        return None
    prev = [p for p in parties.of(sent - 1) if p.prep is None and p.ref not in used
            and not parties.in_dateline(p)]
    return prev[0] if prev else None


def light_genitive(toks: list[Token], t: Trigger, ps: list[Party]) -> Party | None:
    """For a noun with a pronoun («مشاركته»), the party right after the nearest light
    noun before it in its sentence («إعلان المؤتمر الوطني … مشاركته»), if any."""
    if not has_pronoun(toks[t.token]):
        return None
    light = _words().light_nouns
    sent = toks[t.token].sentence
    k = t.token - 1
    while k >= 0 and toks[k].sentence == sent and t.token - k <= _LIGHT_REACH:
        if stem(toks[k]) in light:
            return next((p for p in ps if p.i == k + 1), None)  # (its prep is the noun's)
        k -= 1
    return None


def reported(toks: list[Token], t: Trigger, ps: list[Party]) -> bool:
    """Whether a verb inside a quotation is a third person's, with its subject right
    after it («تستجيب الحكومة», «يهدد الاحتلال») or in a relative clause, rather than
    the speaker's own («ندعو المجتمع الدولي», «نرفض»)."""
    if t.nominal or t.passive:
        return False
    words = _words()
    before = bare_norm(toks[t.token - 1]) if t.token > 0 else ""
    if before in words.relatives:
        # «النفط الذي يهدد البيئة»: done by what the relative follows; but «التي دعا
        # المجتمع الدولي» may be the speaker's, with an object after it
        return not any(p.i > t.last_token for p in ps)
    first = next((w.norm for w in toks[t.token].words if w.kind == "stem"), "")
    if not first.startswith(("ي", "ت")) or before in words.pronoun_openers:
        return False  # «إنه يطالب أنقرة»: the speaker's
    return any(p.i == t.last_token + 1 and p.prep is None for p in ps)
