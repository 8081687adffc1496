"""Time-bank tests: the clock is fixed (a Friday in Qingzhou), the cap is the default."""

from __future__ import annotations

from typing import Any

import pytest

from volcity.activities.tests.factories_records import NOW


@pytest.fixture(autouse=True)
def _clock(time_machine: Any) -> None:
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def s(people: dict[str, Any], city: dict[str, Any]) -> Any:
    from volcity.activities.tests.factories_records import stage

    return stage(people, city)
