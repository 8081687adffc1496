"""Dispatch tests: uploaded photos go to a temporary media folder; a small served town."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def d(people: dict[str, Any], city: dict[str, Any], make_user: Any) -> Any:
    from volcity.dispatch.tests.factories import served_town

    return served_town(people, city, make_user)
