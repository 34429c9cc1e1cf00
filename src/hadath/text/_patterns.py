"""Regular expressions shared by the sentence splitter and the tokeniser.

Compiled on first use (the in-word character classes come from the
character map), never at import time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .normalize import removed_chars

__all__ = ["Patterns", "patterns"]

# A URL runs to the next space or bracket/quote; it does not end in punctuation.
_URL = (r"(?:[Hh][Tt][Tt][Pp][Ss]?://|www\.)[^\s\"«»<>()\[\]{}]*"
        r"[^\s\"«»<>()\[\]{}.,;:!?،؛؟'’”]")
_EMAIL = r"[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-]@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
# alarabiya.net, news.bbc.co.uk: Latin labels and a lower-case top-level domain.
_DOMAIN = (r"(?<![\w.@])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
           r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[a-z]{2,12}(?![\w])")
# Number separators that stay inside a token when a digit is on both sides.
_NUM_SEP = r"[.,/:٫٬]"
# Variation selectors, skin tones and the keycap mark stay with their emoji.
_EMOJI_MODS = "\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\u20e3"


@dataclass(frozen=True, slots=True)
class Patterns:
    url_like: re.Pattern[str]   # a URL, e-mail address or domain name
    token: re.Pattern[str]      # one token (see hadath.text.tokens)
    invisible: str              # character class body: zero-width and bidi controls


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    removed = removed_chars()
    invisible = "".join(re.escape(c) for c in sorted(removed)
                        if unicodedata.category(c) == "Cf")
    marks = "".join(re.escape(c) for c in sorted(removed)
                    if unicodedata.category(c) != "Cf")
    run = rf"[^\W_](?:[^\W_]|[{marks}])*"
    joint = (rf"(?:[{invisible}]+|(?<=\d){_NUM_SEP}(?=\d)"
             r"|(?<=[A-Za-z])['’](?=[A-Za-z]))")
    word = rf"{run}(?:{joint}{run})*"
    hashtag = rf"[#@](?:\w|[{marks}])+(?:[{invisible}]+(?:\w|[{marks}])+)*"
    flag = r"[\U0001f1e6-\U0001f1ff]{2}"
    symbol = rf"[^\s{invisible}](?:[{_EMOJI_MODS}]|\u200d[^\s{invisible}])*"
    token = "|".join(f"(?:{p})" for p in (_URL, _EMAIL, _DOMAIN, hashtag, word, flag, symbol))
    url_like = "|".join(f"(?:{p})" for p in (_URL, _EMAIL, _DOMAIN))
    return Patterns(url_like=re.compile(url_like), token=re.compile(token), invisible=invisible)
