"""The linker: entities with all their mentions, country, sector and title."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import hadath
from hadath.doc import Document, Entity

from ..conftest import SEED, needs_shared


@pytest.fixture(scope="module")
def linked() -> hadath.Pipeline:
    return hadath.load(["normalizer", "sentencizer", "tokenizer", "linker"])


@pytest.fixture(scope="module")
def full() -> hadath.Pipeline:
    return hadath.load()


def find(doc: Document, mention: str) -> Entity:
    hits = [e for e in doc.entities if any(m.text == mention for m in e.mentions)]
    assert len(hits) == 1, f"{mention!r} is in {len(hits)} entities: {doc.entities}"
    return hits[0]


@needs_shared
def test_seed_entities(linked: hadath.Pipeline, validate: Callable[[dict[str, Any]], None]
                       ) -> None:
    doc = linked(SEED.read_text(encoding="utf-8"), published="2024-06-13", id="seed-000")
    validate(doc.to_dict())
    rashid = find(doc, "عبد اللطيف رشيد")
    assert (rashid.type, rashid.country, rashid.sector) == ("PER", "IRQ", "GOV")
    assert {"رشيد", "رئيس الجمهورية"} <= {m.text for m in rashid.mentions}
    kani = find(doc, "علي باقري كني")
    assert (kani.country, kani.sector, kani.title) == (
        "IRN", "GOV", "وزير الخارجية الإيراني بالإنابة")
    assert {"باقري", "الوزير الإيراني"} <= {m.text for m in kani.mentions}
    hussein = find(doc, "فؤاد حسين")
    assert "نظيره العراقي" in {m.text for m in hussein.mentions}
    assert (hussein.country, hussein.sector) == ("IRQ", "GOV")
    iran = find(doc, "إيران")
    assert iran is find(doc, "الجمهورية الإسلامية الإيرانية")
    assert (iran.type, iran.subtype, iran.country, iran.name) == ("LOC", "GPE", "IRN", "إيران")
    palace = find(doc, "قصر بغداد")
    assert (palace.type, palace.subtype, palace.country) == ("LOC", "FAC", "IRQ")
    assert find(doc, "ألترا عراق").subtype == "MEDIA"
    for name in ("العراق", "غزة", "فلسطين", "إسرائيل"):
        find(doc, name)
    assert not any(m.text == "بيان" for e in doc.entities for m in e.mentions)
    assert not any(e.name == "الشعب العراقي" for e in doc.entities)


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # Knowledge-base roles are resolved as of the article's date.
        ("وصل وزير الخارجية المصري سامح شكري إلى عمان.", "سامح شكري", ("PER", "EGY", "GOV")),
        # Clitics stay out of the mention.
        ("وأعلنت وزارة الخارجية أن الوزير سيزور لبنان وبغداد.", "بغداد", ("LOC", "IRQ", None)),
        ("أكد مسؤول في الأمم المتحدة أن المساعدات وصلت.", "الأمم المتحدة", ("ORG", "UNO", "IGO")),
        ("أعلن حزب الله اللبناني أنه لن يشارك.", "حزب الله اللبناني", ("ORG", "LBN", "PTY")),
        ("رحبت حركة حماس بالقرار.", "حركة حماس", ("ORG", "PSE", "PTY")),
        ("قالت مصادر في مطار بيروت إن الرحلات توقفت.", "مطار بيروت", ("LOC", "LBN", None)),
        # a body said to be foreign takes no country from the article
        ("رفضت مالطا استقبال السفينة. وقالت حكومة مالطا إن منظمات غير حكومية أجنبية تشغل "
         "السفن.", "منظمات غير حكومية", ("ORG", None, "NGO")),
        # «فتح» inside a person's name is not Fatah
        ("وتتهم أنقرة الداعية فتح الله غولن بالضلوع في المحاولة الانقلابية.",
         "فتح الله غولن", ("PER", "TUR", "REL")),
        # A region the knowledge base knows is no country's, not the article's main one.
        ("أجرى وزير الخارجية الإيراني محادثات مع دول الخليج العربية في طهران.",
         "الخليج العربية", ("LOC", None, None)),
    ],
)
def test_linked_attributes(linked: hadath.Pipeline, text: str, mention: str,
                           expected: tuple[str, str | None, str | None]) -> None:
    doc = linked(text, published="2018-05-01")
    ent = find(doc, mention)
    assert (ent.type, ent.country, ent.sector) == expected
    for m in ent.mentions:
        assert doc.text[m.start:m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "وقال في بيان إن الاجتماع انتهى.",                      # بيان is also a town in Kuwait
        "تضم مجموعة دول الساحل الخمس خمس دول.",                # الخمس is also a town in Libya
        "وأكد تعاطف الشعب العراقي مع الضحايا.",                 # a people, not a named entity
    ],
)
def test_common_words_are_not_places(linked: hadath.Pipeline, text: str) -> None:
    doc = linked(text, published="2018-05-01")
    assert not [e for e in doc.entities if e.type == "LOC"], doc.entities


def test_small_town_needs_a_place_cue(linked: hadath.Pipeline) -> None:
    doc = linked("قتل ثلاثة مدنيين في القصير بريف حمص.", published="2018-05-01")
    assert any(e.name == "القصير" for e in doc.entities)


def test_a_surname_alone_joins_the_person(linked: hadath.Pipeline) -> None:
    doc = linked("استقبل الرئيس العراقي برهم صالح السفير. وقال صالح إن العلاقات جيدة.",
                 published="2019-03-01")
    salih = find(doc, "برهم صالح")
    assert [m.text for m in salih.mentions].count("صالح") == 1


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # A hashtag names what follows its #.
        ("عقد اجتماع غير رسمي في #بروكسل حول اللجوء.", "بروكسل", ("LOC", "BEL")),
        # The same entry inside a longer match is a mention too.
        ("أعلن تنظيم داعش مسؤوليته عن الهجوم.", "داعش", ("ORG", None)),
        # A country inside an organisation's name.
        ("اتهمت مصادر التحالف العسكري بقيادة السعودية بشن الهجوم.", "السعودية",
         ("LOC", "SAU")),
        # A match that starts later but reaches further wins.
        ("استقبل الشيخ تميم بن حمد آل ثاني الوفد.", "تميم بن حمد آل ثاني", ("PER", "QAT")),
        # A ministry named without a country takes the article's main country.
        ("وصل الوزير إلى بغداد. وقالت وزارة الصحة في بغداد إن العراق سجل إصابات.",
         "وزارة الصحة", ("ORG", "IRQ")),
        # Peru with the article
        ("رغم أن البيرو سيطرت على المباراة.", "البيرو", ("LOC", "PER")),
        # «عمان»: Amman where the article names Jordan and not Oman, else Oman
        ("التقت ميركل العاهل الأردني الملك عبد الله الثاني في عمان.", "عمان", ("LOC", "JOR")),
        ("وصل وزير الخارجية المصري إلى عمان لبحث العلاقات مع الأردن.", "عمان",
         ("LOC", "JOR")),
        ("وصل وزير الخارجية العماني يوسف بن علوي إلى عمان.", "عمان", ("LOC", "OMN")),
        ("وصل الوزير إلى عمان.", "عمان", ("LOC", "OMN")),
    ],
)
def test_more_names(linked: hadath.Pipeline, text: str, mention: str,
                    expected: tuple[str, str | None]) -> None:
    ent = find(linked(text, published="2018-06-01"), mention)
    assert (ent.type, ent.country) == expected


@pytest.mark.parametrize(
    "text",
    [
        "قال المسؤول السوداني إن المفاوضات مستمرة.",  # a nisba, not Mohammed al-Sudani
        "أكدت الحكومة أن القرار نهائي.",               # a lone «الحكومة» names nothing
        "أبدى وزراء مالية منطقة اليورو تفاؤلا.",          # finance, not Malé («ماليه»)
        "اعتصم المتظاهرون في ميدان التحرير.",              # a square, not Medan
        "وانتقدت الطالبة تبرعات لوبي السلاح.",              # a lobby, not a Chinese town
    ],
)
def test_no_entity(linked: hadath.Pipeline, text: str) -> None:
    assert linked(text, published="2018-06-01").entities == []


def test_offices_named_without_a_person_resolve_to_the_holder(linked: hadath.Pipeline) -> None:
    doc = linked("أجرى وزير الخارجية الأردني اتصالا هاتفيا مع نظيره المصري. "
                 "وأعرب الوزير المصري عن تقديره.", published="2024-03-05")
    safadi = find(doc, "وزير الخارجية الأردني")
    shoukry = find(doc, "نظيره المصري")
    assert (safadi.name_en, safadi.country, safadi.sector) == ("Ayman Safadi", "JOR", "GOV")
    assert shoukry.name_en == "Sameh Shoukry"
    assert shoukry is find(doc, "الوزير المصري")


@pytest.mark.parametrize(("text", "mention", "name_en"), [
    # the one it is the counterpart of is the subject of the sentence before
    ("وصل وزير الخارجية المصري سامح شكري إلى باريس. والتقى نظيرته الفرنسية.",
     "نظيرته الفرنسية", "Catherine Colonna"),
    ("وصل وزير الخارجية المصري سامح شكري إلى باريس. والتقى نظيره الفرنسي.",
     "نظيره الفرنسي", "Catherine Colonna"),
    # the name right after the counterpart phrase
    ("والتقى بومبيو نظيره التركي مولود تشاوش أوغلو.", "نظيره التركي", "Mevlüt Çavuşoğlu"),
])
def test_counterparts(linked: hadath.Pipeline, text: str, mention: str, name_en: str) -> None:
    e = find(linked(text, published="2023-06-01"), mention)
    assert e.name_en == name_en and e.sector == "GOV"


@pytest.mark.parametrize(("text", "mention", "country", "sector"), [
    # «زعيم»: a state's leader, or what its genitive leads
    ("يلتقي ترامب الزعيم الكوري الشمالي كيم جونغ أون في سنغافورة.", "الزعيم الكوري الشمالي",
     "PRK", "GOV"),
    ("وأمر زعيم تنظيم داعش أبو بكر البغدادي بإعدام مسلحين.", "زعيم تنظيم داعش", "IRQ", "REB"),
    ("وقال زعيم جماعة الحوثي عبد الملك الحوثي إن الحرب مستمرة.", "زعيم جماعة الحوثي", "YEM",
     "REB"),
    ("وقال زعيم حزب الله حسن نصر الله إن الحزب جاهز.", "زعيم حزب الله", "LBN", "PTY"),
])
def test_leaders(text: str, mention: str, country: str, sector: str) -> None:
    doc = hadath.load()(text, published="2018-06-11")  # (with NER: the names)
    e = find(doc, mention)
    assert (e.country, e.sector) == (country, sector)


def test_hungarian_and_no_apposition_across_a_preposition() -> None:
    # «المجري» with the article is Hungarian («مجرى», course, is written without it); the
    # title after «ميركل» is in a prepositional phrase, not her title
    doc = hadath.load()("وأشادت ميركل برئيس الوزراء المجري، فيكتور أوربان.",
                        published="2018-08-19")
    orban = find(doc, "رئيس الوزراء المجري")
    assert (orban.country, orban.sector) == ("HUN", "GOV")
    assert find(doc, "ميركل").title != "رئيس الوزراء المجري"


@pytest.mark.parametrize(("text", "mention", "name_en"), [
    ("قال الرئيس الكوري الجنوبي إن الحوار مستمر.", "الرئيس الكوري الجنوبي", "Moon Jae-in"),
    ("وصل الزعيم الكوري الشمالي إلى بكين.", "الزعيم الكوري الشمالي", "Kim Jong Un"),
])
def test_korean_leaders_of_the_day(linked: hadath.Pipeline, text: str, mention: str,
                                   name_en: str) -> None:
    assert find(linked(text, published="2019-03-01"), mention).name_en == name_en


def test_counterpart_nobody_knows_is_no_entity(linked: hadath.Pipeline) -> None:
    # (an unnamed office-holder for the events layer: tests/events/test_coder.py)
    doc = linked("التقى وزير الخارجية المصري سامح شكري نظيره الألماني في القاهرة.",
                 published="2023-06-01")
    assert not any(m.text == "نظيره الألماني" for e in doc.entities for m in e.mentions)


def test_apposed_title_of_another_country_is_someone_else(linked: hadath.Pipeline) -> None:
    doc = linked("التقى وزير الخارجية المصري سامح شكري وزير الخارجية الألماني في القاهرة.",
                 published="2023-06-01")
    assert "وزير الخارجية الألماني" not in {m.text for m in find(doc, "سامح شكري").mentions}
    # but an international official's title names the country they serve in
    doc = linked("وقال رئيس بعثة الأمم المتحدة في ليبيا برناردينو ليون إن الحوار مستمر.",
                 published="2015-06-01")
    assert "رئيس بعثة الأمم المتحدة في ليبيا" in {
        m.text for m in find(doc, "برناردينو ليون").mentions}
    # and after the name, with no comma
    doc = linked("وقال برناردينو ليون رئيس بعثة الأمم المتحدة في ليبيا إن الحوار مستمر.",
                 published="2015-06-01")
    leon = find(doc, "برناردينو ليون")
    assert "رئيس بعثة الأمم المتحدة في ليبيا" in {m.text for m in leon.mentions}
    assert leon.country == "UNO"


@pytest.mark.parametrize(("text", "mention", "name_en"), [
    # a short title for the office the knowledge base calls «رئيس الجمهورية» / «الملك»
    ("وانتقد الرئيس التركي الولايات المتحدة.", "الرئيس التركي", "Recep Tayyip Erdoğan"),
    ("وقال العاهل السعودي إن المملكة لن تسمح بذلك.", "العاهل السعودي", "King Salman bin Abdulaziz"),
    # «المرشد» / «مرشد الثورة» for the office the knowledge base calls «المرشد الأعلى»
    ("وقال المرشد الإيراني إن بلاده لن تتراجع.", "المرشد الإيراني", "Ali Khamenei"),
    ("وحذر مرشد الثورة الإيراني من الحرب.", "مرشد الثورة الإيراني", "Ali Khamenei"),
])
def test_short_titles_resolve_to_the_holder(linked: hadath.Pipeline, text: str, mention: str,
                                            name_en: str) -> None:
    ent = find(linked(text, published="2018-08-01"), mention)
    assert (ent.name_en, ent.sector) == (name_en, "GOV")


@pytest.mark.parametrize(("published", "name_en"), [
    ("2025-06-01", "Ali Khamenei"),
    ("2026-06-01", "Mojtaba Khamenei"),  # the holder of the article's day
])
def test_a_short_title_resolves_to_the_holder_of_the_day(linked: hadath.Pipeline,
                                                        published: str, name_en: str) -> None:
    doc = linked("وقال المرشد الإيراني إن بلاده لن تتراجع.", published=published)
    assert find(doc, "المرشد الإيراني").name_en == name_en


def test_the_brotherhood_s_general_guide_is_no_head_of_state(linked: hadath.Pipeline) -> None:
    doc = linked("وقال المرشد العام لجماعة الإخوان المسلمين محمد بديع إن الجماعة لن تشارك.",
                 published="2012-06-01")
    badie = find(doc, "محمد بديع")
    assert badie.country == "EGY" and badie.sector != "GOV"


def test_a_portfolio_between_title_and_nisba(linked: hadath.Pipeline) -> None:
    from hadath.actors.kb import KnowledgeBase
    from hadath.actors.mentions import Scanner

    doc = hadath.load(["normalizer", "sentencizer", "tokenizer"])(
        "وقال وزير الخزانة الأمريكي ستيفن منوتشين إن العقوبات ستستمر.")
    title = Scanner(KnowledgeBase.default(), doc.tokens, doc.text).title_at(1)
    assert title is not None
    assert (doc.text[title.start:title.end], title.country, title.sector) == (
        "وزير الخزانة الأمريكي", "USA", "GOV")


def test_a_title_with_its_country_in_a_phrase_before_the_name() -> None:
    """«وزير الداخلية اليميني المتطرف في إيطاليا ماتيو سالفيني»: no comma, a place
    phrase, and modifiers between the title and the name (NER finds the name)."""
    doc = hadath.load()("ومنذ يونيو يرفض وزير الداخلية اليميني المتطرف في إيطاليا ماتيو "
                        "سالفيني استقبال سفن الإنقاذ.", published="2018-08-14")
    ent = find(doc, "ماتيو سالفيني")
    assert (ent.country, ent.sector) == ("ITA", "GOV")


def test_a_former_office_holder_has_no_sector(linked: hadath.Pipeline) -> None:
    # named: not the sector of the office the title says he left
    doc = linked("وقال رئيس الوزراء القطري السابق حمد بن جاسم إن الأزمة ستطول.",
                 published="2018-08-01")
    assert (find(doc, "حمد بن جاسم").country, find(doc, "حمد بن جاسم").sector) == ("QAT", None)
    # unnamed: not the prime minister of the day, and no genitive after it
    doc = linked("وانتقد رئيس الوزراء القطري السابق الحكومة الأردنية.", published="2018-08-01")
    assert [(e.name, e.country, e.sector) for e in doc.entities] == [
        ("الحكومة الأردنية", "JOR", "GOV")]


def test_the_lead_place_weighs_in_the_main_country() -> None:
    """«هجوم … في الهند قرب الحدود مع باكستان»: the lead says where it happened, so an
    official named without a country is India's though Pakistan is named more often;
    gunmen get no nationality the text does not give."""
    import hadath.events.coder  # registers the component

    nlp = hadath.load(["normalizer", "sentencizer", "tokenizer", "timex", "linker", "quotes",
                       "events"])
    doc = nlp("أسفر هجوم شنه مسلحون على مركز للشرطة في الهند قرب الحدود مع باكستان عن "
              "سقوط خمسة قتلى. وتتهم الهند باكستان بدعم المسلحين. ونفت باكستان ذلك "
              "وقالت إن باكستان ضحية. ودان مسؤول حكومي الهجوم الذي شنه مسلحون.",
              published="2015-07-27")
    (ev,) = [ev for ev in doc.events if ev.trigger.text == "دان"]
    assert [(a.country, a.sector) for a in ev.actor] == [("IND", "GOV")]
    assert [(a.country, a.sector) for a in ev.recipient] == [(None, "REB")]


def test_a_month_in_a_date_is_no_entity() -> None:
    """«في 9 و10 نيسان/أبريل»: the month, not the carmaker the tagger may see."""
    doc = hadath.load()("يتوجه ولي العهد السعودي الأمير محمد بن سلمان إلى فرنسا في 9 و10 "
                        "نيسان/أبريل في زيارة رسمية.", published="2018-04-05")
    assert not [e for e in doc.entities if e.name == "نيسان"]


def test_a_town_that_is_a_named_persons_surname_is_the_person(linked: hadath.Pipeline) -> None:
    """«برناردينو ليون» … «وأكد ليون»: the envoy, not Lyon."""
    doc = linked("وأعرب المبعوث الأممي برناردينو ليون عن ترحيبه بالاتفاق. وأكد ليون أن الوقت قد "
                 "حان.", published="2015-08-10")
    assert not [e for e in doc.entities if e.type == "LOC" and e.name == "ليون"]


def test_a_tagged_span_joining_two_known_names_keeps_them_apart(
        linked: hadath.Pipeline) -> None:
    """NER may tag «منظمة التعاون الإسلامي والبرلمان العربي» as one organisation: the
    knowledge base's two names stay two entities."""
    from hadath.doc import Entity, Mention

    text = "ودانت كل من منظمة التعاون الإسلامي والبرلمان العربي الهجوم."
    pre = hadath.load(["normalizer", "sentencizer", "tokenizer"])
    doc = pre(text, published="2018-07-26")
    start = text.index("منظمة")
    end = text.index(" الهجوم")
    doc.entities = [Entity(id="n1", type="ORG", name=text[start:end],
                           mentions=[Mention(start, end, text[start:end])])]
    doc = linked.components[-1](doc)
    names = {e.name for e in doc.entities}
    assert {"منظمة التعاون الإسلامي", "البرلمان العربي"} <= names
    assert text[start:end] not in names


