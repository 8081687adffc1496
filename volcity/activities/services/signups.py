"""Sign-ups: a volunteer takes a place on a shift (or joins its wait-list), cancels, is
promoted from the wait-list; leaders add, remove, mark no-shows and excuse them.

``Shift.seats_taken`` and ``Shift.seats_waiting`` are the sums of the party sizes of the
shift's confirmed and wait-listed sign-ups. Only this module changes them, always while
holding the shift's row lock (``select_for_update``), in the same transaction as the sign-up.
Lock order: the volunteer (self sign-up), then the shift, then sign-up rows.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from volcity.accounts.models import User
from volcity.activities.errors import (
    ActivityNotOpen,
    AlreadySignedUp,
    CancelTooLate,
    MissingSkill,
    NotAllowed,
    OutsideAgeLimit,
    OutsideAudience,
    OverlappingShift,
    PartyTooLarge,
    RiskNotAccepted,
    ShiftFull,
    ShiftOver,
)
from volcity.activities.errors_signups import (
    GuardianRequired,
    ShiftNotEnded,
    VolunteerNotActive,
)
from volcity.activities.models import Activity, HourTotal, Shift, Signup
from volcity.activities.permissions import can_manage_activity, can_send_to_activity
from volcity.audit.services import audit_record
from volcity.core.lifecycle import transition_apply
from volcity.regions.codes import is_within, prefix_for_code
from volcity.registry.models import Volunteer

GUARDIAN_AGE = 10


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def shift_day(shift: Shift) -> datetime.date:
    return timezone.localtime(shift.starts_at).date()


def volunteer_age_at(volunteer: Volunteer, shift: Shift) -> int | None:
    """The volunteer's age on the day of the shift (None when no birth date is on record)."""
    birth = volunteer.user.birth_date
    return None if birth is None else age_on(birth, shift_day(shift))


def needs_guardian(volunteer: Volunteer, shift: Shift) -> bool:
    age = volunteer_age_at(volunteer, shift)
    return age is not None and age < GUARDIAN_AGE


# --- locking and counters ----------------------------------------------------------------


def _lock_shift(shift_id: int) -> Shift:
    """The shift, locked for the rest of the transaction, with its activity."""
    shift = Shift.objects.select_for_update().get(pk=shift_id)
    shift.activity = Activity.objects.get(pk=shift.activity_id)
    return shift


def _seats(shift: Shift, *, taken: int = 0, waiting: int = 0) -> None:
    """Move the counters of a locked shift (in the row and on the instance)."""
    if not (taken or waiting):
        return
    Shift.objects.filter(pk=shift.pk).update(
        seats_taken=F("seats_taken") + taken, seats_waiting=F("seats_waiting") + waiting
    )
    shift.seats_taken += taken
    shift.seats_waiting += waiting


def _free_seats(shift: Shift) -> int:
    return shift.capacity - shift.seats_taken


# --- the checks ------------------------------------------------------------------------------


def _check_open(shift: Shift, now: datetime.datetime) -> None:
    activity = shift.activity
    if shift.cancelled:
        raise ActivityNotOpen(_("This shift was cancelled."), field="shift")
    if activity.status != Activity.Status.PUBLISHED or not activity.recruiting:
        raise ActivityNotOpen(field="shift")
    if shift.ends_at <= now:
        raise ShiftOver(field="shift")
    if shift.starts_at <= now:
        raise ShiftOver(_("This shift has already started."), field="shift")


def _check_volunteer(volunteer: Volunteer) -> None:
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise VolunteerNotActive(field="volunteer")


def _check_audience(volunteer: Volunteer, activity: Activity) -> None:
    if activity.audience_region_id is None:
        return
    if not is_within(volunteer.region_id, prefix_for_code(activity.audience_region_id)):
        raise OutsideAudience(field="volunteer")


