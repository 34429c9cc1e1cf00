"""Argument assignment: who is the actor and who the recipient of a trigger.

Participants are the entity mentions and unnamed actors of a sentence, each
with the preposition that governs it, if any («مع الرئيس», «لوكالة»).
A verb's subject follows it (verb–subject–object) or, failing that, precedes
it in the sentence; its object is the next free participant. A trigger's
``roles`` map grammatical slots (``subject``, ``object``, ``genitive``, or a
preposition) to ``actor``, ``recipient`` or ``place`` — «استقبل» makes its
subject the recipient (the host) and its object the actor (the visitor). A
passive trigger's subject is its recipient, and «على يد» / «من قبل» name the
actor. Speech acts inside a quotation are the speaker's.
"""


from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..actors.kb import KnowledgeBase
from ..doc import Token
from .clauses import (
    OBJECT_WINDOW,
    STOP_COMMA,
    asides,
    blocked,
    clause_end,
    clause_start,
    embedded_start,
)
from .parties import (
    _PREPOSITIONS,
    COLLECTIVE_PREFIX,
    NISBA_PREFIX,
    RECIPROCAL_PREFIX,
    Parties,
    Party,
    _words,
    bare_norm,
    victims,
)
from .pronouns import (
    apposed_person,
    counterpart,
    dropped_subject,
    has_pronoun,
    implicit_subject,
    light_genitive,
    pronoun_object,
    reported,
    stem,
)
from .triggers import Trigger

__all__ = ["COLLECTIVE_PREFIX", "NISBA_PREFIX", "RECIPROCAL_PREFIX", "SPEECH_ACTS", "Parties",
           "Party", "Roles", "assign", "bare_norm", "clause_start", "embedded_start",
           "mutual", "victims"]

_NISBA_REACH = 8  # «الجانبان»: a party standing for two entities
_OBJECT_PREPS = frozenset(("علي", "مع", "ب", "ل", "الي", "ضد", "من", "عن", "تجاه", "نحو"))
_WINDOW = 8  # a subject stands this close to its verb
_PASSIVE_MARKER_REACH = 5  # «قتل فيها ألماني على أيدي»: a marker this close makes «قتل» passive
_AGENT_GAP = 2  # words between an agent marker and the agent («على أيدي عناصر من الشرطة»)
# Material acts named by a noun: only a light verb («شن هجوما») gives them the clause's
# subject as their doer; otherwise the noun's genitive or a relative clause names it.
_MATERIAL = frozenset(("ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "RETREAT", "AID",
                       "THREATEN"))
# Words that end a multiword cue and govern its other party («إلى جانب», «مع», «ضد»).
_CUE_ENDS = frozenset(("جانب", "مع", "ضد", "تجاه", "بحق", "علي", "الي", "ل", "ب", "عن"))
_FORCE_NOUNS = frozenset(("ASSAULT", "COERCE"))
# Directed acts whose target may be a nisba phrase and no name («بلدات إسرائيلية»).
_NISBA_TARGETS = frozenset(("ASSAULT", "SANCTION", "COERCE", "THREATEN", "ACCUSE"))
_MEETINGS = frozenset(("CONSULT", "AGREE", "COOPERATE"))
# Speech acts: inside a quotation these are the speaker's own acts («ندعو», «نرفض»).
# Other events a speaker reports («تجري المفاوضات») keep the parties the words name.
SPEECH_ACTS = frozenset(("ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "AGREE",
                         "CONCEDE", "COOPERATE"))


@dataclass(slots=True)
class Roles:
    actor: list[Party] = field(default_factory=list)
    recipient: list[Party] = field(default_factory=list)
    place: list[Party] = field(default_factory=list)