@pytest.mark.parametrize(("text", "published", "mention", "kb_id", "country", "sector"), [
    # a common name links to the office-holder only when a title of theirs confirms it
    ("سجل اللاعب محمد مصطفى هدفين في مباراة الأهلي أمس.", "2024-06-10", "محمد مصطفى",
     None, None, None),
    ("قال رئيس الوزراء الفلسطيني محمد مصطفى إن الحكومة ستعمل على إعادة الإعمار.",
     "2024-06-10", "محمد مصطفى", "person:mohammad_mustafa", "PSE", "GOV"),
    ("قال محمد مصطفى، رئيس الوزراء الفلسطيني، إن الحكومة ستعمل على إعادة الإعمار.",
     "2024-06-10", "محمد مصطفى", "person:mohammad_mustafa", "PSE", "GOV"),
    # a title of another sector or country confirms nothing
    ("قال الطبيب محمد إبراهيم إن المستشفى استقبل عشرات المصابين.", "2014-06-10",
     "محمد إبراهيم", None, None, "CVL"),
    ("قال وزير الداخلية الأردني محمد إبراهيم إن الحدود آمنة.", "2014-06-10",
     "محمد إبراهيم", None, "JOR", "GOV"),
    ("أعلن وزير الداخلية المصري محمد إبراهيم القبض على خلية.", "2014-06-10",
     "محمد إبراهيم", "person:mohamed_ibrahim", "EGY", "GOV"),
    # one confirmed mention confirms the others
    ("أعلن وزير الداخلية المصري محمد إبراهيم القبض على خلية. وأضاف محمد إبراهيم أن التحقيق "
     "مستمر.", "2014-06-10", "وزير الداخلية المصري", "person:mohamed_ibrahim", "EGY", "GOV"),
    # a longer name that starts with a common one is no more the office-holder
    ("وقال محمد مصطفى الشيخ، وهو مهندس في القاهرة، إن المشروع تأخر.", "2024-06-10",
     "محمد مصطفى", None, "EGY", None),
    # names that are not common link as before
    ("وصل فؤاد حسين إلى طهران.", "2024-06-10", "فؤاد حسين", "person:fuad_hussein", "IRQ", "GOV"),
])
def test_common_names_need_a_title(linked: hadath.Pipeline, text: str, published: str,
                                   mention: str, kb_id: str | None, country: str | None,
                                   sector: str | None) -> None:
    ent = find(linked(text, published=published), mention)
    assert (ent.kb_id, ent.country, ent.sector) == (kb_id, country, sector)