def _check_age(volunteer: Volunteer, shift: Shift) -> None:
    activity = shift.activity
    if activity.min_age is None and activity.max_age is None:
        return
    age = volunteer_age_at(volunteer, shift)
    if age is None:
        raise OutsideAgeLimit(
            _("This activity has an age limit and your date of birth is not on record."),
            field="volunteer",
        )
    too_young = activity.min_age is not None and age < activity.min_age
    too_old = activity.max_age is not None and age > activity.max_age
    if too_young or too_old:
        raise OutsideAgeLimit(
            _("This activity is open to volunteers aged %(low)s to %(high)s; you are %(age)s.")
            % {
                "low": activity.min_age if activity.min_age is not None else "—",
                "high": activity.max_age if activity.max_age is not None else "—",
                "age": age,
            },
            field="volunteer",
        )


def _check_skills(volunteer: Volunteer, activity: Activity) -> None:
    needed = list(activity.required_skills.all())
    if not needed:
        return
    have = set(volunteer.skills.values_list("pk", flat=True))
    for skill in needed:
        if skill.pk not in have:
            raise MissingSkill(
                _("This activity needs the skill “%(skill)s”, which you have not registered.")
                % {"skill": skill.label},
                field="skills",
            )


def _check_party(party_size: int, shift: Shift) -> None:
    activity = shift.activity
    if party_size < 1:
        raise PartyTooLarge(_("A party is at least 1 person."), field="party_size")
    if party_size > activity.max_party_size:
        raise PartyTooLarge(
            _("This activity takes parties of at most %(max)s people.")
            % {"max": activity.max_party_size},
            field="party_size",
        )
    if party_size > shift.capacity:
        raise PartyTooLarge(
            _("This shift has only %(capacity)s places in all.") % {"capacity": shift.capacity},
            field="party_size",
        )


def _check_risk(activity: Activity, accept_risk: bool) -> None:
    if activity.risk_disclosure.strip() and not accept_risk:
        raise RiskNotAccepted(field="accept_risk")


def _check_guardian(volunteer: Volunteer, shift: Shift, guardian_present: bool) -> None:
    if needs_guardian(volunteer, shift) and not guardian_present:
        raise GuardianRequired(field="guardian_present")


def _check_not_signed_up(existing: Signup | None) -> None:
    if existing is not None and existing.status in Signup.ACTIVE:
        raise AlreadySignedUp(field="shift")
    if existing is not None and existing.status == Signup.Status.NO_SHOW:
        raise AlreadySignedUp(field="shift")


def _check_overlap(volunteer: Volunteer, shift: Shift) -> None:
    clash = (
        Signup.objects.filter(
            volunteer=volunteer,
            status__in=Signup.ACTIVE,
            shift__cancelled=False,
            shift__starts_at__lt=shift.ends_at,
            shift__ends_at__gt=shift.starts_at,
        )
        .exclude(shift_id=shift.pk)
        .select_related("shift__activity")
        .first()
    )
    if clash is not None:
        raise OverlappingShift(
            _("You are signed up for “%(title)s” at %(time)s, which overlaps this shift.")
            % {
                "title": clash.shift.activity.title,
                "time": timezone.localtime(clash.shift.starts_at).strftime("%Y-%m-%d %H:%M"),
            },
            field="shift",
        )


# --- placing a person ------------------------------------------------------------------------


def _place(
    *,
    shift: Shift,
    volunteer: Volunteer,
    party_size: int,
    accept_risk: bool,
    guardian_present: bool,
    actor: Any,
    added_by: Any,
    check_audience: bool,
) -> Signup:
    """Every check, then the new (or reused) sign-up: confirmed when the party fits, else
    wait-listed. The volunteer and the shift are locked here, in the caller's transaction
    when there is one."""
    with transaction.atomic():
        return _place_locked(
            shift=shift,
            volunteer=volunteer,
            party_size=party_size,
            accept_risk=accept_risk,
            guardian_present=guardian_present,
            actor=actor,
            added_by=added_by,
            check_audience=check_audience,
        )


