"""The REST API (``/v1``) and web interface of hadath, served by ``hadath serve``.

>>> from hadath.api import create_app                 # doctest: +SKIP
>>> app = create_app("hadath.duckdb")                 # a FastAPI (ASGI) app

Needs the ``serve`` extra (FastAPI, uvicorn, Jinja2).
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
