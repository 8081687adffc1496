"""How service happens: brands and projects, activities and their shifts, sign-ups, check-ins.

Service records, hour totals, stars and certificates are in ``models_records``; mobilisation
campaigns in ``models_campaigns``. Times are stored aware (UTC) and shown in the city's zone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from volcity.core.lifecycle import Transition, Transitions
from volcity.regions.models import Region
from volcity.registry.models import ServiceCategory, Skill, Team, Volunteer


class Brand(models.Model):
    """A named family of projects the city promotes ("Lighting Micro-Wish", "Love Escort 365")."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    description = models.TextField(_("description"), blank=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("brand")
        verbose_name_plural = _("brands")
        ordering = ["sort", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Project(models.Model):
    """A service project owned by a team, with goals and outcome counters other areas feed."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    brand = models.ForeignKey(
        Brand,
        verbose_name=_("brand"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    name = models.CharField(_("project name"), max_length=80)
    team = models.ForeignKey(
        Team, verbose_name=_("owning team"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.ForeignKey(
        ServiceCategory,
        verbose_name=_("service category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    goal_people = models.PositiveIntegerField(_("people to help (goal)"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    # Outcome counters, kept current on write by the areas that produce them.
    people_helped = models.PositiveIntegerField(_("people helped"), default=0)
    wishes_fulfilled = models.PositiveIntegerField(_("wishes fulfilled"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("service project")
        verbose_name_plural = _("service projects")
        constraints = [
            models.UniqueConstraint(fields=["team", "name"], name="project_unique_name_in_team"),
        ]
        indexes = [
            models.Index(fields=["region", "id"], name="project_region_id"),
            models.Index(fields=["brand", "id"], name="project_brand_id"),
        ]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """Something volunteers do at a place, in one or more shifts."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        FINISHED = "finished", _("Finished")

    TRANSITIONS = Transitions(
        Transition("publish", source={"draft"}, target="published"),
        Transition(
            "cancel", source={"draft", "published"}, target="cancelled", reason_required=True
        ),
        Transition("finish", source={"published"}, target="finished"),
    )

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    campaign = models.ForeignKey(
        "activities.Campaign",
        verbose_name=_("mobilisation campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("organising team"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        ServiceCategory,
        verbose_name=_("service category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("where"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("address"), max_length=120)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    checkin_radius_m = models.PositiveIntegerField(_("check-in radius (m)"), default=500)
    # Who may sign up: residents of this region and below; empty means the whole city.
    audience_region = models.ForeignKey(
        Region,
        verbose_name=_("open to residents of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    required_skills = models.ManyToManyField(
        Skill, verbose_name=_("required skills"), blank=True, related_name="+"
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    max_party_size = models.PositiveSmallIntegerField(
        _("largest party per sign-up"),
        default=1,
        help_text=_("More than 1 allows family service: a volunteer brings family members."),
    )
    risk_disclosure = models.TextField(_("risks"), blank=True)
    insured = models.BooleanField(_("accident insurance in place"), default=False)
    recruiting = models.BooleanField(_("recruitment open"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("activity lead"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    # {"freq": "weekly", "weekdays": [0, 2], "until": "2026-12-31"}: how its shifts were made.
    recurrence = models.JSONField(_("repeats"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True)
                | models.Q(max_age__isnull=True)
                | models.Q(max_age__gte=models.F("min_age")),
                name="activity_age_range",
            ),
            models.CheckConstraint(
                condition=models.Q(max_party_size__gte=1), name="activity_party_at_least_1"
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                & models.Q(longitude__gte=-180, longitude__lte=180),
                name="activity_coordinates_on_earth",
            ),
            models.CheckConstraint(
                condition=models.Q(risk_disclosure="")
                | models.Q(insured=True)
                | ~models.Q(status="published"),
                name="activity_risky_published_insured",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "status", "id"], name="activity_region_status"),
            models.Index(fields=["team", "id"], name="activity_team_id"),
            models.Index(fields=["project", "id"], name="activity_project_id"),
        ]

    def __str__(self) -> str:
        return self.title


class Shift(models.Model):
    """One sitting of an activity: a time window with a capacity (in seats)."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="shifts"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"))
    # Kept under the shift's row lock by the sign-up services.
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0)
    seats_waiting = models.PositiveIntegerField(_("seats on the wait-list"), default=0)
    checked_in = models.PositiveIntegerField(_("checked in"), default=0)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="shift_capacity_1"),
            models.CheckConstraint(
                condition=models.Q(seats_taken__lte=models.F("capacity")),
                name="shift_not_overbooked",
            ),
        ]
        indexes = [
            models.Index(fields=["activity", "starts_at"], name="shift_activity_start"),
            models.Index(fields=["starts_at"], name="shift_start"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} @ {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class Signup(models.Model):
    """A volunteer's place on a shift, from sign-up (or wait-list) to check-out."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Signed up")
        WAITLISTED = "waitlisted", _("On the wait-list")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Did not come")

    TRANSITIONS = Transitions(
        Transition("promote", source={"waitlisted"}, target="confirmed"),
        Transition("cancel", source={"confirmed", "waitlisted"}, target="cancelled"),
        Transition(
            "remove", source={"confirmed", "waitlisted"}, target="cancelled", reason_required=True
        ),
        Transition("rejoin", source={"cancelled"}, target="confirmed"),
        Transition("rejoin_waitlist", source={"cancelled"}, target="waitlisted"),
        Transition("mark_no_show", source={"confirmed"}, target="no_show"),
        Transition("excuse_no_show", source={"no_show"}, target="confirmed", reason_required=True),
    )
    ACTIVE = ("confirmed", "waitlisted")

    shift = models.ForeignKey(
        Shift, verbose_name=_("shift"), on_delete=models.PROTECT, related_name="signups"
    )
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    party_size = models.PositiveSmallIntegerField(_("party size"), default=1)
    risk_accepted_at = models.DateTimeField(_("risks accepted at"), null=True, blank=True)
    guardian_present = models.BooleanField(_("guardian will be present"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    # Wait-list order: when the person (re)joined the queue.
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    checkout_auto = models.BooleanField(_("checked out automatically"), default=False)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["shift", "volunteer"], name="signup_once_per_shift"),
            models.CheckConstraint(condition=models.Q(party_size__gte=1), name="signup_party_1"),
            models.CheckConstraint(
                condition=models.Q(checked_out_at__isnull=True)
                | models.Q(
                    checked_in_at__isnull=False, checked_out_at__gte=models.F("checked_in_at")
                ),
                name="signup_out_after_in",
            ),
        ]
        indexes = [
            models.Index(fields=["volunteer", "status"], name="signup_volunteer_status"),
            models.Index(fields=["shift", "status", "queued_at"], name="signup_shift_queue"),
            models.Index(
                fields=["checked_in_at"],
                name="signup_open_checkin",
                condition=models.Q(checked_in_at__isnull=False, checked_out_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_id} on {self.shift_id} ({self.status})"


class CheckinAttempt(models.Model):
    """One check-in or check-out request by its idempotency key: a retried request finds its
    first answer here instead of acting twice."""

    class Kind(models.TextChoices):
        CHECK_IN = "in", _("Check-in")
        CHECK_OUT = "out", _("Check-out")

    key = models.CharField(_("idempotency key"), max_length=64, unique=True)
    signup = models.ForeignKey(
        Signup, verbose_name=_("sign-up"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    distance_m = models.PositiveIntegerField(_("distance (m)"), null=True, blank=True)
    via_kiosk = models.BooleanField(_("at a kiosk"), default=False)

    class Meta:
        verbose_name = _("check-in request")
        verbose_name_plural = _("check-in requests")

    def __str__(self) -> str:
        return self.key


from volcity.activities.models_campaigns import Campaign, CampaignSite, CampaignTeam  # noqa: E402,F401
from volcity.activities.models_records import (  # noqa: E402,F401
    Certificate,
    HourTotal,
    RecordCorrection,
    ServiceRecord,
    StarAward,
)