def _place_locked(
    *,
    shift: Shift,
    volunteer: Volunteer,
    party_size: int,
    accept_risk: bool,
    guardian_present: bool,
    actor: Any,
    added_by: Any,
    check_audience: bool,
) -> Signup:
    now = timezone.now()
    # The volunteer's lock keeps two sign-ups of one person (overlap check) in order.
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    volunteer.user = User.objects.get(pk=volunteer.user_id)
    shift = _lock_shift(shift.pk)
    activity = shift.activity
    _check_open(shift, now)
    _check_volunteer(volunteer)
    if check_audience:
        _check_audience(volunteer, activity)
    _check_age(volunteer, shift)
    _check_skills(volunteer, activity)
    _check_risk(activity, accept_risk)
    _check_party(party_size, shift)
    _check_guardian(volunteer, shift, guardian_present)
    existing = Signup.objects.filter(shift=shift, volunteer=volunteer).first()
    _check_not_signed_up(existing)
    _check_overlap(volunteer, shift)

    confirmed = _free_seats(shift) >= party_size
    status = Signup.Status.CONFIRMED if confirmed else Signup.Status.WAITLISTED
    values = {
        "party_size": party_size,
        "risk_accepted_at": now if activity.risk_disclosure.strip() else None,
        "guardian_present": guardian_present,
        "added_by": added_by,
        "queued_at": None if confirmed else now,
        "cancelled_at": None,
    }
    if existing is None:
        try:
            with transaction.atomic():
                signup = Signup.objects.create(
                    shift=shift, volunteer=volunteer, status=status, **values
                )
        except IntegrityError:
            raise AlreadySignedUp(field="shift") from None
        audit_record(
            "activities.signup.created",
            obj=signup,
            actor=actor,
            region_id=activity.region_id,
            changes={"shift": shift.pk, "status": status, "party_size": party_size},
        )
    else:
        signup = existing
        for name, value in values.items():
            setattr(signup, name, value)
        transition_apply(
            signup,
            "rejoin" if confirmed else "rejoin_waitlist",
            actor=actor,
            extra_fields=list(values),
        )
    if confirmed:
        _seats(shift, taken=party_size)
    else:
        _seats(shift, waiting=party_size)
    signup.shift = shift
    signup.volunteer = volunteer
    return signup


def signup_create(
    *,
    volunteer: Volunteer,
    shift: Shift,
    party_size: int = 1,
    accept_risk: bool = False,
    guardian_present: bool = False,
) -> Signup:
    """The volunteer signs up (with ``party_size`` people in all). A full shift puts them on
    its wait-list (``status == "waitlisted"``) instead of refusing them."""
    with transaction.atomic():
        return _place(
            shift=shift,
            volunteer=volunteer,
            party_size=party_size,
            accept_risk=accept_risk,
            guardian_present=guardian_present,
            actor=volunteer.user,
            added_by=None,
            check_audience=True,
        )


def signup_add(
    *,
    actor: Any,
    shift: Shift,
    volunteer: Volunteer,
    party_size: int = 1,
    accept_risk: bool = False,
    guardian_present: bool = False,
) -> Signup:
    """A leader puts a person on the shift (someone without a phone, someone recruited in
    person). The same rules as a self sign-up, except the audience region. ``accept_risk``
    says the leader told the person the risks and they accepted."""
    activity = Activity.objects.get(pk=shift.activity_id)
    if not can_send_to_activity(actor, activity, volunteer):
        raise NotAllowed()
    with transaction.atomic():
        return _place(
            shift=shift,
            volunteer=volunteer,
            party_size=party_size,
            accept_risk=accept_risk,
            guardian_present=guardian_present,
            actor=actor,
            added_by=actor if getattr(actor, "is_authenticated", False) else None,
            check_audience=False,
        )


# --- leaving -----------------------------------------------------------------------------------


