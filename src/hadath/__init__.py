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

from .doc import Document
from .errors import HadathError
from .pipeline import Pipeline, component, load
from .record import Failure, Record
from .settings import Settings

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
