"""Build ``src/hadath/data/ar/triggers/petrarch.tsv`` from UniversalPetrarch's Arabic verbs.

UniversalPetrarch's ``CAMEO.ar.0.5.txt`` (branch ``arabic``, MIT) lists 213
verb blocks: verbs (mostly as bare past stems, some with a particle, ``حقق+في``)
and patterns (``- * قافلة [190] # كمن+ل``: the verb, then an object, coded
CAMEO 190). The file was translated from the English CAMEO dictionary and
many senses came out wrong (``أطلق`` "fire" coded as easing sanctions), so
this script keeps only what it can check:

* a CAMEO code that maps to a PLOVER type (``CAMEO_TO_PLOVER``; plain
  statements, 01x, are not events);
* a code that agrees with the English gloss PETRARCH gives the verb (``اختطف
  [181] # abduct,kidnap`` is kept; ``أصبح [192] # become`` is not): each CAMEO
  root has a list of English verbs (``GLOSSES``), and a verb, or a pattern, is
  kept only when one of its verbs' glosses is in the list of the code's root;
* a verb whose past third person masculine and feminine forms are both
  attested in the corpus vocabulary (``ar/vocab.tsv.gz``), so roots and
  misspellings (``تضح``, ``هرل``) drop out; its present is inferred from the
  past (form I/II/III/V/VI: ي + past; IV: drop the أ; VII, VIII, X: drop the
  ا) and must be attested too;
* verbs and patterns not listed in ``DENY`` (senses checked by hand and
  found wrong);
* nothing the hand-written lexicon already has: a verb that a hand-written
  entry anchors is left out, with its patterns (they would repeat or contradict it);
  a pattern's object must be attested in the corpus too.

Verbs become single-verb entries (weight 0.3), patterns become ``verb … object``
cues (weight 0.45, the object within three tokens, synonym sets expanded).
The output keeps the CAMEO code of each entry and is reproducible.

    .venv/bin/python scripts/build_triggers.py ../shared/data/petrarch/CAMEO.ar.0.5.txt
    .venv/bin/python scripts/build_triggers.py ../shared/data/petrarch/CAMEO.ar.0.5.txt --check
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from hadath.events.lexicon import INDEX, MODES, build, verb_forms
from hadath.resources import load_json
from hadath.text.clitics import load_vocab
from hadath.text.normalize import normalize_light, normalize_str

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "hadath" / "data" / "ar" / "triggers" / "petrarch.tsv"

# CAMEO code prefix → (PLOVER event, mode); the longest prefix wins (PLOVER manual's
# CAMEO mapping, spec/PLOVER.md). Codes not covered (01x statements) are dropped.
CAMEO_TO_PLOVER: dict[str, tuple[str, str]] = {
    "02": ("REQUEST", ""), "020": ("REQUEST", ""), "021": ("REQUEST", "assist"),
    "022": ("REQUEST", "assist"), "023": ("REQUEST", "assist"), "024": ("REQUEST", "change"),
    "025": ("REQUEST", "yield"), "026": ("REQUEST", "meet"), "027": ("REQUEST", "change"),
    "028": ("REQUEST", "meet"),
    "03": ("AGREE", ""),
    "04": ("CONSULT", ""), "041": ("CONSULT", "phone"), "042": ("CONSULT", "visit"),
    "043": ("CONSULT", "visit"), "044": ("CONSULT", "third-party"),
    "045": ("CONSULT", "third-party"),
    "05": ("SUPPORT", ""), "055": ("CONCEDE", ""), "056": ("CONCEDE", ""),
    "06": ("COOPERATE", ""),
    "07": ("AID", ""),
    "081": ("CONCEDE", ""), "082": ("CONCEDE", ""), "083": ("CONCEDE", ""),
    "084": ("RETREAT", "release"), "085": ("RETREAT", ""), "086": ("RETREAT", "access"),
    "087": ("RETREAT", ""), "0871": ("RETREAT", "ceasefire"), "0873": ("RETREAT", "disarm"),
    "0874": ("RETREAT", "withdraw"),
    "09": ("ACCUSE", "investigate"),
    "10": ("REQUEST", "change"), "105": ("REQUEST", "meet"),
    "11": ("ACCUSE", "disapprove"), "112": ("ACCUSE", "allege"), "115": ("ACCUSE", "allege"),
    "116": ("SANCTION", "convict"),
    "12": ("REJECT", ""),
    "13": ("THREATEN", ""), "131": ("THREATEN", "restrict"), "1313": ("THREATEN", "relations"),
    "137": ("THREATEN", "arrest"), "138": ("THREATEN", "violence"),
    "14": ("PROTEST", "demo"), "142": ("PROTEST", "hunger"), "143": ("PROTEST", "strike"),
    "144": ("PROTEST", "obstruct"), "145": ("PROTEST", "riot"),
    "15": ("MOBILIZE", ""), "151": ("MOBILIZE", "police"), "152": ("MOBILIZE", "troops"),
    "153": ("MOBILIZE", "troops"),
    "16": ("SANCTION", ""), "161": ("SANCTION", "discontinue"), "166": ("SANCTION", "expel"),
    "17": ("COERCE", ""), "171": ("COERCE", "seize"), "172": ("COERCE", "restrict"),
    "1721": ("COERCE", "curfew"), "1723": ("COERCE", "martial-law"),
    "173": ("COERCE", "arrest"), "174": ("COERCE", "deport"), "175": ("ASSAULT", "crowd-control"),
    "176": ("COERCE", "cyber"),
    "18": ("ASSAULT", ""), "181": ("ASSAULT", "abduct"), "182": ("ASSAULT", "beat"),
    "1822": ("ASSAULT", "torture"), "183": ("ASSAULT", "explosives"),
    "1831": ("ASSAULT", "suicide-attack"), "185": ("ASSAULT", "targeted"),
    "186": ("ASSAULT", "targeted"),
    "19": ("ASSAULT", ""), "191": ("COERCE", "restrict"), "192": ("COERCE", "seize"),
    "193": ("ASSAULT", "firearms"), "194": ("ASSAULT", "heavy-weapons"),
    "195": ("ASSAULT", "aerial"), "1952": ("ASSAULT", "drone"),
    "20": ("ASSAULT", ""), "204": ("ASSAULT", "unconventional"),
}

# English verbs that name each CAMEO root (from the CAMEO manual's definitions): the
# gloss PETRARCH gives a verb must be one of them for the verb's code to be trusted.
GLOSSES: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "02": "appeal ask request urge plead seek implore beg",
    "03": "promise pledge offer agree commit vow intend propose",
    "04": "meet consult visit host talk discuss negotiate confer mediate telephone phone",
    "05": "praise commend endorse welcome thank congratulate sign ratify "
          "recognize recognise apologize apologise forgive approve hail applaud laud",
    "06": "cooperate coordinate exchange share collaborate extradite",
    "07": "aid donate provide supply fund finance assist help grant",
    "08": "yield release free withdraw retreat ease lift concede resign surrender disarm "
          "admit return relax",
    "09": "investigate probe inquire examine",
    "10": "demand insist require",
    "11": "criticize criticise condemn denounce accuse blame allege censure deplore complain "
          "sue disapprove object",
    "12": "reject refuse deny veto rebuff oppose defy dismiss decline",
    "13": "threaten warn menace",
    "14": "protest demonstrate rally march strike boycott riot",
    "15": "mobilize mobilise deploy alert reinforce",
    "16": "sanction embargo boycott expel sever suspend halt recall",
    "17": "arrest detain seize confiscate deport expel ban curb raid jail imprison censor "
          "repress suppress besiege blockade surround",
    "18": "attack assault kill abduct kidnap bomb assassinate torture stab beat wound ambush "
          "explode detonate",
    "19": "fight clash shell bombard shoot attack invade occupy besiege blockade raid "
          "ambush surround",
    "20": "massacre slaughter exterminate",
}.items()}

# Verbs (past stem) and verb|object pairs whose PETRARCH sense was checked and found
# wrong for Arabic news: machine-translated senses, homographs of common nouns.
DENY = frozenset({
    "اطلق", "طلق", "قدم", "وصل", "لقي", "القي", "سلم", "وضع", "وقع", "عمل", "قام", "بدا",
    "حول", "نظر", "راي", "ظهر", "طلع", "بني", "اقم", "نشا", "حدد", "رجع", "عاد", "اعاد",
    "وجد", "وجه", "دفع", "اخذ", "تلقي", "اصدر", "شد", "ربط", "قوي", "عزز", "شجع", "احترم",
    "نادي", "لقب", "فتش", "فرض", "كبت", "تخلي", "امتنع", "تراجع", "رفض", "نسد", "لغي",
    "اعترض", "هدم", "كسر", "غلب", "قهر", "هزم", "تغلب", "مسح", "حق", "ابد", "خرب", "تلف",
    "عقد", "امن", "وثق", "صدق", "ظن", "اعتقد", "منع", "ترك", "كف", "حجم", "عزف", "جنب",
    "تجنب", "سعي", "جرب", "حاول", "حضر", "شارك", "شغل", "شبك", "اجري", "انتقل", "تبع",
    "طرد", "نهض", "اشر", "ضرب", "سجل", "حمل", "مد", "رد", "فتح", "حكم", "قضي", "حصل",
    "دعا", "طلب", "عرض", "عبر", "اكد", "قال", "ذكر", "اعلن", "نقل", "بلغ", "جاء", "اتي",
    "سدد", "فصل", "خرج", "خلف", "حرم", "علم", "ساعد", "تحدث", "اسفر", "استانف", "قبل",
})


# Verb|object pairs (normalised; an empty object is the verb alone) checked and found
# wrong: «سأل» alone is asking a question, not a request; catch-all synonym sets.
DENY_PAIRS = frozenset({
    "سال|", "سال|حكومه", "سال|ناس", "سال|وجود", "سال|تقارب", "سال|ترخيص", "سال|تفويض",
    "سال|توضيح", "سال|تاكيدات", "سال|معلومات", "سال|تحقيق", "وفر|مالي", "وفر|دولار",
    "سال|لمحاكمه",
})
MAX_SYNONYMS = 12  # larger synonym sets (currencies, every weapon) are not a cue


@dataclass
class Candidate:
    past: str  # as PETRARCH writes it
    particle: str | None
    code: str
    obj: tuple[str, ...] = ()  # object word alternatives (empty: the verb alone)
    glosses: frozenset[str] = frozenset()  # English glosses of the verb(s) in PETRARCH

    def trusted(self) -> bool:
        return bool(self.glosses & GLOSSES.get(self.code[:2], frozenset()))


def plover(code: str) -> tuple[str, str] | None:
    for n in range(len(code), 1, -1):
        if code[:n] in CAMEO_TO_PLOVER:
            return CAMEO_TO_PLOVER[code[:n]]
    return None


def infer_present(past: str) -> str | None:
    """The present third person masculine singular of a past stem, or None if unsure."""
    if len(past) < 3:
        return None
    if past.startswith("است") and len(past) >= 6:
        return "ي" + past[1:]
    if past[0] in "اإأ" and len(past) >= 5:  # VII, VIII
        return "ي" + past[1:]
    if past[0] == "أ" and len(past) == 4:  # IV
        return "ي" + past[1:]
    if past[0] in "اأإآ" or past.endswith(("ا", "ى")) or (len(past) == 3 and past[1] == "ا"):
        return None  # hamzated first radical, weak verbs: not guessed
    return "ي" + past


_SYNSET = re.compile(r"^&([A-Z_]+)\s*$")
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([-\d]+)\]\s+---")
_VERB = re.compile(r"^([^-#\s][^#\[]*?)\s*(?:\[(\d+)\])?\s*(?:#(.*))?$")
_PATTERN = re.compile(r"^-\s*(.*?)\s*\[(\d+)\]\s*(?:#\s*(.*))?$")
_FUNCTION = frozenset({"ب", "ل", "ك", "من", "في", "على", "إلى", "الى", "عن", "مع", "ضد",
                       "قبل", "بعد", "حول", "نحو", "ال"})


def parse(path: Path) -> list[Candidate]:
    lines = path.read_text(encoding="utf-8").splitlines()
    synsets: dict[str, list[str]] = defaultdict(list)
    current: str | None = None
    out: list[Candidate] = []
    block_code: str | None = None
    glosses: dict[str, set[str]] = defaultdict(set)  # verb of the current block → glosses
    in_verbs = False
    for raw in lines:
        line = raw.strip()
        if "VERB PATTERNS" in line:
            in_verbs = True
            current = None
            continue
        if not in_verbs:
            m = _SYNSET.match(line)
            if m:
                current = m.group(1)
            elif current and line.startswith("+"):
                synsets[current].append(line[1:].strip("_").replace("_", " "))
            continue
        if not line:
            continue
        m = _BLOCK.match(line)
        if m:
            block_code = m.group(2) if m.group(2) != "---" else None
            glosses = defaultdict(set)
            continue
        m = _PATTERN.match(line)
        if m:
            body, code, verbs = m.group(1), m.group(2), m.group(3) or ""
            obj = _object(body, synsets)
            if obj is None:
                continue
            for v in (v.strip() for v in verbs.split(",")):
                if v and "_" not in v and " " not in v:
                    past, _, particle = v.partition("+")
                    own = frozenset(glosses.get(normalize_str(past), set()))
                    out.append(Candidate(past, particle or None, code, obj, own))
            continue
        m = _VERB.match(line)
        if m and not line.startswith("-"):
            form, code = m.group(1).strip(), m.group(2) or block_code
            gloss = frozenset(g.strip().lower() for g in (m.group(3) or "").split(",")
                              if g.strip())
            past, _, particle = form.partition("+")
            glosses[normalize_str(past)] |= gloss
            if " " in form or not form:
                continue
            if code is not None:
                out.append(Candidate(past, particle or None, code, (), gloss))
    return out


def _object(body: str, synsets: dict[str, list[str]]) -> tuple[str, ...] | None:
    """The object alternatives of a pattern ``* word`` (one content word or a synonym set)."""
    if not body.startswith("*"):
        return None
    words = [w for w in re.split(r"[\s(){}]+", body[1:]) if w]
    content = [w for w in words if w not in _FUNCTION]
    if len(content) != 1:
        return None
    w = content[0]
    if w.startswith("&"):
        alts = [a for a in synsets.get(w[1:], []) if " " not in a]
        return tuple(dict.fromkeys(alts)) or None
    if not re.fullmatch(r"[\u0621-\u064A]+", w) or len(w) < 3:
        return None
    return (w,)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="CAMEO.ar.0.5.txt")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-count", type=int, default=20)
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the output file is not what would be written")
    args = ap.parse_args()

    vocab: dict[str, int] = defaultdict(int)
    for form, n in load_vocab().items():
        vocab[normalize_str(form)] += n
    hand = build(tuple(f for f in load_json(INDEX)["files"] if f != OUT.name))
    hand_forms = set(hand.index)

    rows: dict[tuple[str, str, tuple[str, ...]], tuple[str, str, str, str, float]] = {}
    dropped: defaultdict[str, int] = defaultdict(int)
    for c in parse(args.source):
        past = normalize_light(c.past.replace("ـ", ""))
        mapped = plover(c.code)
        if mapped is None:
            dropped["not a PLOVER code"] += 1
            continue
        if not c.trusted():
            dropped["code disagrees with the gloss"] += 1
            continue
        key = normalize_str(past)
        pair = f"{key}|{normalize_str(c.obj[0]) if c.obj else ''}"
        if key in DENY or pair in DENY_PAIRS or len(c.obj) > MAX_SYNONYMS:
            dropped["denied"] += 1
            continue
        present = infer_present(past)
        if present is None:
            dropped["present not inferred"] += 1
            continue
        pa, pr = verb_forms(past, present)
        fem = normalize_str(past + "ت")
        if min(vocab.get(key, 0), vocab.get(fem, 0), vocab.get(normalize_str(present), 0)) \
                < args.min_count:
            dropped["not attested"] += 1
            continue
        if (pa | pr) & hand_forms:
            dropped["verb in the hand-written lexicon"] += 1
            continue
        if c.obj and not any(vocab.get(normalize_str(o), 0) + vocab.get(normalize_str("ال" + o), 0)
                             >= args.min_count for o in c.obj):
            dropped["object not attested"] += 1
            continue
        event, mode = mapped
        if mode and mode not in MODES[event]:
            mode = ""
        pattern = f"V:{past}/{present}"
        if c.particle:
            proclitic = normalize_str(c.particle) in ("ب", "ل", "ك")
            pattern += f" P:{c.particle}" if proclitic else f" *2 W:{c.particle}"
        weight = 0.3
        if c.obj:
            pattern += " *3 N:" + "|".join(c.obj)
            weight = 0.45
        k = (key, c.particle or "", tuple(normalize_str(o) for o in c.obj))
        if k not in rows:
            rows[k] = (event, mode, c.code, pattern, weight)
    lines = [
        "# PLOVER triggers derived from UniversalPetrarch's Arabic CAMEO verb dictionary",
        "# (openeventdata/UniversalPetrarch, branch arabic @ a0af422b, dictionaries/"
        "CAMEO.ar.0.5.txt;",
        "# MIT licence, (c) the UniversalPetrarch authors).",
        "# Generated by scripts/build_triggers.py: do not edit by hand. CAMEO codes mapped to",
        "# PLOVER as in spec/PLOVER.md; only verbs whose English gloss agrees with their code,",
        "# attested in the ANT corpus vocabulary and not in the hand-written files are kept.",
        "# Schema: see hadath/events/lexicon.py. Licence of this table: MIT (source) / Apache-2.0.",
        "# columns: id\tevent\tmode\tcameo\tpattern\troles\tprep\tweight",
    ]
    used: defaultdict[str, int] = defaultdict(int)
    for event, mode, code, pattern, weight in (
            row for _, row in sorted(rows.items(), key=lambda kv: (kv[1][0], kv[0]))):
        base = f"petrarch.{event.lower()}.{code}"
        used[base] += 1
        eid = f"{base}.{used[base]}"
        lines.append("\t".join([eid, event, mode or "-", code, pattern,
                                "subject=actor;object=recipient", "-", str(weight)]))
    text = "\n".join(lines) + "\n"
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            raise SystemExit(f"{args.out} is out of date: run scripts/build_triggers.py")
        print(f"{args.out} is up to date ({len(rows)} entries)")
        return
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(rows)} entries written to {args.out}")
    for why, n in sorted(dropped.items()):
        print(f"  dropped ({why}): {n}")


if __name__ == "__main__":
    main()