def _leave(signup: Signup, action: str, *, actor: Any, reason: str = "") -> tuple[Signup, Shift]:
    """Cancel a confirmed or wait-listed sign-up, free its seats and promote; the caller holds
    the transaction and has locked nothing."""
    shift = _lock_shift(signup.shift_id)
    was = Signup.objects.select_for_update().get(pk=signup.pk).status
    signup.status = was
    signup.cancelled_at = timezone.now()
    transition_apply(signup, action, actor=actor, reason=reason, extra_fields=["cancelled_at"])
    if was == Signup.Status.CONFIRMED:
        _seats(shift, taken=-signup.party_size)
    elif was == Signup.Status.WAITLISTED:
        _seats(shift, waiting=-signup.party_size)
    _promote_locked(shift, actor=actor)
    signup.shift = shift
    return signup, shift


def signup_cancel(*, volunteer: Volunteer, signup: Signup) -> Signup:
    """The volunteer gives up their place. A confirmed place cannot be given up within
    ``VOLCITY_CANCEL_NOTICE_HOURS`` of the start (the lead releases it then); a wait-list
    place always can. The freed seats go to the wait-list, first come first served."""
    if signup.volunteer_id != volunteer.pk:
        raise NotAllowed(_("This is not your sign-up."))
    with transaction.atomic():
        current = Signup.objects.select_related("shift").get(pk=signup.pk)
        if current.status == Signup.Status.CONFIRMED:
            notice = datetime.timedelta(hours=settings.VOLCITY_CANCEL_NOTICE_HOURS)
            if timezone.now() > current.shift.starts_at - notice:
                raise CancelTooLate(field="signup")
        signup.status = current.status
        done, _shift = _leave(signup, "cancel", actor=volunteer.user)
    return done


def signup_remove(*, actor: Any, signup: Signup, reason: str) -> Signup:
    """A leader takes a person off the shift (at any time before or during it), with a
    reason; the freed seats go to the wait-list."""
    activity = Activity.objects.get(pk=Shift.objects.get(pk=signup.shift_id).activity_id)
    if not can_manage_activity(actor, activity):
        raise NotAllowed()
    with transaction.atomic():
        done, _shift = _leave(signup, "remove", actor=actor, reason=reason)
    return done


# --- the wait-list -----------------------------------------------------------------------------


def _promoted_text(signup: Signup, shift: Shift) -> str:
    return gettext(
        "Volunteer City: a place opened up and you are now signed up for “%(title)s” on "
        "%(time)s. If you cannot come, cancel it on My shifts."
    ) % {
        "title": shift.activity.title,
        "time": timezone.localtime(shift.starts_at).strftime("%Y-%m-%d %H:%M"),
    }


def _notify_promoted(signups: list[Signup], shift: Shift) -> None:
    from volcity.accounts.sms import sms_send

    for signup in signups:
        phone = signup.volunteer.user.phone
        if phone:
            sms_send(phone, _promoted_text(signup, shift))


def _promote_locked(shift: Shift, *, actor: Any) -> list[Signup]:
    """Confirm the wait-list's head while its party fits (strict order of ``queued_at``);
    the shift is locked by the caller. Nobody is promoted into a cancelled or finished
    shift. Promoted people get an SMS after commit."""
    if shift.cancelled or shift.ends_at <= timezone.now():
        return []
    promoted: list[Signup] = []
    queue = (
        Signup.objects.select_for_update()
        .filter(shift=shift, status=Signup.Status.WAITLISTED)
        .order_by("queued_at", "id")
    )
    for waiting in queue:
        if waiting.party_size > _free_seats(shift):
            break
        transition_apply(waiting, "promote", actor=actor)
        _seats(shift, taken=waiting.party_size, waiting=-waiting.party_size)
        promoted.append(waiting)
    if promoted:
        ids = [s.pk for s in promoted]
        fresh = list(Signup.objects.filter(pk__in=ids).select_related("volunteer__user"))
        transaction.on_commit(lambda: _notify_promoted(fresh, shift))
    return promoted


