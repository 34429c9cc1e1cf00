"""Tokens and clitic words: real forms of the ANT corpus, edge cases, corpus-wide checks."""

from __future__ import annotations

import pytest

from hadath.doc import Token
from hadath.text.normalize import normalize_str
from hadath.text.sentences import split_sentences
from hadath.text.tokens import tokenize

from . import corpus_sample, needs_corpus

# token -> its words as "text/kind" joined by "+" (c conj, p prep, f fut, d det, s stem, n pron)
WORDS = [
    # conjunctions
    ("وقال", "و/c+قال/s"),
    ("وأضاف", "و/c+أضاف/s"),
    ("والتي", "و/c+التي/s"),
    ("ولا", "و/c+لا/s"),
    ("وروسيا", "و/c+روسيا/s"),
    ("فإن", "ف/c+إن/s"),
    ("فقد", "ف/c+قد/s"),
    ("فهو", "ف/c+هو/s"),
    ("ولكن", "و/c+لكن/s"),
    # prepositions and the article
    ("بشكل", "ب/p+شكل/s"),
    ("بسبب", "ب/p+سبب/s"),
    ("بالنسبة", "ب/p+ال/d+نسبة/s"),
    ("بالإضافة", "ب/p+ال/d+إضافة/s"),
    ("لكرة", "ل/p+كرة/s"),
    ("لفلسطين", "ل/p+فلسطين/s"),
    ("لمدة", "ل/p+مدة/s"),
    ("لأن", "ل/p+أن/s"),
    ("كالعادة", "ك/p+ال/d+عادة/s"),
    ("الاتحاد", "ال/d+اتحاد/s"),
    ("العربي", "ال/d+عربي/s"),
    ("اللبناني", "ال/d+لبناني/s"),
    ("والولايات", "و/c+ال/d+ولايات/s"),
    ("وبالتالي", "و/c+ب/p+ال/d+تالي/s"),
    # ل + the article written لل
    ("للرئيس", "ل/p+ل/d+رئيس/s"),
    ("للغاية", "ل/p+ل/d+غاية/s"),
    ("للأمم", "ل/p+ل/d+أمم/s"),
    ("وللمرة", "و/c+ل/p+ل/d+مرة/s"),
    ("للجنة", "ل/p+لجنة/s"),
    # future
    ("سيكون", "س/f+يكون/s"),
    ("ستكون", "س/f+تكون/s"),
    ("سيتم", "س/f+يتم/s"),
    ("وسيكون", "و/c+س/f+يكون/s"),
    # pronouns
    ("بلاده", "بلاد/s+ه/n"),
    ("حكومته", "حكومت/s+ه/n"),
    ("عليه", "علي/s+ه/n"),
    ("لديه", "لدي/s+ه/n"),
    ("إنه", "إن/s+ه/n"),
    ("أنها", "أن/s+ها/n"),
    ("منهم", "من/s+هم/n"),
    ("بينهما", "بين/s+هما/n"),
    ("لدينا", "لدي/s+نا/n"),
    ("علينا", "علي/s+نا/n"),
    ("إنني", "إن/s+ني/n"),
    ("مستواه", "مستوا/s+ه/n"),
    ("لقائه", "لقائ/s+ه/n"),
    ("كتابها", "كتاب/s+ها/n"),
    ("أنفسهم", "أنفس/s+هم/n"),
    ("فيه", "في/s+ه/n"),
    ("لها", "ل/p+ها/n"),
    ("له", "ل/p+ه/n"),
    ("بها", "ب/p+ها/n"),
    ("لنا", "ل/p+نا/n"),
    ("وبلاده", "و/c+بلاد/s+ه/n"),
    ("لبلاده", "ل/p+بلاد/s+ه/n"),
    # not split: the remainder is not a word, or the whole is more plausible
    ("ولد", "ولد/s"),
    ("فلسطين", "فلسطين/s"),
    ("بيت", "بيت/s"),
    ("كتاب", "كتاب/s"),
    ("كني", "كني/s"),  # باقري كني: ك never takes a bare pronoun
    ("لبنان", "لبنان/s"),
    ("سوريا", "سوريا/s"),
    ("والي", "والي/s"),
    ("بغداد", "بغداد/s"),
    ("كان", "كان/s"),
    ("وزير", "وزير/s"),
    ("وحدة", "وحدة/s"),
    ("فكرة", "فكرة/s"),
    ("بين", "بين/s"),
    ("بعد", "بعد/s"),
    ("ليس", "ليس/s"),
    ("بكين", "بكين/s"),
    ("فيصل", "فيصل/s"),
    ("سيارة", "سيارة/s"),
    ("سنوات", "سنوات/s"),
    ("وفقا", "وفقا/s"),
    ("كما", "كما/s"),
    ("ذلك", "ذلك/s"),
    ("هناك", "هناك/s"),
    ("الذي", "الذي/s"),
    ("الله", "الله/s"),
    ("التقى", "التقى/s"),
    # nisba and feminine endings are not pronouns
    ("عربي", "عربي/s"),
    ("لبناني", "لبناني/s"),
    ("بنك", "بنك/s"),
    ("مدينة", "مدينة/s"),
    ("سليماني", "سليماني/s"),
    ("وجه", "وجه/s"),
    ("مياه", "مياه/s"),
    # diacritics, tatweel, clitics before numbers and Latin
    ("وَقَالَ", "وَ/c+قَالَ/s"),
    ("الرَّئِيسُ", "ال/d+رَّئِيسُ/s"),
    ("بـ20", "بـ/p+20/s"),
    ("و2018", "و/c+2018/s"),
    ("و٢٠١٦", "و/c+٢٠١٦/s"),
    ("الـ20", "الـ/d+20/s"),
    ("لـCNN", "لـ/p+CNN/s"),
    ("للـ", "ل/p+لـ/d"),
    ("بـ", "بـ/p"),
    ("وغیرھا", "و/c+غیر/s+ھا/n"),
    ("ﻟﻼعبين", "ﻟ/p+ﻼعبين/s"),
]


