"""API bearer tokens: ``last_used_at`` is written on the first use and then at most once per
``LAST_USED_EVERY`` (not on every request: a burst of calls writes nothing more)."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from volcity.accounts.models import ApiToken
from volcity.accounts.services import api_token_authenticate, api_token_create
from volcity.accounts.services.tokens import LAST_USED_EVERY

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 5, 1, 1, 0, tzinfo=datetime.UTC)
SECOND = datetime.timedelta(seconds=1)


def last_used(token: ApiToken) -> datetime.datetime | None:
    return ApiToken.objects.get(pk=token.pk).last_used_at


def test_last_used_is_written_on_first_use_then_once_per_interval(people):
    with time_machine.travel(T0, tick=False):
        token, key = api_token_create(user=people["volunteer"], name="phone app")
        assert last_used(token) is None
        assert api_token_authenticate(key) == people["volunteer"]
    assert last_used(token) == T0
    with time_machine.travel(T0 + LAST_USED_EVERY, tick=False):
        assert api_token_authenticate(key) == people["volunteer"]
    assert last_used(token) == T0  # within the interval: not written again
    later = T0 + LAST_USED_EVERY + SECOND
    with time_machine.travel(later, tick=False):
        assert api_token_authenticate(key) == people["volunteer"]
    assert last_used(token) == later


def test_a_use_within_the_interval_writes_nothing(people, django_assert_num_queries):
    with time_machine.travel(T0, tick=False):
        _token, key = api_token_create(user=people["volunteer"], name="phone app")
        api_token_authenticate(key)
    with time_machine.travel(T0 + LAST_USED_EVERY / 2, tick=False):
        with django_assert_num_queries(1):  # the lookup only
            assert api_token_authenticate(key) == people["volunteer"]
