"""Named-entity recognition: persons, organisations and places in Arabic news.

* :mod:`.tagger` — the model file (a CRF or a BiLSTM-CRF run with numpy)
  and :func:`default_model`, the packaged model loaded once per process;
* :mod:`.pipes` — the ``ner`` pipeline component (``doc.entities``);
* :mod:`.features`, :mod:`.neural`, :mod:`.lm`, :mod:`.lstm`,
  :mod:`.consistency` — what the taggers see (the neural one also a
  language model of the news corpus) and how a document's names are made
  consistent;
* :mod:`.corpora`, :mod:`.evaluate` — CoNLL readers and exact-span scoring;
* :mod:`.train`, :mod:`.train_neural`, :mod:`.train_lm`, :mod:`.lexicon`,
  :mod:`.clusters` — retraining (``hadath train ner``,
  ``scripts/train_ner_lm.py``; needs ``hadath[train]``, and torch for the
  neural tagger and its language model).

Importing this package loads no model and no data.
"""

from __future__ import annotations

from .evaluate import Report, Score, evaluate, score, spans
from .tagger import CrfModel, NerModel, NeuralModel, default_model, load_model

__all__ = ["CrfModel", "NerModel", "NeuralModel", "Report", "Score", "default_model",
           "evaluate", "load_model", "score", "spans"]