def assign(parties: Parties, t: Trigger, speaker: str | None,
           verbs: frozenset[int] = frozenset(), media: frozenset[str] = frozenset()) -> Roles:
    """The actor, recipient and place of trigger ``t``; ``speaker`` when ``t`` is inside
    a quotation (the speaker's words: their speech act). ``verbs`` are the tokens of
    the document's verbal triggers: a noun cue after one in its clause is that verb's
    content («دانت البحرين الهجوم»), not an act of the verb's subject. ``media`` are
    the refs of news media, which report meetings rather than hold them."""
    if speaker is not None and t.event not in SPEECH_ACTS:
        speaker = None
    toks = parties.toks
    sent = toks[t.token].sentence
    ps = _merged([p for p in parties.of(sent) if not p.i <= t.token < p.j])
    if speaker is not None and reported(toks, t, ps):
        speaker = None  # «إلى أن تستجيب الحكومة»: the words report another's act
    # Inside a multiword cue («على الأمريكيين أن», «وصل … إلى») the cue's own words
    # govern nothing: such a party is free. A place the cue's gap holds («أطلقت من غزة
    # صواريخ») stays where the act came from or happened.
    ps = [Party(p.ref, p.i, p.j, p.start, p.end, None, p.loc)
          if not (p.loc and p.prep in ("من", "في")) and (
              (t.token < p.i <= t.last_token and p.prep in _PREPOSITIONS)
              or (p.head is not None and t.token <= p.head <= t.last_token))
          else p for p in ps]
    roles = dict(t.roles)
    out = Roles()
    used: set[str] = set()

    def put(role: str | None, p: Party | None) -> None:
        if p is None or role not in ("actor", "recipient", "place") or p.ref in used:
            return
        used.add(p.ref)
        getattr(out, role).append(p)

    aside = asides(toks, t)
    end = clause_end(toks, t)
    after = [p for p in ps if p.i > t.token and p.i - t.last_token <= OBJECT_WINDOW
             and not blocked(toks, t.token + 1, p.i) and p.i not in aside and p.i < end]
    lo = embedded_start(toks, t.token, verbs if t.nominal else frozenset())
    before = [p for p in ps if p.j <= t.token and p.i >= lo]
    if speaker is not None:
        out.actor.append(Party(speaker, t.token, t.token + 1, t.start, t.end, None))
        used.add(speaker)
    # A cue ending in its preposition («توجه … إلى») has used it: a later «إلى X» is
    # another verb's («ثم ستنقلهما إلى إسلام أباد»).
    spent = bare_norm(toks[t.last_token]) if t.last_token > t.token else None
    for p in after:  # preposition slots: «التقى ب…», «زيارة … إلى بغداد»
        if p.prep and p.prep in roles and (p.prep != spent or p.i == t.last_token + 1):
            put(roles[p.prep], p)
    if (t.last_token > t.token and not t.passive and after and after[0].ref not in used
            and after[0].i - t.last_token == 1
            and toks[t.last_token].norm in _CUE_ENDS):
        put("recipient", after[0])  # «وقوفها إلى جانب السعودية», «تضامنه مع لبنان»
    free_after = [p for p in after if p.prep is None and p.ref not in used]
    free_before = [p for p in before if p.prep is None and p.ref not in used]
    if speaker is not None:
        if (t.nominal and roles.get("genitive", "actor") == "actor" and free_after
                and free_after[0].i - t.last_token <= 2):
            free_after = free_after[1:]  # «دعم العراق لـ…»: the speaker's own side
        put(roles.get("object", "recipient") if not t.nominal else "recipient",
            free_after[0] if free_after else None)
    elif roles.get("apposition") == "recipient":
        # «عثمان كفالا، المعتقل منذ أكتوبر»: the person before; held by their state
        held = apposed_person(parties, toks, t, ps)
        country = (parties.countries.get(held.ref) or parties.main_country
                   if held is not None else None)
        if held is not None and country:
            put("recipient", held)
            put("actor", Party(f"{NISBA_PREFIX}{country}:GOV", t.token, t.token + 1, t.start,
                               t.end, None))
    elif t.nominal:
        # «أكد رشيد تعاطف …»: the clause's subject does what the noun names; else the
        # noun's genitive («زيارة وزير الخارجية»).
        genitive = free_after[0] if free_after and free_after[0].i - t.last_token <= 2 else None
        if t.event in _MATERIAL and not _after_light_verb(toks, t.token, lo, before):
            free_before = []  # «أعرب عن أسفه لضحايا الهجوم»: not the speaker's attack
            agent = _relative_agent(toks, free_after, t)
            if agent is not None:
                put("actor", agent)
                free_after = [p for p in free_after if p is not agent]
                genitive = free_after[0] if free_after and free_after[0].i - t.last_token <= 2 \
                    else None
        if (genitive is not None and t.event in _FORCE_NOUNS and genitive.ref in parties.cities
                and genitive.i == t.last_token + 1):
            # «تفجيرات الرياض», «هجوم باريس»: a city after an attack is where it was
            out.place.append(genitive)
            used.add(genitive.ref)
            genitive = None
        if not out.actor:
            # «إعلان المؤتمر الوطني … مشاركته»: a light noun's genitive does the act its
            # pronoun points back to
            put("actor", light_genitive(toks, t, ps))
        if out.actor:
            if genitive is not None and roles.get("genitive") != "actor":
                put(roles.get("genitive"), genitive)
        elif free_before:
            put("actor", free_before[0])
            if genitive is not None and not out.recipient and roles.get("genitive") != "actor":
                put(roles.get("genitive"), genitive)
        else:
            put(roles.get("genitive", "actor"), genitive)
        if not out.actor and t.event in _FORCE_NOUNS:
            put("actor", _agent(toks, ps, t))  # «مقتل 4 متظاهرين برصاص الجيش»
        if t.event in ("SUPPORT", "THREATEN") and "content" in roles.values() \
                and not out.recipient:
            # «عن ترحيبه بعودة المؤتمر الوطني», «تهديد ترامب بفرض عقوبات على تركيا»: whom
            # the welcomed or threatened act names (not a party in the cue's gap)
            put("recipient", _content_party([p for p in after if p.i >= t.last_token], used))
        if not out.actor and t.event in _MEETINGS:
            # «قال الوزير إن الاجتماع …»: who reports a meeting took part in it.
            outer = [p for p in ps if p.j <= t.token and p.i >= clause_start(toks, t.token)
                     and p.prep is None and p.ref not in used and p.ref not in media]
            put("actor", outer[0] if outer else None)
    elif roles.get("participle") == "actor":
        # «…، داعيًا الشعب إلى …»: the participle's doer is its sentence's subject; the
        # party after it is its object.
        put("actor", implicit_subject(parties, toks, t, used))
        rest = [p for p in free_after if p.ref not in used]
        put(roles.get("object", "recipient"), rest[0] if rest else None)
        if not out.recipient and roles.get("object", "recipient") == "recipient":
            put("recipient", pronoun_object(parties, toks, t, used))
    else:
        near = [p for p in free_after if p.i - t.last_token <= _WINDOW]
        if spent in _PREPOSITIONS:
            # «يتوجه ولي العهد … إلى»: a cue closed by its preposition holds its subject
            # in its gap; a party after it is not the subject
            near = [p for p in near if p.i < t.last_token]
        if near and _happening_after(toks, t, near[0]):
            near = []  # «استهدف تفجير كنيسة مار جرجس»: the blast is the subject
        before_verb = any(t.token - p.j <= 0 for p in free_before)  # «طالبان تستهدف»
        if not t.passive and t.event == "ASSAULT" and (
                (near and near[0].i - t.last_token <= 2 and not before_verb
                 and parties.sectors.get(near[0].ref) == "CVL")
                or _agent_marker(toks, t, _PASSIVE_MARKER_REACH) is not None
                or any(t.token - p.j <= 0 and parties.sectors.get(p.ref) == "CVL" and p.i > 0
                       and toks[p.i - 1].norm.isdigit() for p in free_before)):
            # «قتل ناشط ثالث», «قتل ثلاثة مدنيين», «قتل فيها ألماني على أيدي اثنين»,
            # «29 طفلا قتلوا»: unvowelled «قُتل», its subject the victim.
            t = replace(t, passive=True)
        subject_role = "recipient" if t.passive else roles.get("subject", "actor")
        object_role = roles.get("object", "recipient")
        # Subject–verb order when a party stands right before the verb («المقاتلات
        # التركية استهدفت»), else verb–subject («استهدفت المقاتلات»).
        if t.token > 0 and bare_norm(toks[t.token - 1]) in _words().relatives:
            # «الجهات التي تدعمهم»: a relative clause's verb is done by the noun the
            # relative pronoun follows, or by a subject after it («التي شنتها المقاتلات»)
            free_before = [p for p in free_before if p.j == t.token - 1]
            if not free_before:  # «الاتفاق الذي أبرم … مع إيران»: right after it or none
                # (or in the cue's gap: «التي طالب الجانب الفلبيني بوضعها»)
                near = [p for p in near if p.i == t.last_token + 1 or p.i < t.last_token]
        # «وكان فتى فلسطيني قد قُتل», «إن الكويت لم توافق»: a particle between a subject
        # and its verb
        gap = 2 if t.token > 0 and bare_norm(toks[t.token - 1]) in _words().verb_particles else 1
        adjacent = [p for p in free_before if t.token - p.j <= gap]
        if (adjacent and not t.passive and t.token == t.last_token and near
                and near[0].i == t.token + 1 and has_pronoun(toks[t.token])):
            # «شبكة تتهمها أنقرة»: a verb with its object on it and a name right after has
            # that name as its subject, not the one before
            adjacent = []
        if adjacent and adjacent[-1].loc:
            # «محكمة جنايات القاهرة حكمت»: the place completes the body before it
            heads = [p for p in free_before if p is not adjacent[-1] and not p.loc
                     and 0 <= adjacent[-1].i - p.j <= 1]
            adjacent = heads[-1:] or adjacent
        if near and not adjacent and counterpart(toks[near[0].i]):
            # «والتقى نظيره الأردني»: «نظيره» is the object; the subject is dropped.
            near = [p for p in near if p.i < t.last_token]
            free_before = free_before or [
                p for p in [implicit_subject(parties, toks, t, used)] if p is not None]
        if t.passive and near and (agent := _agent(toks, ps, t)) is not None:
            near = [p for p in near if p is not agent]  # «قُتل برصاص الجيش»: the agent
        subject = (adjacent[-1] if adjacent else near[0] if near
                   else free_before[-1] if free_before and not t.passive else None)
        put(subject_role, subject)
        if subject_role in ("actor", "recipient"):
            if subject is not None and adjacent and subject is adjacent[-1]:
                # «أعلنت مالطا وإيطاليا رفضهما»: a subject before the verb may be the
                # last of several joined by و
                first = subject
                while any(w.kind == "conj" for w in toks[first.i].words[:1]):
                    prev = [p for p in free_before if p.j == first.i and p.ref not in used]
                    if not prev:
                        break
                    first = prev[-1]
                    put(subject_role, first)
            _conjoined(toks, ps, getattr(out, subject_role), used)
        rest = [p for p in free_after if p.ref not in used]
        if rest and not t.passive and not (object_role == "recipient" and out.recipient):
            # (a recipient a preposition gave, «يلتقي كيري بأعضاء المجلس», is the object)
            put(object_role, rest[0])
        elif not t.passive and object_role == "recipient" and not out.recipient:
            # No free object: the first other party a preposition attaches to the verb
            # («اتهم … إيران بـ», «دانت … الهجوم على السعودية»), not a place of the event.
            other = [p for p in after if p.ref not in used and p.prep in _OBJECT_PREPS
                     and not (p.loc and p.prep in ("في", "ب"))]
            if other:
                put("recipient", other[0])
        if t.passive:
            put("actor", _agent(toks, ps, t))
        if "content" in roles.values() and not out.recipient:
            # «دانت البحرين الهجوم الحوثي»: whoever the condemned or denied act names.
            put("recipient", _content_party(after, used))
        if not t.passive and object_role == "recipient" and not out.recipient:
            # «ويتهمها بمساعدة المهربين»: an object pronoun on the verb
            put("recipient", pronoun_object(parties, toks, t, used))
    if t.event in _FORCE_NOUNS and not out.recipient:
        # «هجوم شنه مسلحون على مركز للشرطة»: the owner of the place hit
        put("recipient", _owner_target(toks, t, after, used))
    if t.event in _NISBA_TARGETS and not out.recipient:
        # «أطلقوا قذائف في اتجاه بلدات إسرائيلية», «استهداف ناقلتي نفط سعوديتين»: the
        # nationality of what was hit.
        put("recipient", _nisba_target(parties, toks, t, ps))
    if not out.actor and dropped_subject(toks, t, t.event in _MATERIAL) and (
            t.passive is False and roles.get("subject", "actor") == "actor"):
        # A dropped subject («وتمكنت من اعتقال …», «نافيةً …», «إدانته»): the subject of
        # the sentence, else of the sentence before.
        put("actor", implicit_subject(parties, toks, t, used))
    if not out.recipient and (mutual(toks, t, out.actor) or t.event == "AGREE"):
        # «تبادل مسلحون إطلاق النار مع الشرطة»: the other side of an exchange; «قدم
        # عرضا لعقد محادثات مع باكستان»: the other side of what is offered
        put("recipient", next((p for p in after if p.prep == "مع" and p.ref not in used), None))
    _conjoined(toks, ps, out.actor, used)
    _conjoined(toks, ps, out.recipient, used)
    # A place inside the sentence («في قصر بغداد»), for event_loc.
    if not out.place:
        topics = _words().topic_nouns
        # «الأوضاع في غزة», «الإبادة الجماعية في غزة»: the topic's place
        here = [p for p in ps if p.loc and p.prep in ("في", "ب") and not any(
            k >= 0 and bare_norm(toks[k]) in topics for k in (p.i - 2, p.i - 3))]
        if here:
            out.place.append(min(here, key=lambda p: abs(p.i - t.token)))
    return out


