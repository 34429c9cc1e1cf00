"""Events: PLOVER event coding. This package holds the trigger lexicon and matcher.

:func:`find_triggers` gives the words of an article that name an event
(«استقبل», «زيارة», «فرض عقوبات», «على … أن»), each with its PLOVER type,
mode, CAMEO code and hints for argument assignment. The lexicon is data in
``hadath/data/ar/triggers/``, compiled by :func:`hadath.events.lexicon.lexicon`.
"""

from __future__ import annotations

from .lexicon import EVENTS, MODES, Entry, Lexicon
from .triggers import Trigger, find_triggers

__all__ = ["EVENTS", "MODES", "Entry", "Lexicon", "Trigger", "find_triggers"]