@pytest.mark.parametrize(("text", "mention"), [
    # a longer name found by NER around a surname the knowledge base knows is someone else
    ("وقال وزير البيئة اللبناني محمد المشنوق إن الخطة جاهزة.", "محمد المشنوق"),
    ("التقى الرئيس العراقي فؤاد معصوم بممثل المرجعية عبد المهدي الكربلائي.",
     "عبد المهدي الكربلائي"),
])
def test_a_longer_name_around_a_surname_is_someone_else(text: str, mention: str) -> None:
    ent = find(hadath.load()(text, published="2016-06-10"), mention)
    assert ent.kb_id is None


@pytest.mark.parametrize(("text", "kb_id"), [
    # the surname alone would name Nohad al-Machnouk; the full name says it is someone else
    ("وقال وزير البيئة اللبناني محمد المشنوق إن الخطة جاهزة. وأضاف المشنوق أن التنفيذ "
     "يبدأ الشهر المقبل.", None),
    ("وقال وزير الداخلية اللبناني نهاد المشنوق إن الخطة جاهزة. وأضاف المشنوق أن التنفيذ "
     "يبدأ الشهر المقبل.", "person:nohad_machnouk"),
])
def test_a_surname_joins_the_full_name_written(text: str, kb_id: str | None) -> None:
    ent = find(hadath.load()(text, published="2016-06-10"), "المشنوق")
    assert ent.kb_id == kb_id and (ent.country, ent.sector) == ("LBN", "GOV")


