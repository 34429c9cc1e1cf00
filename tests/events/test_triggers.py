"""Event triggers: the lexicon (inflection, validation) and the matcher on real Arabic news.

The sentences are from the ANT corpus (Al Arabiya, BBC Arabic, CNN Arabic,
France 24, Sky News Arabia, 2018), the dev articles and the seed.

Decisions the tables document:

* «قال» and other plain statement verbs are never triggers (PLOVER codes
  speech only when it does something: praise, demand, condemn …).
* «زيارة»/«زار» is a CONSULT trigger whoever visits; whether the visit is a
  political event (a minister, not a tourist) is for argument assignment to
  decide. Visits of museums, exhibitions, parks and beaches, and visits
  described as tourist, family or private visits, are no triggers at all.
* Football words are not filtered by the lexicon when they are real event
  words («الهجوم» of a team); argument assignment drops them for want of
  political actors. Fixed sports phrases are filtered: «ضربة جزاء», «خطف
  الفوز», «ضرب موعدا», «احتل المركز», «قمة الدوري».
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import hadath
from hadath import resources
from hadath.doc import Document
from hadath.errors import DataFileError
from hadath.events import EVENTS, Trigger, find_triggers
from hadath.events import lexicon as lexicon_module
from hadath.events.lexicon import lexicon, noun_forms, parse_pattern, verb_forms

from ..conftest import ROOT, SEED, SHARED, needs_shared

PETRARCH = SHARED / "data" / "petrarch" / "CAMEO.ar.0.5.txt"


@pytest.fixture(scope="module")
def nlp() -> hadath.Pipeline:
    return hadath.load(["normalizer", "sentencizer", "tokenizer"])


def triggers(nlp: hadath.Pipeline, text: str) -> tuple[Document, list[Trigger]]:
    doc = nlp(text, published="2018-06-01")
    return doc, find_triggers(doc)


def found(doc: Document, trigs: list[Trigger]) -> list[tuple[str, str]]:
    return [(t.event, doc.text[t.start:t.end]) for t in trigs]


# (sentence, PLOVER type, the trigger text it must contain)
POSITIVE = [
    # AGREE
    ("واتفق الزعماء اللبنانيون على التحرك على مستويات إقليمية ودولية.", "AGREE", "اتفق"),
    ("تم الاتفاق على عقد اجتماع الأحد في مدينة مكة المكرمة.", "AGREE", "تم الاتفاق"),
    ("وتعهدت موغيريني بتقديم مقترحات محددة حول هذا الموضوع.", "AGREE", "تعهدت"),
    ("وافقت وزارة الخارجية الاميركية يوم الاربعاء على بيع صواريخ باتريوت للسعودية.",
     "AGREE", "وافقت"),
    ("كما أبدى الرئيس استعداده لتسليح بعض الأساتذة في المدارس.", "AGREE", "أبدى"),
    ("واقترح غني وقف إطلاق النار وتبادل السجناء.", "AGREE", "اقترح"),
    ("وجّه الرئيس الأمريكي دونالد ترامب دعوة لأمير قطر لزيارة الولايات المتحدة.",
     "AGREE", "دعوة لأمير قطر لزيارة"),
    ("وقدم غني عرضا جديدا لعقد محادثات مع باكستان.", "AGREE", "قدم غني عرضا"),
    ("وأكدا حرصهما على تعزيز التعاون بين البلدين في مختلف المجالات.", "AGREE", "حرصهما"),
    ("فشلت اللجنة الثلاثية في التوصل إلى اتفاق بشأن سد النهضة.", "AGREE", "التوصل إلى اتفاق"),
    # CONSULT
    ("استقبل رئيس الجمهورية عبد اللطيف رشيد وزير الخارجية الإيراني.", "CONSULT", "استقبل"),
    ("استقبل الرئيس الكوبي راوول كاسترو الثلاثاء وفدا برلمانيا أميركيا.", "CONSULT", "استقبل"),
    ("ووصل علي باقري كني، صباح الخميس إلى العاصمة العراقية بغداد.", "CONSULT", "وصل"),
    ("والتقى رئيس دولة جنوب السودان سلفاكير ميرديت، الأربعاء، مع مشار في أديس أبابا.",
     "CONSULT", "التقى"),
    ("وفي الدوحة يلتقى كيري بأعضاء مجلس التعاون الخليجي.", "CONSULT", "يلتقى"),
    ("زار رئيس الوزراء العراقي حيدر العبادي أنقرة الثلاثاء.", "CONSULT", "زار"),
    ("ويقوم ولي العهد السعودي بزيارة رسمية إلى فرنسا في 9 و10 نيسان.", "CONSULT", "بزيارة"),
    ("العاهل السعودي أجرى اتصالات مع نظيره الأردني الملك عبد الله الثاني.",
     "CONSULT", "أجرى اتصالات"),
    ("واتفق بوتين وأردوغان، في اتصال هاتفي مساء الخميس، على أن القرار كان خاطئا.",
     "CONSULT", "اتصال هاتفي"),
    ("الوزير مايك بومبيو تحدث هاتفيا مع نظيره التركي مولود تشاوش أوغلو.",
     "CONSULT", "هاتفيا"),
    ("وتلقى الرئيس المصري اتصالا هاتفيا من العاهل الأردني.", "CONSULT", "تلقى"),
    ("بدأ جون كيري وزير الخارجية الاميركي محادثات مع دول الخليج العربية في قطر.",
     "CONSULT", "محادثات"),
    ("وقد بحثا عدم اتساع ساحة الحرب في المنطقة.", "CONSULT", "بحثا"),
    ("الجانبان ناقشا تطورات الأوضاع في فلسطين.", "CONSULT", "ناقشا"),
    ("وضم اجتماع اللجنة الثلاثية وزراء الخارجية والمياه.", "CONSULT", "اجتماع"),
    ("عقد الرئيس الفرنسي إيمانويل ماكرون مساء الاثنين قمة مصغرة مع قادة دول الساحل.",
     "CONSULT", "عقد"),
    ("الرئيس الفرنسي وولي العهد السعودي سيبحثان الأزمات الإقليمية.", "CONSULT", "سيبحثان"),
    ("وتحاول الكويت منذ أشهر إنجاح وساطتها لإنهاء الخلاف بين الدول الأعضاء.",
     "CONSULT", "وساطتها"),
    # SUPPORT
    ("كما أشاد الرئيس اليمني بالدور الذي تقوم به قوات التحالف.", "SUPPORT", "أشاد"),
    ("رحبت إسرائيل، الثلاثاء، بقرار الرئيس الأميركي دونالد ترمب.", "SUPPORT", "رحبت"),
    ('ونقل البيان عن باقري أنه "ثمّن اهتمام رئيس الجمهورية بتطوير العلاقات".',
     "SUPPORT", "ثمّن"),
    ("من جانبه، هنأ الشيخ سلطان بن سحيم آل ثاني بعودة الشيخ زايد.", "SUPPORT", "هنأ"),
    ("أهنئكم على النجاحات الكبيرة التي أحرزها الجيش السوري.", "SUPPORT", "أهنئكم"),
    ("وشكر الرئيس الأمريكي أمير قطر على قيادته.", "SUPPORT", "شكر"),
    ("أعرب الرئيس الروسي فلاديمير بوتين عن أسفه العميق لوقوع ضحايا.", "SUPPORT", "أسفه"),
    ("وأكدت المنامة وقوفها التام إلى جانب السعودية.", "SUPPORT", "وقوفها التام إلى جانب"),
    ("مع السلطات الفلبينية وقع أمس على مسودة اتفاقية لتشغيل العمالة المنزلية.",
     "SUPPORT", "وقع"),
    ("أكدت الحكومة تضامنها الكامل مع الجمهورية الإسلامية الإيرانية.", "SUPPORT", "تضامنها"),
    ("وأعرب رئيس البعثة عن ترحيبه بعودة المؤتمر الوطني إلى المحادثات.", "SUPPORT", "ترحيبه"),
    # CONCEDE
    ("اعتذر الرئيس الفلبيني رودريغو دوتيرتي، الأحد، عن استخدامه عبارات قاسية.",
     "CONCEDE", "اعتذر"),
    ("وأعلن الجيش وقف إطلاق النار في المنطقة لمدة ثلاثة أيام.", "CONCEDE", "أعلن"),
    ("وأصدر الرئيس عفوا عن 300 سجين بمناسبة العيد.", "CONCEDE", "عفوا"),
    ("وقررت الحكومة تخفيف القيود المفروضة على حركة التجارة.", "CONCEDE", "تخفيف القيود"),
    # COOPERATE
    ("تستعد الولايات المتحدة وكوريا الجنوبية لإجراء مناورات عسكرية مشتركة.",
     "COOPERATE", "مناورات عسكرية مشتركة"),
    ("وقال إن البلدين سيتعاونان في مكافحة الإرهاب.", "COOPERATE", "سيتعاونان"),
    ("ووافقت السلطات على تسليم المتهمين إلى الولايات المتحدة.", "COOPERATE", "تسليم المتهمين"),
    # AID
    ("أرسلت مصر، الأربعاء، مساعدات طبية وغذائية ومستلزمات إغاثية للسودان.", "AID", "أرسلت"),
    ("وأكد أنه سيتم تقديم مساعدات إنسانية بصورة عاجلة للأهالي العائدين.", "AID", "تقديم"),
    ("تقديم الاتحاد الأوروبي تبرعا ماليا بقيمة مليوني يورو.", "AID", "تقديم"),
    ("وكانت الولايات المتحدة قد عززت العام الماضي مساعدتها العسكرية لأفغانستان.",
     "AID", "عززت"),
    # RETREAT
    ("وانسحبت الولايات المتحدة من الاتفاق الشهر الماضي.", "RETREAT", "انسحبت"),
    ("أعلن التحالف أن ميليشيات الحوثي أفرجت عن السفينة بعد احتجازها.", "RETREAT", "أفرجت"),
    ("ثم أطلق سراحه ونقل إلى سفينة لاجئين في 2011.", "RETREAT", "أطلق سراحه"),
    ("أعلن المدعي العام لولاية نيويورك إريك شنايدرمان استقالته الاثنين.",
     "RETREAT", "استقالته"),
    ("وأدت هذه الاحتجاجات إلى استقالة حكومة هاني الملقي.", "RETREAT", "استقالة"),
    ("وقال إن على إيران سحب قواتها من سوريا.", "RETREAT", "سحب قواتها"),
    ("أعلنت مالطا الثلاثاء أنها أعطت الضوء الأخضر لرسو السفينة.", "RETREAT", "أعطت"),
    # REQUEST
    ("دعا المرجع الشيعي الأعلى في العراق علي السيستاني رئيس الوزراء إلى الإصلاح.",
     "REQUEST", "دعا"),
    ("وحث ماكرون ترمب على عدم الانسحاب.", "REQUEST", "حث"),
    ("وحض السيستاني في خطبة الجمعة الشعب على المشاركة.", "REQUEST", "حض"),
    ("ناشدت بريطانيا الرئيس الأميركي دونالد ترمب عدم الانسحاب من الاتفاق النووي.",
     "REQUEST", "ناشدت"),
    ("كما طالبهم بمحاسبة السياسيين عبر الانتخابات.", "REQUEST", "طالبهم"),
    ("وتطالب فتح والسلطة الفلسطينية بالتمكين الكامل لحكومة الحمد الله.", "REQUEST", "تطالب"),
    ('لافتًا إلى أن "على الأمريكيين أن يوقفوا دعم إسرائيل بالأسلحة".',
     "REQUEST", "على الأمريكيين أن"),
    ("وقال إن ترامب يرى أن على قطر أن تدفع ثمن وجود القوات الأمريكية.", "REQUEST", "على قطر أن"),
    ("طلب الاتحاد الأوروبي من إسرائيل مراجعة قراراتها الأخيرة.", "REQUEST", "طلب"),
    ("داعيا الشعب الأردني إلى الوثوق بالملك عبد الله الثاني.", "REQUEST", "داعيا"),
    ("وجدد البيان مطالبة مصر للمجتمع الدولي بضرورة الاضطلاع بدوره.", "REQUEST", "مطالبة"),
    ("وشدد الوزير على ضرورة احترام سيادة الدول.", "REQUEST", "شدد الوزير على ضرورة"),
    # ACCUSE
    ("واتهم واشنطن باستفزاز بيونغ يانغ عمدا.", "ACCUSE", "اتهم"),
    ("ويتهمها بمساعدة مهربي البشر.", "ACCUSE", "يتهمها"),
    ("ودانت كل من منظمة التعاون الإسلامي والبرلمان العربي الانتهاك الحوثي.",
     "ACCUSE", "دانت"),
    ("نددت الولايات المتحدة، الخميس، بالهجمات الصاروخية الاستفزازية.", "ACCUSE", "نددت"),
    ("واستنكرت حركة حماس التي تسيطر على القطاع الخطوة الإسرائيلية.", "ACCUSE", "استنكرت"),
    ("وشجب المرجع الشيعي ما وقع في الأسابيع الماضية.", "ACCUSE", "شجب"),
    ("انتقد الرئيس الفرنسي السياسات الأمريكية بشدة.", "ACCUSE", "انتقد"),
    ("ويحمل الجيش الإسرائيلي حركة حماس مسؤولية التصعيد الحالي.", "ACCUSE", "يحمل"),
    ("وأعربت الخارجية عن قلقها البالغ من التصعيد.", "ACCUSE", "أعربت"),
    ("ووجهت النيابة إلى المتهمين تهم القتل والتحريض.", "ACCUSE", "وجهت"),
    ("ويزعم شريف أن الجيش يساهم في عملية مطاردة ساحرات قانونية.", "ACCUSE", "يزعم"),
    ("إدانته في بيان أصدره للهجوم.", "ACCUSE", "إدانته"),
    # REJECT
    ("ورفضت وزارة الدفاع الأميركية التعليق على التشكيل الدقيق للقوات.", "REJECT", "رفضت"),
    ("ونفت روسيا بشدة لعب أي دور في تسميم الاثنين.", "REJECT", "نفت"),
    ("نافية وجود تنسيق بين بغداد وأنقرة بشأن تلك الضربات.", "REJECT", "نافية"),
    ("لكن الأخير ينفي أي صلة له بالأمر.", "REJECT", "ينفي"),
    ("واستخدمت روسيا حق النقض ضد مشروع القرار.", "REJECT", "النقض"),
    # THREATEN
    ("هددت إسرائيل اليوم الاثنين بشار الأسد بالقتل.", "THREATEN", "هددت"),
    ("وتوعد أردوغان باتخاذ خطوات لمنع تحول منطقة قنديل.", "THREATEN", "توعد"),
    ("مع تهديد الرئيس ترامب ونائبه مايك بنس بفرض عقوبات شديدة على تركيا.",
     "THREATEN", "تهديد"),
    ("ولوح ترامب بفرض رسوم إضافية على الواردات الصينية.", "THREATEN", "لوح"),
    # PROTEST
    ("بدأ الفلسطينيون إضرابا عاما في الضفة الغربية.", "PROTEST", "إضرابا"),
    ("اندلعت احتجاجات جديدة ضد الحكومة في بغداد والبصرة.", "PROTEST", "احتجاجات"),
    ("وخرج الآلاف اليوم الجمعة مجددا إلى الميادين الرئيسية.", "PROTEST", "خرج"),
    ("انضم آلاف إلى مظاهرة منافسة في كيمنتس نظمتها جماعات يسارية.", "PROTEST", "مظاهرة"),
    ("حيث احتشد فيها أكثر من عشرة آلاف من أنصار شريف.", "PROTEST", "احتشد"),
    ("وتجمّع آلاف الفلسطينيين بعد ظهر الجمعة على طول الحدود الشرقية للقطاع.",
     "PROTEST", "تجمّع"),
    ("آلاف الفلسطينيين شاركوا في أعمال شغب عنيفة.", "PROTEST", "شغب"),
    ("وأشار إلى أن هذا دفع نزلاء حولوت إلى البدء بإضراب عن الطعام.",
     "PROTEST", "بإضراب عن الطعام"),
    ("ونفذت رابطة أمهات المختطفين اعتصاما أمام مقر الأمم المتحدة.", "PROTEST", "اعتصاما"),
    # SANCTION
    ("قررت الولايات المتحدة فرض عقوبات على روسيا.", "SANCTION", "فرض عقوبات"),
    ("وبعد أيام فرضت الخزانة الأميركية عقوبات على رئيس المصرف المركزي الإيراني.",
     "SANCTION", "فرضت"),
    ("قضت محكمة مصرية الأحد بالسجن المؤبد بحق مرشد الإخوان المسلمين محمد بديع.",
     "SANCTION", "قضت"),
    ("وردت بطرد العدد ذاته من الدبلوماسيين الغربيين.", "SANCTION", "بطرد"),
    ("ومنذ إعلان الدول الأربع قطع العلاقات مع قطر.", "SANCTION", "قطع العلاقات"),
    ("وأعلنت المملكة تعليق جميع شحنات النفط الخام عبر باب المندب.", "SANCTION", "تعليق"),
    # MOBILIZE
    ("وحشدت فرنسا قرابة 110 آلاف من قوات الأمن خلال الاحتفالات.", "MOBILIZE", "حشدت"),
    ("انتشر الآلاف من أفراد الشرطة بعد ظهر اليوم الجمعة في وسط مدينة لاهور.",
     "MOBILIZE", "انتشر"),
    ("رفع الجيش الإسرائيلي حالة التأهب بالأراضي الفلسطينية.", "MOBILIZE", "رفع"),
    ("وعززت السلطات الكويتية اثر الاعتداء التدابير الأمنية حول المساجد.",
     "MOBILIZE", "عززت"),
    ("الجيش يخطط لنشر 371 ألفا من أفراد الأمن حول مراكز الاقتراع.", "MOBILIZE", "لنشر"),
    # COERCE
    ("اعتقلت الشرطة التركية، الجمعة، 150 جنديا.", "COERCE", "اعتقلت"),
    ("احتجزت ميليشيا الحوثي في محافظة إب شحنة أدوية إغاثية.", "COERCE", "احتجزت"),
    ("أفاد مصدر قضائي بأن الشرطة داهمت منزل منفذ الاعتداءات.", "COERCE", "داهمت"),
    ("وأعلنت قيادة عمليات البصرة إعادة فرض حظر التجول حتى إشعار آخر.",
     "COERCE", "حظر التجول"),
    ("وتمكنت من اعتقال الرابع وكان مصابا بجروح بليغة.", "COERCE", "اعتقال"),
    ("وتم القبض على هارون في ليبيا عام 2005.", "COERCE", "القبض على"),
    ("وأعلنت حالة الطوارئ في يوليو 2016.", "COERCE", "أعلنت حالة الطوارئ"),
    ("وقد وضعته قيد الإقامة الجبرية قبل أسبوع.", "COERCE", "الإقامة الجبرية"),
    # ASSAULT
    ("واستهدف الحوثيون ناقلتي نفط عملاقتين تابعتين للشركة الوطنية السعودية.",
     "ASSAULT", "استهدف"),
    ("أسفر هجوم شنه مسلحون على مركز للشرطة عن مقتل خمسة أشخاص.", "ASSAULT", "هجوم"),
    ("اختطفت ميليشيا الحوثي أكثر من 180 موظفا.", "ASSAULT", "اختطفت"),
    ("نفذت مقاتلات التحالف غارات جوية ضد مواقع للحوثيين في صنعاء.",
     "ASSAULT", "غارات جوية"),
    ("إثر تفجير عبوة ناسفة استهدفت دورية على الحدود.", "ASSAULT", "عبوة ناسفة"),
    ("في تفجير انتحاري وقع في العاصمة الأفغانية اليوم الاثنين.",
     "ASSAULT", "تفجير انتحاري"),
    ("أطلق مسلحون النار على استعراض عسكري بمدينة الأهواز.", "ASSAULT", "أطلق"),
    ("وأطلقت الفصائل الفلسطينية 17 صاروخا.", "ASSAULT", "أطلقت"),
    ("عندما فتحت قوات الأمن النار على متظاهرين شباب في البصرة.", "ASSAULT", "فتحت"),
    ("اغتيال القيادي في حزب العمال الكردستاني إسماعيل أوزدان.", "ASSAULT", "اغتيال"),
    ("وقتلت القوات الأمنية ثلاثة من المهاجمين.", "ASSAULT", "قتلت"),
    ("قتل 12 عنصرا من ميليشيات الحوثي خلال اشتباكات مع أبناء القبائل.",
     "ASSAULT", "اشتباكات"),
    ("وأوضح الجيش أن جنوده ردوا باستخدام وسائل مكافحة الشغب.",
     "ASSAULT", "وسائل مكافحة الشغب"),
    ("وأكد الشهود أن الطيران الإسرائيلي قصف موقعا للمقاومة.", "ASSAULT", "قصف"),
]


@pytest.mark.parametrize(("text", "event", "cue"), POSITIVE,
                         ids=[f"{e}-{i}" for i, (_, e, _) in enumerate(POSITIVE)])
def test_positive(nlp: hadath.Pipeline, text: str, event: str, cue: str) -> None:
    doc, trigs = triggers(nlp, text)
    got = found(doc, trigs)
    assert any(e == event and cue in span for e, span in got), got


def test_positive_table_covers_every_type() -> None:
    assert {e for _, e, _ in POSITIVE} == set(EVENTS)
    assert len(POSITIVE) >= 80


# Words that look like triggers but are not events, with the types that must not fire
# (None: no trigger at all).
NEGATIVE = [
    ("قال المتحدث باسم الحكومة إن الوضع مستقر.", None),
    ("وأضاف أن الاجتماعات ستستأنف بعد العيد، مشيرا إلى أهمية الحوار.", ("ASSAULT",)),
    ("وشهدت المباراة ضربة جزاء ضائعة في الدقيقة 80.", ("ASSAULT",)),
    ("وخطف الفريق الفوز في الدقيقة الأخيرة من المباراة.", ("ASSAULT",)),
    ("ويضرب المنتخب موعدا مع نظيره البرازيلي في ربع النهائي.", ("ASSAULT",)),
    ("واحتل الفريق المركز الثالث في ترتيب الدوري.", ("COERCE",)),
    ("رغم أن البيرو هددت لوريس بتسديدة قوية.", ("THREATEN",)),  # a shot at goal
    ("شن الطيران غارات استهدفت تجمعا لعناصر من الميليشيات.", ("PROTEST",)),  # fighters
    ("وقالت الوزيرة إنها استقلت الدراجة إلى المستشفى.", ("RETREAT",)),  # rode, not resigned
    ("زار السياح متحف اللوفر في باريس خلال العطلة.", ("CONSULT",)),
    ("وقامت العائلة بزيارة سياحية إلى المدينة القديمة.", ("CONSULT",)),
    ("وصل عدد القتلى إلى 50 شخصا.", ("CONSULT",)),
    ("ويصل سعر البرميل إلى 80 دولارا.", ("CONSULT",)),
    ("وأطلقت الشركة هاتفا جديدا في الأسواق.", ("ASSAULT",)),
    ("ارتفع ثمن النفط إلى أعلى مستوى منذ 2014.", ("SUPPORT",)),
    ("وقدمت الفرقة عرضا فنيا على مسرح المدينة.", None),
    ("وتلقى اللاعب علاجا في المستشفى بعد الإصابة.", ("CONSULT",)),
    ("وتعمل وزارة الاتصالات على تطوير شبكات الجيل الخامس.", ("CONSULT",)),
    ("وعقد اللاعب اتفاقا مع النادي لمدة ثلاث سنوات.", ("CONSULT",)),
    ("طائرة مسيرة حلقت فوق المنطقة.", ("PROTEST",)),
    ("وتحدث عن مسيرته الطويلة في الملاعب الأوروبية.", ("PROTEST",)),
    ("وتوفي الفنان الذي رحل عن عالمنا أمس.", ("COERCE",)),
    ("ومع أول ضوء من الفجر بدأ الصيادون عملهم.", ("ASSAULT",)),
    ("وأقرت الحكومة خطة لخفض الإنفاق على الرغم من أن العجز ارتفع.", ("REQUEST",)),
    ("وأكد على أن الاقتصاد ينمو بوتيرة جيدة.", ("REQUEST",)),
    ("ونشرت الصحيفة تقريرا عن الاقتصاد.", ("MOBILIZE",)),
    ("وقالت منظمة العفو الدولية إن التقرير دقيق.", ("CONCEDE",)),
    ("وذكرت الصحيفة أن الشرطة تبحث عن المشتبه به.", ("CONSULT",)),
    ("وأصدرت محكمة النقض قرارها في القضية.", ("REJECT",)),
    ("وقال علي إن أمامه مهمة صعبة.", ("REQUEST",)),
    ("وقالت الوزارة إن نسبة الإقبال على الاقتراع وصلت إلى 50 في المئة.", ("CONSULT",)),
    ("ووفق وزارة الصحة فإن الإصابات تراجعت.", ("CONSULT",)),
    ("وأكدت الشركة أن أقل من نصف الموظفين نقلوا إلى المقر الجديد.", ("COERCE",)),
]


@pytest.mark.parametrize(("text", "forbidden"), NEGATIVE)
def test_negative(nlp: hadath.Pipeline, text: str, forbidden: tuple[str, ...] | None) -> None:
    doc, trigs = triggers(nlp, text)
    got = found(doc, trigs)
    if forbidden is None:
        assert got == []
    else:
        assert not [g for g in got if g[0] in forbidden], got


def test_longest_cue_wins(nlp: hadath.Pipeline) -> None:
    _, trigs = triggers(nlp, "وأعلن الجيش وقف إطلاق النار في المنطقة.")
    assert [t.event for t in trigs] == ["CONCEDE"]  # not an ASSAULT «إطلاق النار»
    _, trigs = triggers(nlp, "وتبادل الطرفان إطلاق النار طوال الليل.")
    assert [t.event for t in trigs] == ["ASSAULT"]
    _, trigs = triggers(nlp, "دعا الرئيس نظيره الفرنسي لزيارة القاهرة.")
    assert [(t.event, t.last_token - t.token) for t in trigs] == [("AGREE", 4)]


def test_gap_words_stay_free(nlp: hadath.Pipeline) -> None:
    doc, trigs = triggers(
        nlp, "ويحمل الجيش الإسرائيلي حركة حماس، التي تسيطر على غزة، مسؤولية التصعيد.")
    accuse = next(t for t in trigs if t.event == "ACCUSE")
    assert doc.text[accuse.start:accuse.end].startswith("يحمل")
    assert doc.text[accuse.start:accuse.end].endswith("مسؤولية")
    assert accuse.last_token - accuse.token > 8


def test_roles_and_prepositions(nlp: hadath.Pipeline) -> None:
    _, trigs = triggers(nlp, "استقبل الرئيس وزير الخارجية والتقى رئيس الوزراء.")
    host, meet = trigs
    assert host.entry == "consult.istaqbal" and host.mode == ("visit",)
    assert host.roles["subject"] == "recipient" and host.roles["object"] == "actor"
    assert meet.roles["subject"] == "actor" and meet.prep is not None and "مع" in meet.prep
    _, trigs = triggers(nlp, "زار الوزير بغداد.")
    assert trigs[0].roles == {"subject": "actor", "object": "recipient"}
    _, trigs = triggers(nlp, "واتهم الوزير إيران بدعم الإرهاب.")
    assert trigs[0].roles["ب"] == "content" and trigs[0].cameo == "112"


def test_offsets_leave_out_the_conjunction(nlp: hadath.Pipeline) -> None:
    doc, trigs = triggers(nlp, "ووصل الوزير إلى بغداد واستقبله الرئيس.")
    assert [doc.text[t.start:t.start + 4] for t in trigs] == ["وصل ", "استق"]
    for t in trigs:
        assert doc.tokens[t.token].start <= t.start < doc.tokens[t.token].end
        assert t.end == doc.tokens[t.last_token].end
    assert [t.start for t in trigs] == sorted(t.start for t in trigs)


@pytest.mark.parametrize(("text", "passive"), [
    ("قُتل ثلاثة جنود في الهجوم.", True),
    ("قَتل المسلحون ثلاثة جنود.", False),
    ("اعتُقل الناشط في منزله.", True),
    ("اعتقلت الشرطة الناشط.", False),
    ("يُقتَل المدنيون كل يوم.", True),
    ("استُهدف الموكب بعبوة ناسفة.", True),
])
def test_passive_from_vowel_marks(nlp: hadath.Pipeline, text: str, passive: bool) -> None:
    _, trigs = triggers(nlp, text)
    assert trigs and trigs[0].passive is passive
    assert not trigs[0].nominal


def test_nominal(nlp: hadath.Pipeline) -> None:
    _, trigs = triggers(nlp, "وتأتي زيارة الوزير بعد اعتقال الناشط.")
    assert [(t.event, t.nominal) for t in trigs] == [("CONSULT", True), ("COERCE", True)]
    assert trigs[0].roles["genitive"] == "actor" and trigs[1].roles["genitive"] == "recipient"


@needs_shared
def test_seed(nlp: hadath.Pipeline) -> None:
    doc, trigs = triggers(nlp, SEED.read_text(encoding="utf-8"))
    got = found(doc, trigs)
    for event, cue in [("CONSULT", "استقبل"), ("CONSULT", "وصل"), ("SUPPORT", "ثمّن"),
                       ("SUPPORT", "تعاطف"), ("SUPPORT", "دعم"),
                       ("REQUEST", "على الأمريكيين أن")]:
        assert (event, cue) in got or any(e == event and cue in s for e, s in got), cue
    assert not any(e in ("ASSAULT", "COERCE", "THREATEN") for e, _ in got), got


# -- the lexicon ------------------------------------------------------------------------

@pytest.mark.parametrize(("past", "present", "forms"), [
    ("استقبل", "يستقبل", ["استقبل", "استقبلت", "استقبلوا", "استقبلا", "يستقبل", "تستقبل",
                          "يستقبلون", "يستقبلان", "نستقبل"]),
    ("دعا", "يدعو", ["دعا", "دعت", "دعوا", "دعتا", "يدعو", "تدعو", "يدعون", "ندعو"]),
    ("نفى", "ينفي", ["نفي", "نفت", "نفوا", "نفيا", "ينفي", "تنفي", "ينفون", "ينفيان"]),
    ("التقى", "يلتقي", ["التقي", "التقت", "التقوا", "التقيا", "يلتقي", "نلتقي", "يلتقون"]),
    ("زار", "يزور", ["زار", "زارت", "زاروا", "زرت", "يزور", "تزور", "يزورون"]),
    ("أدان", "يدين", ["ادان", "ادانت", "ادانوا", "يدين", "تدين", "ندين"]),
    ("هنأ", "يهنئ", ["هنات", "يهنئ", "اهنئ"]),
    ("حث", "يحث", ["حث", "حثت", "حثوا", "يحث", "تحث"]),
])
def test_verb_forms(past: str, present: str, forms: list[str]) -> None:
    pa, pr = verb_forms(past, present)
    assert set(forms) <= pa | pr
    assert not (pa | pr) & {"يقل", "اقل", "نقل"}  # no short forms of hollow verbs


def test_noun_forms() -> None:
    assert {"زياره", "زيارتان", "زيارتين"} <= noun_forms("زيارة")
    assert {"هجوم", "هجوما", "هجومين"} <= noun_forms("هجوم")
    assert noun_forms("مظاهرات") == {"مظاهرات"}


def test_packaged_lexicon() -> None:
    lex = lexicon()
    events = {e.event for e in lex.entries.values()}
    assert events == set(EVENTS)
    assert len(lex) > 350
    assert any(e.source == "petrarch.tsv" and e.cameo for e in lex.entries.values())
    for e in lex.entries.values():
        assert set(e.mode) <= lexicon_module.MODES[e.event], e.id
        assert 0 < e.weight <= 1


def test_files_say_what_they_are() -> None:
    for name in lexicon().files:
        head = resources.read_text(f"ar/triggers/{name}").split("\n# columns:")[0]
        assert "Source" in head or "source" in head
        assert "Licence" in head or "licence" in head


@pytest.mark.parametrize(("pattern", "message"), [
    ("*2 N:زيارة", "cannot start or end with a gap"),
    ("N:زيارة *2", "cannot start or end with a gap"),
    ("V:استقبل", "past/present"),
    ("V:استقبل/ستقبل", "must start with ي"),
    ("Q:زيارة", "unknown slot kind"),
    ("N:زيارة *20 N:رسمية", "a gap is"),
    ("P:ب N:زيارة", "cannot start with P:"),
    ("!N:زيارة", "at least one positive slot"),
    ("N:زيارة||زيارات", "empty alternative"),
])
def test_bad_patterns(pattern: str, message: str) -> None:
    with pytest.raises(lexicon_module._Bad, match=message):
        parse_pattern(pattern)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A throw-away data folder in place of the packaged one, with empty caches."""
    monkeypatch.setattr(resources, "DATA_DIR", tmp_path)
    resources.load_json.cache_clear()
    lexicon.cache_clear()
    (tmp_path / "ar" / "triggers").mkdir(parents=True)
    yield tmp_path / "ar" / "triggers"
    resources.load_json.cache_clear()
    lexicon.cache_clear()


