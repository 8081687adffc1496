"""A stranger signs up as a volunteer, making a new account: the page and the API both come
here, so the limit on sign-ups per address holds for both."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from volcity.core.errors import DomainError
from volcity.registry.errors import SignupThrottled
from volcity.registry.models import Volunteer
from volcity.registry.services.volunteers import volunteer_register
from volcity.registry.validation import VolunteerIn

SIGNUP_WINDOW_SECONDS = 3600


def _key(ip: str | None) -> str:
    return f"registry-signup:ip:{ip or 'unknown'}"


def _note(ip: str | None) -> None:
    key = _key(ip)
    if not cache.add(key, 1, timeout=SIGNUP_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=SIGNUP_WINDOW_SECONDS)


def volunteer_signup(*, data: VolunteerIn, password: str, ip: str | None) -> Volunteer:
    """Register a new person with a new account, at most ``VOLCITY_API_SIGNUPS_PER_HOUR`` per
    address and hour. "Already registered" answers count too: they tell whether an ID number
    or phone is known, so nobody may check numbers in bulk."""
    if cache.get(_key(ip), 0) >= settings.VOLCITY_API_SIGNUPS_PER_HOUR:
        raise SignupThrottled()
    try:
        volunteer = volunteer_register(data=data, password=password)
    except DomainError as exc:
        if exc.status == 409:
            _note(ip)
        raise
    _note(ip)
    return volunteer
