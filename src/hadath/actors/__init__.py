"""Actors: the knowledge base of countries, places, organisations and office holders.

See :mod:`hadath.actors.kb` and ``hadath/data/kb/README.md``.
"""

from __future__ import annotations

from .kb import KBEntry, KnowledgeBase, Role

__all__ = ["KBEntry", "KnowledgeBase", "Role"]
