"""Virtue-bank tests: uploaded photos go to a temporary media folder; the clock is fixed."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

# A Friday morning in Qingzhou (10:00 local time).
NOW = datetime.datetime(2026, 11, 20, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clock(time_machine: Any) -> None:
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def v(people: dict[str, Any], city: dict[str, Any], make_user: Any) -> Any:
    from volcity.virtue.tests.factories import village

    return village(people, city, make_user)