HEADER = "# test\n# columns: id\tevent\tmode\tcameo\tpattern\troles\tprep\tweight\n"


@pytest.mark.parametrize(("row", "message"), [
    ("x.a\tVISIT\t-\t042\tN:زيارة\t-\t-\t0.5", "unknown PLOVER event"),
    ("x.a\tCONSULT\tcoffee\t042\tN:زيارة\t-\t-\t0.5", "has no mode 'coffee'"),
    ("x.a\tCONSULT\t-\t4x\tN:زيارة\t-\t-\t0.5", "bad CAMEO code"),
    ("x.a\tCONSULT\t-\t042\tN:زيارة\tsubject=host\t-\t0.5", "role value"),
    ("x.a\tCONSULT\t-\t042\tN:زيارة\t-\tفوق\t0.5", "unknown preposition"),
    ("x.a\tCONSULT\t-\t042\tN:زيارة\t-\t-\t2", "weight must be in"),
    ("X A\tCONSULT\t-\t042\tN:زيارة\t-\t-\t0.5", "bad id"),
    ("x.a\tCONSULT\t-\t042\tN:زيارة\t-\t-", "expected 8 tab-separated fields"),
])
def test_bad_rows_name_file_and_line(data_dir: Path, row: str, message: str) -> None:
    (data_dir / "bad.tsv").write_text(HEADER + "x.ok\tCONSULT\tvisit\t042\tV:زار/يزور\t-\t-\t0.9\n"
                                      + row + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as err:
        lexicon_module.build(("bad.tsv",))
    assert err.value.line == 4 and err.value.input is not None
    assert err.value.input.endswith("bad.tsv")


def test_duplicate_ids(data_dir: Path) -> None:
    row = "x.a\tCONSULT\tvisit\t042\tV:زار/يزور\t-\t-\t0.9\n"
    (data_dir / "a.tsv").write_text(HEADER + row, encoding="utf-8")
    (data_dir / "b.tsv").write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"already used in a\.tsv:3"):
        lexicon_module.build(("a.tsv", "b.tsv"))