def _conjoined(toks: list[Token], ps: list[Party], role: list[Party], used: set[str]) -> None:
    """«الأردن والكويت والإمارات»: parties joined by و to one in a role share it."""
    if not role:
        return
    last = role[-1]
    for p in ps:
        if p.i < last.j or p.ref in used:
            continue
        gap = toks[last.j:p.i]
        conj = any(w.kind == "conj" for w in toks[p.i].words[:1])
        joined = p.i == last.j and conj
        comma = len(gap) == 1 and gap[0].text in ("،", ",")
        if not (joined or (comma and conj)):
            if p.loc and not conj and len(gap) == 1 and not any(
                    w.kind == "conj" for w in gap[0].words) and gap[0].text not in STOP_COMMA:
                last = p  # «الملك عبد الله الثاني ملك الأردن و…»: a title in apposition
                continue
            break
        role.append(p)
        used.add(p.ref)
        last = p


def _merged(ps: list[Party]) -> list[Party]:
    """Adjacent mentions of one entity («رئيس الجمهورية عبد اللطيف رشيد») as one party."""
    out: list[Party] = []
    for p in ps:
        if out and out[-1].ref == p.ref and p.i - out[-1].j <= 1:
            last = out[-1]
            out[-1] = Party(last.ref, last.i, p.j, last.start, p.end, last.prep, last.loc,
                            last.head)
        else:
            out.append(p)
    return out