def signups_promote(shift: Shift, *, actor: Any = None) -> list[Signup]:
    """Fill free seats from the wait-list (after a cancellation, or when another area raises
    the capacity). Returns the sign-ups confirmed."""
    with transaction.atomic():
        locked = _lock_shift(shift.pk)
        promoted = _promote_locked(locked, actor=actor)
    shift.seats_taken, shift.seats_waiting = locked.seats_taken, locked.seats_waiting
    return promoted


# --- after the shift: no-shows -----------------------------------------------------------------


def _no_shows_add(volunteer_id: int, delta: int) -> None:
    HourTotal.objects.get_or_create(kind=HourTotal.Kind.VOLUNTEER, ref=volunteer_id)
    rows = HourTotal.objects.filter(kind=HourTotal.Kind.VOLUNTEER, ref=volunteer_id)
    if delta < 0:
        rows = rows.filter(no_shows__gte=-delta)
    rows.update(no_shows=F("no_shows") + delta)


def signups_mark_no_show(
    *, shift: Shift | None = None, now: datetime.datetime | None = None, actor: Any = None
) -> int:
    """Once the shift has ended, every confirmed sign-up without a check-in becomes a
    no-show and counts on the volunteer's total. Returns how many were marked. Run by a
    leader for one shift (``actor``, checked), or by the scheduler with no shift: then every
    ended shift that still has such sign-ups is done, each in its own transaction."""
    now = now or timezone.now()
    if shift is None:
        ended = (
            Shift.objects.filter(
                ends_at__lte=now,
                cancelled=False,
                signups__status=Signup.Status.CONFIRMED,
                signups__checked_in_at__isnull=True,
            )
            .values_list("pk", flat=True)
            .distinct()
            .order_by("pk")
        )
        return sum(_mark_no_shows(shift_id, now=now, actor=actor) for shift_id in list(ended))
    marked = _mark_no_shows(shift.pk, now=now, actor=actor)
    fresh = Shift.objects.get(pk=shift.pk)
    shift.seats_taken, shift.seats_waiting = fresh.seats_taken, fresh.seats_waiting
    return marked


def _mark_no_shows(shift_id: int, *, now: datetime.datetime, actor: Any) -> int:
    with transaction.atomic():
        locked = _lock_shift(shift_id)
        if actor is not None and not can_manage_activity(actor, locked.activity):
            raise NotAllowed()
        if locked.ends_at > now:
            raise ShiftNotEnded(field="shift")
        absent = list(
            Signup.objects.select_for_update()
            .filter(shift=locked, status=Signup.Status.CONFIRMED, checked_in_at__isnull=True)
            .order_by("id")
        )
        for signup in absent:
            transition_apply(signup, "mark_no_show", actor=actor)
            _seats(locked, taken=-signup.party_size)
            _no_shows_add(signup.volunteer_id, 1)
    return len(absent)


def signup_excuse_no_show(*, actor: Any, signup: Signup, reason: str) -> Signup:
    """A leader takes back a no-show (the person had told them, or came without checking
    in): the sign-up is confirmed again and the volunteer's no-show count goes down."""
    activity = Activity.objects.get(pk=Shift.objects.get(pk=signup.shift_id).activity_id)
    if not can_manage_activity(actor, activity):
        raise NotAllowed()
    with transaction.atomic():
        shift = _lock_shift(signup.shift_id)
        transition_apply(signup, "excuse_no_show", actor=actor, reason=reason)
        if signup.party_size > _free_seats(shift):
            # Rolls the transition back with the rest of the transaction.
            raise ShiftFull(field="signup")
        _seats(shift, taken=signup.party_size)
        _no_shows_add(signup.volunteer_id, -1)
    signup.shift = shift
    return signup