def test_a_title_that_opens_a_new_item_of_a_list_is_not_the_name_before_it() -> None:
    """«سلفاكير ميرديت، وزعيم المعارضة المسلحة ريك مشار»: the title after «، و» is the
    next name's, not an apposition to the one before."""
    doc = hadath.load()("أعلن السودان انعقاد مباحثات بين رئيس جنوب السودان سلفاكير ميرديت، "
                        "وزعيم المعارضة المسلحة ريك مشار، الاثنين القادم بالخرطوم.",
                        published="2018-06-21")
    kiir, machar = find(doc, "سلفاكير ميرديت"), find(doc, "ريك مشار")
    assert "زعيم المعارضة المسلحة" not in {m.text for m in kiir.mentions}
    assert "زعيم المعارضة المسلحة" in {m.text for m in machar.mentions}
    assert (kiir.sector, machar.sector) == ("GOV", "REB")


@pytest.mark.parametrize(("text", "mention", "name_en"), [
    # titles that take their body with «ل» resolve to its head of the day
    ("وقال الأمين العام للأمم المتحدة إن الوضع خطير.", "الأمين العام للأمم المتحدة",
     "António Guterres"),
    ("وقال الأمين العام لحلف شمال الأطلسي إن الحلف موحد.", "الأمين العام لحلف شمال الأطلسي",
     "Jens Stoltenberg"),
    ("وقال الأمين العام للجامعة العربية إن القمة ستعقد.", "الأمين العام للجامعة العربية",
     "Ahmed Aboul Gheit"),
    ("وقال المدير العام للوكالة الدولية للطاقة الذرية إن إيران لم تتعاون.",
     "المدير العام للوكالة الدولية للطاقة الذرية", "Rafael Grossi"),
    # a head word for another: «زعيم» of a body whose head is its «الأمين العام»
    ("وقال زعيم حزب الله إن المقاومة مستمرة.", "زعيم حزب الله", "Hassan Nasrallah"),
])
def test_an_unnamed_head_of_a_body_is_its_head_of_the_day(linked: hadath.Pipeline, text: str,
                                                         mention: str, name_en: str) -> None:
    assert find(linked(text, published="2020-08-01"), mention).name_en == name_en