def mutual(toks: list[Token], t: Trigger, parties: Sequence[Party] = ()) -> bool:
    """Whether a verb of exchange governs trigger ``t`` («تبادل الحزبان الاتهامات»,
    «تبادل إطلاق النار»): it is part of the cue, stands right before it, or before
    the subject (``parties``) that stands before it."""
    words = _words().mutual
    if any(bare_norm(toks[m]) in words for m in range(t.token, t.last_token + 1)):
        return True
    covered = {m for p in parties for m in range(p.i, p.j)}
    m = t.token - 1
    while m >= 0 and toks[m].sentence == toks[t.token].sentence:
        if bare_norm(toks[m]) in words:
            return True
        if m not in covered:
            return False
        m -= 1
    return False


def _after_light_verb(toks: list[Token], k: int, lo: int, before: list[Party]) -> bool:
    """Whether a light verb («شن», «قامت ب», «أعلنت») governs the noun at token ``k``:
    it stands just before it, or before the subject that stands before it («وشنت
    الطائرات الحربية الإسرائيلية غارات»)."""
    light = _words().light_verbs
    covered = {m for p in before for m in range(p.i, p.j)}
    m, skipped = k - 1, 0
    while m >= lo:
        word = bare_norm(toks[m])
        if word in light or word in _words().mutual:  # «تبادل مسلحون إطلاق النار»
            return True
        if m in covered or toks[m].text in ("،", ",") or (
                m == k - 1 and word in ("من", "علي", "في", "الي")):
            # the subject, a comma around an adjunct («، السبت،»), the verb's
            # preposition («تمكنت من اعتقال»)
            m -= 1
            continue
        skipped += 1
        if skipped > 1:
            return False
        m -= 1
    return False


