"""Fixtures for the store tests: documents with every layer, events included."""

from __future__ import annotations

import pytest

import hadath
import hadath.events.coder  # registers the "events" component
from hadath.pipeline import DEFAULT_COMPONENTS

from ..conftest import SEED

WITH_EVENTS = [*DEFAULT_COMPONENTS, *([] if "events" in DEFAULT_COMPONENTS else ["events"])]


@pytest.fixture(scope="session")
def nlp_events() -> hadath.Pipeline:
    return hadath.load(WITH_EVENTS)


@pytest.fixture(scope="session")
def seed_doc(nlp_events: hadath.Pipeline) -> hadath.Document:
    if not SEED.exists():
        pytest.skip("../shared data not present")
    return nlp_events(SEED.read_text(encoding="utf-8"), id="seed-000", published="2024-06-13",
                      source="seed-outlet")