@pytest.mark.parametrize(("index", "message"), [
    ({"_comment": [], "version": "1", "files": ["x.json"]}, "expected keys"),
    ({"_comment": [], "version": "1", "files": ["x.json"], "verb_blockers": []},
     "must list .tsv file names"),
    ({"_comment": [], "version": "1", "files": ["a.tsv"], "verb_blockers": "بعد"},
     "'verb_blockers' must list words"),
])
def test_bad_index(data_dir: Path, index: dict[str, object], message: str) -> None:
    (data_dir / "index.json").write_text(json.dumps(index), encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as err:
        lexicon()
    assert err.value.input is not None and err.value.input.endswith("index.json")


@pytest.mark.parametrize(("text", "entry"), [
    # after a preposition a word is a noun: «إدانة» with a pronoun, not the verb «أدانته»
    ("بعد إدانته بالتخطيط للانقلاب.", "accuse.idana"),
    ("وقال إن الحكومة أدانته بالتخطيط للانقلاب.", "accuse.adan"),
    ("ظلت السفينة عالقة بعد رفض روما وفاليتا استقبالها.", "reject.rafd"),
    ("ورفض الوزير الاتهامات.", "reject.rafad"),
])
def test_no_verb_after_a_preposition(nlp: hadath.Pipeline, text: str, entry: str) -> None:
    doc = nlp(text, published="2018-06-01")
    assert entry in [t.entry for t in find_triggers(doc)]
    verbs = {"accuse.adan", "reject.rafad"} - {entry}
    assert not verbs & {t.entry for t in find_triggers(doc)}


def test_a_small_lexicon_matches(data_dir: Path, nlp: hadath.Pipeline) -> None:
    (data_dir / "a.tsv").write_text(
        HEADER + "x.visit\tCONSULT\tvisit\t042\tV:زار/يزور\tsubject=actor\t-\t0.9\n",
        encoding="utf-8")
    lex = lexicon_module.build(("a.tsv",), "test")
    doc = nlp("زار الوزير بغداد واستقبله الرئيس.", published="2018-06-01")
    assert [t.entry for t in find_triggers(doc, lex)] == ["x.visit"]


@pytest.mark.skipif(not PETRARCH.exists(), reason="../shared PETRARCH dictionary not present")
def test_petrarch_entries_are_built_from_the_source() -> None:
    """petrarch.tsv is what scripts/build_triggers.py makes of the dictionary today."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_triggers.py"), str(PETRARCH), "--check"],
        capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