def words_of(token: Token) -> str:
    return "+".join(f"{w.text}/{w.kind[0] if w.kind != 'pron' else 'n'}" for w in token.words)


@pytest.mark.parametrize(("token", "expected"), WORDS)
def test_clitic_words(token: str, expected: str) -> None:
    tokens = tokenize(token)
    assert len(tokens) == 1
    assert words_of(tokens[0]) == expected
    _check_token(token, tokens[0])


# sentence -> its tokens, from the ANT corpus
TOKENS = [
    ("بلغت 13.5 مليار في 13/6/2024 الساعة 10:30.",
     ["بلغت", "13.5", "مليار", "في", "13/6/2024", "الساعة", "10:30", "."]),
    ("لتصل إلى 536,767 مركبة، وفقا لمات غاسنيه",
     ["لتصل", "إلى", "536,767", "مركبة", "،", "وفقا", "لمات", "غاسنيه"]),
    ("بين سنتي ٢٠٠٥ و٢٠١٢ ووجدت أن \"فتيات",
     ["بين", "سنتي", "٢٠٠٥", "و٢٠١٢", "ووجدت", "أن", "\"", "فتيات"]),
    ("كما أطلق عليها #عاصي_الحلاني، حيث انضمت #إليسا إلى #أحلام",
     ["كما", "أطلق", "عليها", "#عاصي_الحلاني", "،", "حيث", "انضمت", "#إليسا", "إلى", "#أحلام"]),
    ("على موقع Change.org يطالب ديزني",
     ["على", "موقع", "Change.org", "يطالب", "ديزني"]),
    ("يوتيوب 👈 https://youtu.be/Qd-U2b3zbd8 حسين",
     ["يوتيوب", "👈", "https://youtu.be/Qd-U2b3zbd8", "حسين"]),
    ("الرابط السابق (https://qhaj.gov.sa)، الذي",
     ["الرابط", "السابق", "(", "https://qhaj.gov.sa", ")", "،", "الذي"]),
    ("برنامج \"ذا فويس The Voice\"، سيشهد",
     ["برنامج", "\"", "ذا", "فويس", "The", "Voice", "\"", "،", "سيشهد"]),
    ("«الروح الأولمبية» (CNN) -- شباب",
     ["«", "الروح", "الأولمبية", "»", "(", "CNN", ")", "-", "-", "شباب"]),
    ("تحصل على 2.5٪ من الأرباح...", ["تحصل", "على", "2.5", "٪", "من", "الأرباح", ".", ".", "."]),
    ("اخل\u202d \u202cأحشاء\u202d \u202cأسماك", ["اخل", "أحشاء", "أسماك"]),
    ("#كرامة_البلد🇮🇶🦅🇮🇶 يوتيوب👈", ["#كرامة_البلد", "🇮🇶", "🦅", "🇮🇶", "يوتيوب", "👈"]),
    ("فيلم Ocean’s8 الذي بدأ", ["فيلم", "Ocean’s8", "الذي", "بدأ"]),
    ("كل\u200cمة و\u200fاليمن", ["كل\u200cمة", "و\u200fاليمن"]),
    ("👍🏻 👨\u200d👩\u200d👧", ["👍🏻", "👨\u200d👩\u200d👧"]),
]


