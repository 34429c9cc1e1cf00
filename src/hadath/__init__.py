"""hadath — Arabic news to event data, grounded in character offsets.

>>> import hadath
>>> nlp = hadath.load()
>>> doc = nlp("استقبل رئيس الجمهورية وزير الخارجية.", published="2024-06-13", id="d1")
>>> doc.to_dict()["schema"]
'hadath.document/1'
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from .doc import Document  # noqa: E402
from .errors import HadathError  # noqa: E402
from .pipeline import Pipeline, component, load  # noqa: E402
from .record import Failure, Record  # noqa: E402
from .settings import Settings  # noqa: E402

__all__ = [
    "Document",
    "Failure",
    "HadathError",
    "Pipeline",
    "Record",
    "Settings",
    "__version__",
    "component",
    "load",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
