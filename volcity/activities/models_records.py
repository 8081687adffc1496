"""Service records, the hour totals kept from them, star awards and certificates.

A record is never deleted: it is Pending, then Approved or Declined; a correction is a reviewed
request that changes it with an audit entry. Minutes are whole numbers; pages show hours.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from volcity.core.lifecycle import Transition, Transitions
from volcity.regions.models import Region
from volcity.registry.models import Team, Volunteer


class ServiceRecord(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    class Source(models.TextChoices):
        CHECKIN = "checkin", _("Check-in and check-out")
        AUTO_CHECKOUT = "auto_checkout", _("Automatic check-out")
        LEADER = "leader", _("Entered by the leader")
        SELF = "self", _("Reported by the volunteer")

    TRANSITIONS = Transitions(
        Transition("approve", source={"pending"}, target="approved"),
        Transition("decline", source={"pending"}, target="declined", reason_required=True),
        # An accepted correction of a declined record restores it.
        Transition("reinstate", source={"declined"}, target="approved", reason_required=True),
    )

    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT, related_name="+"
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signup = models.OneToOneField(
        "activities.Signup",
        verbose_name=_("sign-up"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="record",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("organising unit"), on_delete=models.PROTECT, related_name="+"
    )
    project = models.ForeignKey(
        "activities.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Where the service was given: hour totals per region and the party-member report use it.
    region = models.ForeignKey(
        Region, verbose_name=_("where"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("activity name"), max_length=80)
    served_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120)
    content = models.TextField(_("what was done"), blank=True)
    minutes = models.PositiveIntegerField(_("minutes served"))
    started_at = models.DateTimeField(_("service started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("service ended at"), null=True, blank=True)
    lead_name = models.CharField(_("activity lead"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(_("source"), max_length=14, choices=Source.choices)
    flagged = models.BooleanField(_("needs a look"), default=False)
    flag_reason = models.CharField(_("why it needs a look"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.CharField(_("reason declined"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=24 * 60),
                name="record_minutes_1_to_1440",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(started_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="record_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["volunteer", "-served_on", "-id"], name="record_volunteer_date"),
            models.Index(fields=["team", "status", "-id"], name="record_team_status"),
            models.Index(fields=["region", "served_on"], name="record_region_date"),
            models.Index(fields=["activity", "status"], name="record_activity_status"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.served_on} {self.minutes}min ({self.status})"


class RecordCorrection(models.Model):
    """A volunteer's request to correct one of their records; a leader accepts or rejects it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    TRANSITIONS = Transitions(
        Transition("accept", source={"pending"}, target="accepted"),
        Transition("reject", source={"pending"}, target="rejected", reason_required=True),
    )

    record = models.ForeignKey(
        ServiceRecord,
        verbose_name=_("record"),
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    minutes = models.PositiveIntegerField(_("minutes served (corrected)"), null=True, blank=True)
    served_on = models.DateField(_("date (corrected)"), null=True, blank=True)
    content = models.TextField(_("what was done (corrected)"), blank=True)
    reason = models.TextField(_("why"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("record correction")
        verbose_name_plural = _("record corrections")
        constraints = [
            models.UniqueConstraint(
                fields=["record"],
                condition=models.Q(status="pending"),
                name="correction_one_pending_per_record",
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__isnull=True)
                | models.Q(minutes__gte=1, minutes__lte=1440),
                name="correction_minutes_1_to_1440",
            ),
        ]

    def __str__(self) -> str:
        return f"correction of {self.record_id} ({self.status})"


class HourTotal(models.Model):
    """Hours kept current on write, per volunteer, team, project and region (village, town and
    city each get their own row), so no page sums the record table."""

    class Kind(models.TextChoices):
        VOLUNTEER = "v", _("volunteer")
        TEAM = "t", _("team")
        PROJECT = "p", _("project")
        REGION = "r", _("region")

    kind = models.CharField(_("kind"), max_length=1, choices=Kind.choices)
    ref = models.BigIntegerField(_("owner"))
    minutes_approved = models.BigIntegerField(_("approved minutes"), default=0)
    records_approved = models.PositiveIntegerField(_("approved records"), default=0)
    minutes_pending = models.BigIntegerField(_("pending minutes"), default=0)
    records_pending = models.PositiveIntegerField(_("pending records"), default=0)
    no_shows = models.PositiveIntegerField(_("no-shows"), default=0)

    class Meta:
        verbose_name = _("hour total")
        verbose_name_plural = _("hour totals")
        constraints = [
            models.UniqueConstraint(fields=["kind", "ref"], name="hourtotal_one_per_owner"),
            models.CheckConstraint(
                condition=models.Q(minutes_approved__gte=0, minutes_pending__gte=0),
                name="hourtotal_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.ref} {self.minutes_approved}min"


class StarAward(models.Model):
    """A star level reached, kept once: stars are earned in order and the date stays."""

    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("star level"))
    earned_at = models.DateTimeField(_("earned at"))
    minutes_at_award = models.BigIntegerField(_("approved minutes then"))

    class Meta:
        verbose_name = _("star award")
        verbose_name_plural = _("star awards")
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "level"], name="star_once_per_level"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="star_level_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_id} ★{self.level}"


class Certificate(models.Model):
    """A certificate of service record (志愿服务记录证明): a snapshot of what it certified, so
    the PDF and the public verification page always agree with what was issued."""

    number = models.CharField(_("certificate number"), max_length=24, unique=True)
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT, related_name="+"
    )
    # Identity block.
    holder_name = models.CharField(_("holder's name"), max_length=40)
    id_type = models.CharField(_("ID type"), max_length=20)
    id_masked = models.CharField(_("ID number (masked)"), max_length=24)
    volunteer_number = models.CharField(_("volunteer number"), max_length=16)
    # Service block.
    minutes_total = models.BigIntegerField(_("total minutes"))
    records_total = models.PositiveIntegerField(_("records"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    content = models.TextField(_("service content"))
    # Issuer block.
    issuer_org = models.CharField(_("issuing organisation"), max_length=80)
    person_in_charge = models.CharField(_("person in charge"), max_length=40)
    handler = models.CharField(_("handled by"), max_length=40)
    contact = models.CharField(_("contact"), max_length=40)
    issued_on = models.DateField(_("date of issue"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.CharField(_("why revoked"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("certificate of service record")
        verbose_name_plural = _("certificates of service record")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="certificate_period_order",
            ),
        ]
        indexes = [models.Index(fields=["volunteer", "-id"], name="certificate_volunteer")]

    def __str__(self) -> str:
        return self.number