def _relative_agent(toks: list[Token], free_after: list[Party], t: Trigger) -> Party | None:
    """«هجوم شنه مسلحون», «الضربات التي شنتها المقاتلات التركية»: the doer named by a
    relative clause right after the noun."""
    agents = _words().agent_verbs
    for m in range(t.last_token + 1, min(len(toks), t.last_token + 4)):
        if toks[m].sentence != toks[t.token].sentence:
            break
        if bare_norm(toks[m]) in agents:
            nxt = [p for p in free_after if p.i > m and p.i - m <= 3]
            return nxt[0] if nxt else None
    return None


def _nisba_target(parties: Parties, toks: list[Token], t: Trigger,
                  ps: list[Party]) -> Party | None:
    """A nisba adjective on a common noun after an act, not part of any party: the
    people of that country are its target («بلدات إسرائيلية»), or, after a title, the
    holders of that office («وزيري الداخلية والعدل التركيين»: the Turkish government)."""
    kb = KnowledgeBase.default()
    taken = {k for p in ps for k in range(p.i, p.j)}
    sent = toks[t.token].sentence
    sector: str | None = None
    for k in range(t.last_token + 1, min(len(toks), t.last_token + 1 + _NISBA_REACH)):
        tok = toks[k]
        if tok.sentence != sent or tok.text in STOP_COMMA:
            break
        if k in taken:
            continue
        word = bare_norm(tok)
        country = kb.nisba(word)
        if country is not None:
            ref = f"{NISBA_PREFIX}{country}" + (f":{sector}" if sector else "")
            return Party(ref, k, k + 1, tok.start, tok.end, None)
        if sector is None:
            # «وزيري»: a dual in construct is the title's plain form plus ي
            for form in (word, word[:-1] if word.endswith("ي") else ""):
                if form and kb.title_kind(form) == "person":
                    sector = kb.title_sector(form)
                    break
    return None