def test_a_title_followed_by_l_and_a_channel_does_not_head_it(full: hadath.Pipeline) -> None:
    doc = full("وقال وزير الخارجية لقناة الجزيرة إن الوضع خطير.", published="2020-08-01")
    assert all("الجزيرة" not in m.text for e in doc.entities if e.type == "PER"
               for m in e.mentions)


def test_the_deputy_of_a_body_is_not_its_head(linked: hadath.Pipeline) -> None:
    doc = linked("وقال نائب الأمين العام لحزب الله إن المقاومة مستمرة.", published="2020-08-01")
    assert find(doc, "نائب الأمين العام لحزب الله").name_en == "Naim Qassem"


@pytest.mark.parametrize(("text", "mention", "published", "name_en"), [
    # synonyms of an office's name, tried in turn
    ("وقال الرئيس الفلسطيني إن المقاومة مستمرة.", "الرئيس الفلسطيني", "2020-08-01",
     "Mahmoud Abbas"),
    ("وقال رئيس الحكومة الإسرائيلية إن الجيش مستعد.", "رئيس الحكومة الإسرائيلية", "2020-08-01",
     "Benjamin Netanyahu"),
    ("وقال رئيس مجلس النواب اللبناني إن الحكومة ستتشكل.", "رئيس مجلس النواب اللبناني",
     "2020-08-01", "Nabih Berri"),
    ("وقال رئيس هيئة الأركان الإسرائيلي إن الجيش مستعد.", "رئيس هيئة الأركان الإسرائيلي",
     "2020-08-01", "Aviv Kochavi"),
    # a role whose title adds the country's nisba, or a complement with «ل»
    ("وقال رئيس مجلس النواب الليبي إن الحوار مستمر.", "رئيس مجلس النواب الليبي", "2020-08-01",
     "Aguila Saleh Issa"),
    # a feminine head; a region the base curates; a body's politburo
    ("وقالت رئيسة المفوضية الأوروبية إن الاتحاد موحد.", "رئيسة المفوضية الأوروبية",
     "2020-08-01", "Ursula von der Leyen"),
    ("وقال رئيس إقليم كردستان إن الاستفتاء قائم.", "رئيس إقليم كردستان", "2017-08-01",
     "Masoud Barzani"),
    ("وقال رئيس إقليم كردستان إن الاستفتاء قائم.", "رئيس إقليم كردستان", "2020-08-01",
     "Nechirvan Barzani"),
    ("وقال رئيس المكتب السياسي لحركة حماس إن المقاومة مستمرة.",
     "رئيس المكتب السياسي لحركة حماس", "2020-08-01", "Ismail Haniyeh"),
    # an office there is one of needs no country
    ("وقال المرشد الأعلى إن الاستفتاء قائم.", "المرشد الأعلى", "2020-08-01", "Ali Khamenei"),
    # an international office that names the country («إلى سوريا»)
    ("وقال المبعوث الأممي إلى سوريا إن الحوار مستمر.", "المبعوث الأممي إلى سوريا", "2016-08-01",
     "Staffan de Mistura"),
    ("وقال المبعوث الدولي إلى سوريا إن الحوار مستمر.", "المبعوث الدولي إلى سوريا", "2020-08-01",
     "Geir Pedersen"),
    # the head word before a body, whatever the title phrase took of it
    ("وقال قائد الجيش الوطني الليبي إن الحوار مستمر.", "قائد الجيش الوطني الليبي",
     "2018-08-01", "Khalifa Haftar"),
    ("وقال قائد الحرس الثوري الإيراني إن الحوار مستمر.", "قائد الحرس الثوري", "2018-08-01",
     "Mohammad Ali Jafari"),
    # a title that names its country itself
    ("وقال خادم الحرمين الشريفين إن الحوار مستمر.", "خادم الحرمين الشريفين", "2012-08-01",
     "King Abdullah bin Abdulaziz"),
    ("وقال خادم الحرمين الشريفين إن الحوار مستمر.", "خادم الحرمين الشريفين", "2015-08-01",
     "King Salman bin Abdulaziz"),
    # the deputy crown prince is not the crown prince
    ("وقال ولي ولي العهد السعودي إن الحوار مستمر.", "ولي ولي العهد السعودي", "2016-08-01",
     "Mohammed bin Salman"),
    ("وقال ولي العهد السعودي إن الحوار مستمر.", "ولي العهد السعودي", "2016-08-01",
     "Muhammad bin Nayef"),
    # «رئيس وزراء قطر»: the office is «رئيس الوزراء», not «رئيس»
    ("وقال رئيس وزراء العراق إن الحوار مستمر.", "رئيس وزراء العراق", "2018-08-01",
     "Haider al-Abadi"),
    # a body of no country: its head of the day, not the one «زعيم» of a country
    ("وقال زعيم تنظيم داعش إن الحوار مستمر.", "زعيم تنظيم داعش", "2018-08-01",
     "Abu Bakr al-Baghdadi"),
    ("وقال زعيم تنظيم داعش إن الحوار مستمر.", "زعيم تنظيم داعش", "2021-08-01",
     "Abu Ibrahim al-Hashimi al-Qurashi"),
])
def test_more_unnamed_titles_resolve_to_the_holder_of_the_day(
        full: hadath.Pipeline, text: str, mention: str, published: str, name_en: str) -> None:
    assert find(full(text, published=published), mention).name_en == name_en


def test_a_title_many_countries_have_needs_its_country(full: hadath.Pipeline) -> None:
    doc = full("وقال رئيس الوزراء إن الاستفتاء قائم.", published="2020-08-01")
    assert find(doc, "رئيس الوزراء").kb_id is None
