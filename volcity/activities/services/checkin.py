"""Check-in and check-out: by the volunteer scanning the shift's rotating code on their phone,
or by staff scanning the volunteer's personal code at a kiosk; and the forgotten check-outs
the system closes.

Every request carries an idempotency key. The first request stores a ``CheckinAttempt`` under
that key in the same transaction as the change; a retry with the same key gets the first
answer back without acting again. The sign-up row is locked while it changes, and the shift's
``checked_in`` counter moves with an ``F()`` update as the last write, so check-ins on one
shift hold its row only for the commit.

The phone's path (``checkin_by_user`` / ``checkout_by_user``) reads the caller's sign-up with
its shift and activity in the one query that locks it (the sign-up row only), and every path
looks the key up only when the request is refused (a retry is refused by the state its first
request left, and then gets its first answer); an accepted request whose key was used before
fails on the key's unique index and is answered from the key. A check-in is then: the lock,
four writes (sign-up, attempt, audit entry, counter), the commit.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.activities.codes import shift_code_valid
from volcity.activities.errors import (
    AlreadyCheckedIn,
    AlreadyCheckedOut,
    CheckinCodeInvalid,
    CheckinWindowClosed,
    LocationRequired,
    NotCheckedIn,
    NotSignedUp,
    TooFarAway,
)
from volcity.activities.errors_checkin import (
    IdempotencyKeyInvalid,
    IdempotencyKeyReused,
    LocationInvalid,
)
from volcity.activities.geo import haversine_m
from volcity.activities.models import Activity, CheckinAttempt, ServiceRecord, Shift, Signup
from volcity.activities.services.records import record_create_from_signup
from volcity.audit.services import audit_record
from volcity.core.errors import DomainError
from volcity.core.lifecycle import transition_apply
from volcity.registry.models import Volunteer

IN = CheckinAttempt.Kind.CHECK_IN
OUT = CheckinAttempt.Kind.CHECK_OUT
KEY_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
AUTO_KEY_PREFIX = "auto-out-"


@dataclass(frozen=True)
class CheckinOutcome:
    """The answer to a check-in or check-out request (the first one, for a retry)."""

    signup: Signup
    attempt: CheckinAttempt
    replayed: bool
    record: ServiceRecord | None = None

    @property
    def kind(self) -> str:
        return self.attempt.kind


# --- checks -----------------------------------------------------------------------------------


def _clean_key(key: str) -> str:
    key = (key or "").strip()
    if not KEY_PATTERN.match(key):
        raise IdempotencyKeyInvalid(field="idempotency_key")
    return key


def _replay(
    key: str, *, shift_id: int, volunteer_id: int | None, kind: str
) -> CheckinOutcome | None:
    """The first answer for ``key``, if a request with it was already done.

    A key belongs to one sign-up and one kind; sent with anything else it is refused.
    ``volunteer_id`` None (kiosk: the volunteer is read from the code) checks the shift only.
    """
    attempt = CheckinAttempt.objects.select_related("signup").filter(key=key).first()
    if attempt is None:
        return None
    signup = attempt.signup
    same = (
        attempt.kind == kind
        and signup.shift_id == shift_id
        and (volunteer_id is None or signup.volunteer_id == volunteer_id)
    )
    if not same:
        raise IdempotencyKeyReused(field="idempotency_key")
    record = ServiceRecord.objects.filter(signup=signup).first() if kind == OUT else None
    return CheckinOutcome(signup=signup, attempt=attempt, replayed=True, record=record)


def _window_check(shift: Shift, activity: Activity, now: datetime.datetime, kind: str) -> None:
    if shift.cancelled or activity.status not in (
        Activity.Status.PUBLISHED,
        Activity.Status.FINISHED,
    ):
        raise CheckinWindowClosed(_("This shift was cancelled or is not open."), field="shift")
    opens = shift.starts_at - datetime.timedelta(minutes=settings.VOLCITY_CHECKIN_EARLY_MINUTES)
    if kind == IN:
        closes = shift.ends_at
    else:  # checking out stays possible until the forgotten check-out is closed
        closes = shift.ends_at + datetime.timedelta(hours=settings.VOLCITY_AUTO_CHECKOUT_HOURS)
    if not (opens <= now <= closes):
        local = timezone.localtime
        raise CheckinWindowClosed(
            _("Check-in for this shift is open from %(opens)s to %(closes)s.")
            % {
                "opens": f"{local(opens):%Y-%m-%d %H:%M}",
                "closes": f"{local(shift.ends_at):%Y-%m-%d %H:%M}",
            }
            if kind == IN
            else _("Check-out for this shift closed at %(closes)s.")
            % {"closes": f"{local(closes):%Y-%m-%d %H:%M}"},
            field="shift",
        )


def _distance_check(
    activity: Activity, latitude: float | Decimal | None, longitude: float | Decimal | None
) -> int:
    if latitude is None or longitude is None:
        raise LocationRequired(field="location")
    try:
        lat, lng = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise LocationInvalid(field="location") from None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise LocationInvalid(field="location")
    distance = round(haversine_m(lat, lng, activity.latitude, activity.longitude))
    radius = activity.checkin_radius_m or settings.VOLCITY_CHECKIN_RADIUS_M
    if distance > radius:
        raise TooFarAway(
            _(
                "You are %(distance)s m from the activity's place; check in within %(radius)s m "
                "of it."
            )
            % {"distance": distance, "radius": radius},
            field="location",
        )
    return distance


def _locked_signup(shift: Shift, volunteer_id: int) -> Signup | None:
    return (
        Signup.objects.select_for_update()
        .filter(shift_id=shift.pk, volunteer_id=volunteer_id)
        .first()
    )


# What a kiosk's staff read instead of the volunteer's "you …" messages.
KIOSK_MESSAGES = {
    "not_signed_up": _("This volunteer is not signed up for this shift."),
    "already_in": _("This volunteer has already checked in for this shift."),
    "not_in": _("This volunteer has not checked in yet: check them in first."),
    "already_out": _("This volunteer has already checked out of this shift."),
}


def _staff_says(kiosk: bool, what: str) -> Any:
    return KIOSK_MESSAGES[what] if kiosk else None


# --- the change itself ------------------------------------------------------------------------


def _state_checked(signup: Signup | None, kind: str, kiosk: bool) -> Signup:
    """The locked sign-up, if its state allows the check-in (``IN``) or check-out (``OUT``)."""
    if signup is None or signup.status != Signup.Status.CONFIRMED:
        raise NotSignedUp(_staff_says(kiosk, "not_signed_up"), field="shift")
    if kind == IN:
        if signup.checked_in_at is not None:
            raise AlreadyCheckedIn(_staff_says(kiosk, "already_in"), field="shift")
    else:
        if signup.checked_in_at is None:
            raise NotCheckedIn(_staff_says(kiosk, "not_in"), field="shift")
        if signup.checked_out_at is not None:
            raise AlreadyCheckedOut(_staff_says(kiosk, "already_out"), field="shift")
    return signup


def _change(
    found: Signup | None,
    *,
    shift: Shift,
    volunteer_id: int,
    kind: str,
    key: str,
    actor: Any,
    now: datetime.datetime,
    kiosk: bool,
    checks: Callable[[Shift], int | None],
) -> CheckinOutcome:
    """Inside the transaction, ``found`` locked: run ``checks`` (the code, the window, the
    place: no queries; returns the distance) and the sign-up's state; write the change, the
    attempt, the audit entry and (last) the shift's counter.

    A refused request looks its key up first: a retry (even one whose code has expired since)
    is refused by the state its first request left, and gets the first answer instead. An
    accepted request whose key was used before fails on the key's unique index (the caller
    answers it from the key), so the key is not read on the way in.
    """
    try:
        distance = checks(shift)
        signup = _state_checked(found, kind, kiosk)
    except DomainError:
        replay = _replay(key, shift_id=shift.pk, volunteer_id=volunteer_id, kind=kind)
        if replay is not None:
            return replay
        raise
    record = None
    if kind == IN:
        signup.checked_in_at = now
        signup.save(update_fields=["checked_in_at"])
    else:
        assert signup.checked_in_at is not None  # noqa: S101 - _state_checked
        signup.checked_out_at = max(now, signup.checked_in_at)
        signup.save(update_fields=["checked_out_at"])
    attempt = CheckinAttempt.objects.create(
        key=key,
        signup=signup,
        kind=kind,
        at=now,
        by=actor if getattr(actor, "is_authenticated", False) else None,
        distance_m=distance,
        via_kiosk=kiosk,
    )
    signup.shift = shift
    if kind == OUT:
        record = record_create_from_signup(signup=signup, actor=actor, auto=False)
    audit_record(
        "activities.checkin.recorded" if kind == IN else "activities.checkout.recorded",
        obj=signup,
        actor=actor,
        region_id=shift.activity.region_id,
        changes={
            "shift": shift.pk,
            "at": now.isoformat(),
            "distance_m": distance,
            "kiosk": kiosk,
            "key": key,
        },
    )
    if kind == IN:  # last write: the shift row is held only until the commit
        Shift.objects.filter(pk=shift.pk).update(checked_in=F("checked_in") + 1)
    return CheckinOutcome(signup=signup, attempt=attempt, replayed=False, record=record)


def _apply(
    *,
    shift: Shift,
    volunteer_id: int,
    kind: str,
    key: str,
    actor: Any,
    now: datetime.datetime,
    kiosk: bool,
    checks: Callable[[Shift], int | None],
    walk_in: bool = False,
) -> CheckinOutcome:
    """Lock the sign-up and make the change (``_change``). A retry that raced us, or a key
    used before for something else, is answered from the key."""
    try:
        with transaction.atomic():
            if walk_in:
                _admit_walk_in(shift=shift, volunteer_id=volunteer_id, actor=actor, now=now)
            return _change(
                _locked_signup(shift, volunteer_id),
                shift=shift,
                volunteer_id=volunteer_id,
                kind=kind,
                key=key,
                actor=actor,
                now=now,
                kiosk=kiosk,
                checks=checks,
            )
    except IntegrityError:
        # Another request with the same key committed first (its attempt row won the race).
        found = _replay(key, shift_id=shift.pk, volunteer_id=volunteer_id, kind=kind)
        if found is None:
            raise
        return found


def _admit_walk_in(*, shift: Shift, volunteer_id: int, actor: Any, now: datetime.datetime) -> None:
    """At a kiosk, someone without a confirmed place is given one while seats remain."""
    locked_shift = Shift.objects.select_for_update().get(pk=shift.pk)
    signup = _locked_signup(shift, volunteer_id)
    if signup is not None and signup.status == Signup.Status.CONFIRMED:
        return
    if signup is not None and signup.status == Signup.Status.NO_SHOW:
        raise NotSignedUp(field="volunteer_code")
    party = signup.party_size if signup is not None else 1
    if locked_shift.seats_taken + party > locked_shift.capacity:
        raise NotSignedUp(
            _("This volunteer is not signed up for this shift, and it has no free place."),
            field="volunteer_code",
        )
    if signup is None:
        signup = Signup.objects.create(
            shift_id=shift.pk,
            volunteer_id=volunteer_id,
            status=Signup.Status.CONFIRMED,
            added_by=actor,
        )
        Shift.objects.filter(pk=shift.pk).update(seats_taken=F("seats_taken") + 1)
        audit_record(
            "activities.signup.created_at_kiosk",
            obj=signup,
            actor=actor,
            region_id=shift.activity.region_id,
            changes={"shift": shift.pk, "kiosk": True},
        )
        return
    # On the wait-list, or cancelled earlier and came after all: confirmed, by the staff.
    waiting = signup.status == Signup.Status.WAITLISTED
    Shift.objects.filter(pk=shift.pk).update(
        seats_taken=F("seats_taken") + party,
        seats_waiting=F("seats_waiting") - (party if waiting else 0),
    )
    signup.added_by = actor
    signup.cancelled_at = None
    transition_apply(
        signup,
        "promote" if waiting else "rejoin",
        actor=actor,
        reason=str(_("Admitted at the check-in kiosk.")),
        extra_fields=["added_by", "cancelled_at"],
    )


# --- the volunteer with their phone -----------------------------------------------------------


def _by_volunteer(
    *,
    kind: str,
    volunteer: Volunteer,
    shift: Shift,
    code: str,
    latitude: float | Decimal | None,
    longitude: float | Decimal | None,
    idempotency_key: str,
    now: datetime.datetime | None,
) -> CheckinOutcome:
    now = now or timezone.now()
    key = _clean_key(idempotency_key)
    return _apply(
        shift=shift,
        volunteer_id=volunteer.pk,
        kind=kind,
        key=key,
        actor=volunteer.user,
        now=now,
        kiosk=False,
        checks=_phone_checks(kind, code, latitude, longitude, now),
    )


def _phone_checks(
    kind: str,
    code: str,
    latitude: float | Decimal | None,
    longitude: float | Decimal | None,
    now: datetime.datetime,
) -> Callable[[Shift], int]:
    def checks(shift: Shift) -> int:
        # A refusal here is answered from the key when it is a retry (``_change``), so a
        # retry carrying a code expired since gets its first answer.
        if not shift_code_valid(shift.pk, code, now=now):
            raise CheckinCodeInvalid(field="code")
        _window_check(shift, shift.activity, now, kind)
        return _distance_check(shift.activity, latitude, longitude)

    return checks


# What a check-in reads of the shift and its activity (the checks, the audit entry, the
# counter); a check-out reads them whole, for the service record.
CHECKIN_READS = (
    *(f.name for f in Signup._meta.concrete_fields),
    "shift__activity",
    "shift__starts_at",
    "shift__ends_at",
    "shift__cancelled",
    "shift__activity__status",
    "shift__activity__latitude",
    "shift__activity__longitude",
    "shift__activity__checkin_radius_m",
    "shift__activity__region",
)


def _locked_own_signup(shift_id: int, user_id: int, kind: str) -> Signup | None:
    """The caller's sign-up on an open shift, locked (the sign-up row only: ``of=self``),
    read with its shift and activity in the same query; None when the caller has no active
    registration, the shift is not open, or there is no sign-up."""
    found = (
        Signup.objects.select_for_update(of=("self",))
        .filter(
            shift_id=shift_id,
            volunteer__user_id=user_id,
            volunteer__status=Volunteer.Status.ACTIVE,
            shift__activity__status__in=(Activity.Status.PUBLISHED, Activity.Status.FINISHED),
        )
        .order_by()
    )
    if kind == IN:
        found = found.select_related("shift__activity").only(*CHECKIN_READS)
    else:
        found = found.select_related("shift__activity__lead")
    return next(iter(found[:1]), None)


def _by_user(
    *,
    kind: str,
    user: Any,
    shift_id: int,
    code: str,
    latitude: float | Decimal | None,
    longitude: float | Decimal | None,
    idempotency_key: str,
    now: datetime.datetime | None,
) -> CheckinOutcome | None:
    """The phone's request in one locking read: None when it finds no sign-up (or the key is
    malformed), for the caller to take the full path (``checkin_record``), which says why."""
    key = (idempotency_key or "").strip()
    if not KEY_PATTERN.match(key):
        return None
    now = now or timezone.now()
    volunteer_id: int | None = None
    try:
        with transaction.atomic():
            signup = _locked_own_signup(shift_id, user.pk, kind)
            if signup is None:
                return None
            volunteer_id = signup.volunteer_id
            return _change(
                signup,
                shift=signup.shift,
                volunteer_id=volunteer_id,
                kind=kind,
                key=key,
                actor=user,
                now=now,
                kiosk=False,
                checks=_phone_checks(kind, code, latitude, longitude, now),
            )
    except IntegrityError:
        # The key was used before (for this request, by a retry that committed first, or for
        # another): its first answer, or ``idempotency_key_reused``.
        found = _replay(key, shift_id=shift_id, volunteer_id=volunteer_id, kind=kind)
        if found is None:
            raise
        return found


def checkin_record(
    *,
    volunteer: Volunteer,
    shift: Shift,
    code: str,
    latitude: float | Decimal | None,
    longitude: float | Decimal | None,
    idempotency_key: str,
    now: datetime.datetime | None = None,
) -> CheckinOutcome:
    """The volunteer scanned the shift's code: check them in if the code is current, they are
    at the place, the shift is open for check-in and they have a confirmed place on it."""
    return _by_volunteer(
        kind=IN,
        volunteer=volunteer,
        shift=shift,
        code=code,
        latitude=latitude,
        longitude=longitude,
        idempotency_key=idempotency_key,
        now=now,
    )


def checkout_record(
    *,
    volunteer: Volunteer,
    shift: Shift,
    code: str,
    latitude: float | Decimal | None,
    longitude: float | Decimal | None,
    idempotency_key: str,
    now: datetime.datetime | None = None,
) -> CheckinOutcome:
    """The volunteer scanned the code again on leaving: check them out and make the Pending
    service record of the minutes served inside the shift."""
    return _by_volunteer(
        kind=OUT,
        volunteer=volunteer,
        shift=shift,
        code=code,
        latitude=latitude,
        longitude=longitude,
        idempotency_key=idempotency_key,
        now=now,
    )


def checkin_by_user(
    *,
    user: Any,
    shift_id: int,
    code: str,
    latitude: float | Decimal | None,
    longitude: float | Decimal | None,
    idempotency_key: str,
    now: datetime.datetime | None = None,
) -> CheckinOutcome | None:
    """``checkin_record`` for the signed-in ``user`` by shift id, with the same rules, reading
    the volunteer, the shift and the sign-up in the query that locks the sign-up. None (nothing
    done) when the key is malformed or the caller has no sign-up on the shift as an active
    volunteer, or the shift is not open: then ``checkin_record`` (after ``own_volunteer`` and
    ``shift_for_checkin``) gives the refusal, in its order."""
    return _by_user(
        kind=IN,
        user=user,
        shift_id=shift_id,
        code=code,
        latitude=latitude,
        longitude=longitude,
        idempotency_key=idempotency_key,
        now=now,
    )


def checkout_by_user(
    *,
    user: Any,
    shift_id: int,
    code: str,
    latitude: float | Decimal | None,
    longitude: float | Decimal | None,
    idempotency_key: str,
    now: datetime.datetime | None = None,
) -> CheckinOutcome | None:
    """``checkout_record`` for the signed-in ``user`` by shift id; None as in
    ``checkin_by_user``."""
    return _by_user(
        kind=OUT,
        user=user,
        shift_id=shift_id,
        code=code,
        latitude=latitude,
        longitude=longitude,
        idempotency_key=idempotency_key,
        now=now,
    )


# --- staff at a kiosk -------------------------------------------------------------------------
