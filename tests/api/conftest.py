"""Fixtures for the API tests: the demo database and an in-process client over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hadath.api import create_app

from .demo_db import shared


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def client(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def bare_client() -> Iterator[TestClient]:
    """A server without a database, with a small body limit."""
    with TestClient(create_app(None, max_body=64 * 1024), raise_server_exceptions=False) as c:
        yield c
