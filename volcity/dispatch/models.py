"""Dispatch: the civilized-practice order loop (点单 → 审单 → 派单 → 接单 → 评单) and the help line.

A county, city or town publishes a service menu (``ServiceCategory`` → ``ServiceItem``; each
item names the skills it needs and the teams that may provide it). A resident orders an item
(``Order``) from a phone page, a kiosk, or through a dispatcher taking a call; the centre that
handles the order (``handling_region``: the town, or after escalation the city) reviews it,
dispatches it to a team or a volunteer or publishes it to a pool, the team or volunteer accepts
and serves it, and the resident rates it. Every status change goes through
``volcity.core.lifecycle.transition_apply`` (a ``StatusEvent`` per move), so no order is lost
between states. ``DutyShift`` is the 24-hour help-line roster.

The contact phone is stored encrypted (``contact_phone_cipher``) beside its masked form; only
the centre and, once they have accepted, the team or volunteer serving it see it in full.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from volcity.core.lifecycle import Transition, Transitions
from volcity.regions.models import Region


class ServiceCategory(models.Model):
    """A heading of a region's service menu (助老助残, 家电维修 …)."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The county, city or town whose menu this is."),
    )
    name = models.CharField(_("name"), max_length=40)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("service menu category")
        verbose_name_plural = _("service menu categories")
        ordering = ["region_id", "sort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="dispatch_category_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceItem(models.Model):
    """One service a resident can order, and who may provide it."""

    category = models.ForeignKey(
        ServiceCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    skills = models.ManyToManyField(
        "registry.Skill", verbose_name=_("skills needed"), blank=True, related_name="+"
    )
    teams = models.ManyToManyField(
        "registry.Team", verbose_name=_("teams that provide it"), blank=True, related_name="+"
    )
    sort = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("service menu item")
        verbose_name_plural = _("service menu items")
        ordering = ["category_id", "sort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "name"], name="dispatch_item_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Order(models.Model):
    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Normal")
        URGENT = "urgent", _("Urgent")
        EMERGENCY = "emergency", _("Emergency")

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone page")
        KIOSK = "kiosk", pgettext_lazy("order channel", "Kiosk")
        CALL = "call", _("Help-line call")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        REJECTED = "rejected", _("Rejected")
        APPROVED = "approved", _("Reviewed, waiting for dispatch")
        POOLED = "pooled", _("In the pool")
        DISPATCHED = "dispatched", _("Dispatched")
        ACCEPTED = "accepted", pgettext_lazy("order status", "Accepted")
        COMPLETED = "completed", _("Completed")
        RATED = "rated", _("Rated")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS = Transitions(
        Transition("approve", source={"submitted"}, target="approved"),
        Transition("reject", source={"submitted"}, target="rejected", reason_required=True),
        Transition("dispatch", source={"approved", "pooled"}, target="dispatched"),
        Transition("pool", source={"approved"}, target="pooled"),
        Transition("take", source={"pooled"}, target="accepted"),
        Transition("accept", source={"dispatched"}, target="accepted"),
        Transition("decline", source={"dispatched"}, target="approved", reason_required=True),
        Transition(
            "redispatch", source={"dispatched", "accepted"}, target="approved", reason_required=True
        ),
        Transition("escalate", source={"approved", "pooled", "dispatched"}, target="approved"),
        Transition("escalate_review", source={"submitted"}, target="submitted"),
        Transition("complete", source={"accepted"}, target="completed"),
        Transition("rate", source={"completed"}, target="rated"),
        Transition(
            "cancel",
            source={"submitted", "approved", "pooled", "dispatched", "accepted"},
            target="cancelled",
            reason_required=True,
        ),
    )
    OPEN = ("submitted", "approved", "pooled", "dispatched", "accepted")
    WAITING_FOR_ACCEPT = ("submitted", "approved", "pooled", "dispatched")

    number = models.CharField(_("order number"), max_length=20, unique=True)
    item = models.ForeignKey(
        ServiceItem, verbose_name=_("service"), on_delete=models.PROTECT, related_name="orders"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("village or community"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=200)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    wanted_from = models.DateTimeField(_("wanted from"))
    wanted_until = models.DateTimeField(_("wanted until"))
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    description = models.TextField(_("what is needed"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=40)
    contact_phone_cipher = models.TextField(_("contact phone (encrypted)"))
    contact_phone_masked = models.CharField(_("contact phone"), max_length=20)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ordered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    handling_region = models.ForeignKey(
        Region,
        verbose_name=_("handling centre"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_team = models.ForeignKey(
        "registry.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_volunteer = models.ForeignKey(
        "registry.Volunteer",
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accept_by = models.DateTimeField(_("accept by"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    escalation_count = models.PositiveSmallIntegerField(_("escalations"), default=0)
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_note = models.CharField(_("review note"), max_length=200, blank=True)
    report = models.TextField(_("service report"), blank=True)
    hours = models.DecimalField(
        _("service hours"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    service_record = models.ForeignKey(
        "activities.ServiceRecord",
        verbose_name=_("service record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dispatch_orders",
        help_text=_("The record the served hours went to (pending its approval)."),
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    needs_follow_up = models.BooleanField(_("needs follow-up"), default=False)
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)
    follow_up_note = models.TextField(_("follow-up note"), blank=True)
    created_at = models.DateTimeField(_("ordered at"), auto_now_add=True, db_index=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("service order")
        verbose_name_plural = _("service orders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wanted_until__gte=models.F("wanted_from")),
                name="dispatch_order_wanted_range",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="dispatch_order_rating_1_5",
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="dispatch_order_location_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["dispatched", "accepted"])
                | Q(assigned_team__isnull=False)
                | Q(assigned_volunteer__isnull=False),
                name="dispatch_order_assigned_when_dispatched",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "urgency", "created_at"], name="dispatch_order_open"),
            models.Index(fields=["assigned_team", "status"], name="dispatch_order_team"),
            models.Index(fields=["assigned_volunteer", "status"], name="dispatch_order_volunteer"),
            models.Index(fields=["handling_region", "status"], name="dispatch_order_centre"),
            models.Index(fields=["region", "status"], name="dispatch_order_region"),
            models.Index(fields=["status", "accept_by"], name="dispatch_order_due"),
            models.Index(fields=["created_by", "-created_at"], name="dispatch_order_resident"),
        ]

    def __str__(self) -> str:
        return self.number


class OrderPhoto(models.Model):
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("photo"), upload_to="dispatch/orders/%Y/%m/")
    content_type = models.CharField(_("type"), max_length=20)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("order photo")
        verbose_name_plural = _("order photos")

    def __str__(self) -> str:
        return self.image.name


class DutyShift(models.Model):
    """A stretch of the 24-hour help-line roster: a dispatcher or an on-call team."""

    region = models.ForeignKey(
        Region, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dispatcher"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    team = models.ForeignKey(
        "registry.Team",
        verbose_name=_("on-call team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    note = models.CharField(_("note"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty shifts")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="dispatch_duty_ends_after"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(team__isnull=False),
                name="dispatch_duty_someone",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "starts_at"], name="dispatch_duty_region_start"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.starts_at:%Y-%m-%d %H:%M}"
