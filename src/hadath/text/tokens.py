"""Tokenisation with clitic words, in offsets of the original text.

A **token** is what is written without a break:

* a run of letters and digits of any script, with the Arabic marks and
  tatweel inside it, zero-width and bidi controls between its letters, and
  the separators ``. , / : ٫ ٬`` between digits (``13.5``, ``1,000``,
  ``13/6/2024``, ``10:30``, ``٢٠٢٤``), and an apostrophe between Latin
  letters (``Qur'an``);
* a URL, an e-mail address or a domain name (``alarabiya.net``);
* a hashtag or mention (``#عاصي_الحلاني``, ``@user``);
* any other visible character alone: each punctuation mark, symbol or emoji
  (with its variation selector, skin tone or ZWJ sequence; flags as pairs).

Whitespace is never a token, nor are invisible controls between tokens.

Each token carries its **words**, which tile it exactly. An Arabic token is
split into clitics by :mod:`hadath.text.clitics` (``وبالمدينة`` → و conj,
ب prep, ال det, مدينة stem). Letters written once for two clitics keep the
written letter: in ``للرئيس`` (ل + ال + رئيس, whose alef is dropped) the
words are ``ل`` (prep) and ``ل`` (det) and ``رئيس``; a word's ``norm`` is
always ``normalize_str`` of its own text, so the article's ``norm`` is
``"ل"`` there. Proclitics before digits or Latin are split too (``و2018``
→ و + 2018, ``بـ20`` → بـ + 20). Other tokens are one ``stem`` word.
Diacritics and tatweel stay with the letter they follow.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..doc import Token, Word
from ._patterns import patterns
from .clitics import Piece, splitter
from .normalize import normalize, normalize_light, normalize_str

__all__ = ["tokenize"]

# Arabic letters after light normalisation (no marks, no tatweel).
_ARABIC = re.compile(r"[\u0620-\u063F\u0641-\u064A\u066E-\u066F\u0671-\u06D3\u06D5]+")
# Proclitics alone or before a number or Latin word: و2018, وبـ20, لـCNN, الـ20, للـ.
_CLITICS = r"([وف]?)(?:(ل)(ل)|([بلك]?)(ال)?)"
_PREFIX = re.compile(_CLITICS + r"(?![\u0620-\u063F\u0641-\u064A\u066E-\u06D3])")
_ONLY_CLITICS = re.compile(_CLITICS)

# (start, end, text, norm, kind) relative to the token
_WordSpec = tuple[int, int, str, str, str]


def tokenize(text: str, start: int = 0, end: int | None = None,
             sentence: int = 0) -> list[Token]:
    """The tokens of ``text[start:end]``, with offsets into ``text``.

    ``sentence`` is stored on every token (the index of the sentence the
    range belongs to).
    """
    if end is None:
        end = len(text)
    tokens: list[Token] = []
    append = tokens.append
    analyse = _analysis
    for m in patterns().token.finditer(text, start, end):
        t = m.group()
        s = m.start()
        e = s + len(t)
        norm, specs = analyse(t)
        if len(specs) == 1:
            words = [Word(s, e, t, norm, specs[0][4])]
        else:
            words = [Word(s + a, s + b, wt, wn, k) for a, b, wt, wn, k in specs]
        append(Token(s, e, t, norm, sentence, words))
    return tokens


@lru_cache(maxsize=1 << 17)
def _analysis(token: str) -> tuple[str, tuple[_WordSpec, ...]]:
    """The matching form of one token and its words (cached per token text)."""
    specs = _words(token)
    return (specs[0][3] if len(specs) == 1 else normalize_str(token)), specs


def _words(token: str) -> tuple[_WordSpec, ...]:
    """The words of one token, as offsets relative to it (cached per token text)."""
    light = normalize_light(token)
    pieces: tuple[Piece, ...]
    only = _ONLY_CLITICS.fullmatch(light) if token.endswith("\u0640") else None
    if only is not None and light:
        pieces = _clitic_pieces(only, "")  # «بالـ» before a quote or a space
    elif _ARABIC.fullmatch(light):
        pieces = splitter().split(light)
    else:
        pieces = _prefix_pieces(light)
    if len(pieces) == 1:
        return ((0, len(token), token, normalize_str(token), pieces[0][1]),)
    # Piece boundaries in the light form → offsets in the token. Both normal forms
    # remove and expand the same characters, so normalize()'s offsets serve.
    offsets = normalize(token).offsets
    starts = []
    pos = 0
    for piece, _ in pieces:
        starts.append(offsets[pos])
        pos += len(piece)
    starts[0] = 0
    starts.append(len(token))
    out = []
    for i, (_, kind) in enumerate(pieces):
        a, b = starts[i], starts[i + 1]
        if b > a:  # a piece inside one written character (a ligature) joins the next
            wt = token[a:b]
            out.append((a, b, wt, normalize_str(wt), kind))
    return tuple(out)


def _prefix_pieces(light: str) -> tuple[Piece, ...]:
    """Proclitics before a number or Latin word; otherwise the whole token."""
    m = _PREFIX.match(light)
    if m is None or m.end() == 0 or m.end() == len(light):
        return ((light, "stem"),)
    return _clitic_pieces(m, light[m.end():])


def _clitic_pieces(m: re.Match[str], rest: str) -> tuple[Piece, ...]:
    conj, lam, article_lam, prep, article = m.groups()
    pieces: list[Piece] = []
    if conj:
        pieces.append((conj, "conj"))
    if lam:
        pieces += [(lam, "prep"), (article_lam, "det")]
    if prep:
        pieces.append((prep, "prep"))
    if article:
        pieces.append((article, "det"))
    if rest:
        pieces.append((rest, "stem"))
    return tuple(pieces)