def _content_party(after: list[Party], used: set[str]) -> Party | None:
    """The first party named in the content of a condemnation or denial, within its
    comma clause («دانت البحرين الهجوم الحوثي، كما أكدت المنامة …»: ``after`` already
    stops at the new clause, :func:`_clause_end`)."""
    for p in after:
        if p.ref in used or (p.loc and p.prep in ("في", "ب", "الي", "من")):
            continue
        return p
    return None


def _happening_after(toks: list[Token], t: Trigger, first: Party) -> bool:
    """Whether a noun for a happening («تفجير», «هجوم») stands right after verb ``t``,
    before the first party after it: that noun is the verb's subject."""
    k = t.last_token + 1
    return (k < first.i and toks[k].sentence == toks[t.token].sentence
            and stem(toks[k]) in _words().happenings)


def _owner_target(toks: list[Token], t: Trigger, after: list[Party],
                  used: set[str]) -> Party | None:
    """«على مركز للشرطة», «على مقر للجيش»: the party a thing hit belongs to («لـ»)."""
    for p in after:
        k = p.i
        if (p.prep == "ل" and p.ref not in used and k >= 2 and bare_norm(toks[k - 2]) == "علي"
                and not any(q.i <= k - 1 < q.j for q in after)):
            return p
    return None


def _agent(toks: list[Token], ps: list[Party], t: Trigger) -> Party | None:
    """«قُتل … على يد مسلحين», «من قبل الشرطة», «برصاص الجيش»: the actor of a passive or
    of a noun of violence."""
    found = _agent_marker(toks, t, _WINDOW)
    if found is None:
        return None
    # the agent follows the marker («برصاص الجيش», «على أيدي عناصر من الشرطة»), not a
    # party further on
    k, width = found
    nxt = [p for p in ps if k < p.i <= k + width + _AGENT_GAP]
    return nxt[0] if nxt else None


def _agent_marker(toks: list[Token], t: Trigger, reach: int) -> tuple[int, int] | None:
    """Where an agent marker («على يد», «من قبل», «برصاص») starts within ``reach`` tokens
    after trigger ``t``, and how many tokens it has."""
    markers = _words().agent_markers
    for k in range(t.last_token + 1, min(len(toks) - 1, t.last_token + reach)):
        a, b = toks[k].norm, toks[k + 1].norm
        if (a, b) in (("علي", "يد"), ("علي", "ايدي"), ("من", "قبل")):
            return k, 2
        if a in markers:
            return k, 1
    return None


