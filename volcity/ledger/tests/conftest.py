from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from volcity.ledger.models import Account
from volcity.ledger.services import account_open


@pytest.fixture
def open_account(db: Any) -> Callable[..., Account]:
    def make(code: str, unit: str = "points", **kwargs: Any) -> Account:
        return account_open(code=code, name=code, unit=unit, **kwargs)

    return make


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Messages are asserted in English, the source language (pages keep their own)."""
    from django.utils import translation

    with translation.override("en"):
        yield