@pytest.mark.parametrize(("text", "expected"), TOKENS)
def test_tokens(text: str, expected: list[str]) -> None:
    tokens = tokenize(text)
    assert [t.text for t in tokens] == expected
    for t in tokens:
        _check_token(text, t)


@pytest.mark.parametrize("text", ["", "   ", "\n\r\n\t", "\u200f\u200e"])
def test_no_tokens(text: str) -> None:
    assert tokenize(text) == []


def test_range_and_sentence_index() -> None:
    text = "قال الرئيس. وأضاف أنه سيعود."
    spans = split_sentences(text)
    tokens = [t for i, (a, b) in enumerate(spans) for t in tokenize(text, a, b, sentence=i)]
    assert [(t.text, t.sentence) for t in tokens] == [
        ("قال", 0), ("الرئيس", 0), (".", 0),
        ("وأضاف", 1), ("أنه", 1), ("سيعود", 1), (".", 1)]
    assert tokens[3].start == text.index("وأضاف")
    assert [w.text for w in tokens[5].words] == ["س", "يعود"]


def test_crlf_and_punctuation_only() -> None:
    text = "قال.\r\n!؟\r\n"
    assert [t.text for t in tokenize(text)] == ["قال", ".", "!", "؟"]


def test_word_norms() -> None:
    (token,) = tokenize("وبالمدينةِ")
    assert token.norm == "وبالمدينه"
    assert [(w.text, w.norm, w.kind) for w in token.words] == [
        ("و", "و", "conj"), ("ب", "ب", "prep"), ("ال", "ال", "det"),
        ("مدينةِ", "مدينه", "stem")]


def _check_token(text: str, token: Token) -> None:
    assert text[token.start:token.end] == token.text
    assert token.text and not token.text.isspace()
    assert token.norm == normalize_str(token.text)
    assert token.words, token
    assert token.words[0].start == token.start and token.words[-1].end == token.end
    for prev, word in zip(token.words, token.words[1:], strict=False):
        assert prev.end == word.start
    for word in token.words:
        assert word.start < word.end
        assert text[word.start:word.end] == word.text
        assert word.norm == normalize_str(word.text)
        assert word.kind in {"conj", "prep", "fut", "det", "stem", "pron"}


@needs_corpus
def test_corpus_tokens() -> None:
    """300 articles: spans reproduce the text, words tile tokens, nothing visible is lost."""
    for text in corpus_sample(300):
        covered = bytearray(len(text))
        for i, (a, b) in enumerate(split_sentences(text)):
            tokens = tokenize(text, a, b, sentence=i)
            for t in tokens:
                assert a <= t.start and t.end <= b and t.sentence == i
                _check_token(text, t)
                covered[t.start:t.end] = b"\x01" * (t.end - t.start)
        for pos, ch in enumerate(text):
            if not covered[pos]:
                assert ch.isspace() or ch in "\u200b\u200c\u200d\u200e\u200f\u202a\u202b" \
                    "\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad\u2060", \
                    repr(text[pos - 10:pos + 10])


@needs_corpus
def test_corpus_sentences_tokenize_within_their_bounds() -> None:
    """300 real articles split and tokenised (speed: BENCHMARKS.md, text layer)."""
    for text in corpus_sample(300):
        for i, (a, b) in enumerate(split_sentences(text)):
            for tok in tokenize(text, a, b, sentence=i):
                assert a <= tok.start < tok.end <= b
