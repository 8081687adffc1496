"""The time bank's tables. Credits themselves live only in the ledger (hour credits, kept in
minutes): a volunteer's account ``timebank:volunteer:<id>``, the city's issuing account and
its spent account. These tables say why each credit moved: one ``TimeCredit`` per change of
a record's approved minutes, one ``TimeSpend`` per service paid with credits."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from volcity.core.lifecycle import Transition, Transitions
from volcity.ledger.models import LedgerTransaction
from volcity.regions.models import Region
from volcity.registry.models import Volunteer


class FamilyMember(models.Model):
    """A relative of a volunteer who may receive services paid with the volunteer's credits,
    when aged 60 or over on the day of the service. Removed members are kept (spends point
    at them) but can no longer be chosen."""

    class Relation(models.TextChoices):
        PARENT = "parent", _("Parent")
        PARENT_IN_LAW = "parent_in_law", _("Parent-in-law")
        GRANDPARENT = "grandparent", _("Grandparent")
        SPOUSE = "spouse", _("Spouse")
        SIBLING = "sibling", _("Brother or sister")
        OTHER = "other", _("Other relative")

    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=40)
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    birth_date = models.DateField(_("date of birth"))
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        indexes = [models.Index(fields=["volunteer", "id"], name="tb_family_volunteer")]

    def __str__(self) -> str:
        return f"{self.volunteer_id}:{self.pk}"


class TimeCredit(models.Model):
    """One change of a service record's approved minutes and what it did to the credits:
    ``minutes`` is the change (negative when a correction lowered it), ``credited`` what moved
    in the ledger (negative when credits were taken back), ``over_cap`` the minutes not
    credited because the balance reached the cap, ``not_taken_back`` the minutes a decrease
    could not take back because they had already been spent."""

    class Kind(models.TextChoices):
        APPROVAL = "approval", _("Record approved")
        CORRECTION = "correction", _("Record corrected")

    key = models.CharField(_("idempotency key"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT, related_name="+"
    )
    record = models.ForeignKey(
        "activities.ServiceRecord",
        verbose_name=_("service record"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    minutes = models.IntegerField(_("change in approved minutes"))
    credited = models.IntegerField(_("minutes credited"))
    over_cap = models.PositiveIntegerField(_("minutes over the cap"), default=0)
    not_taken_back = models.PositiveIntegerField(_("minutes not taken back"), default=0)
    cap_minutes = models.PositiveIntegerField(_("cap at the time (minutes)"))
    transaction = models.OneToOneField(
        LedgerTransaction,
        verbose_name=_("ledger transaction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("time credit")
        verbose_name_plural = _("time credits")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(minutes=0), name="tb_credit_minutes_not_zero"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    minutes__gt=0, credited__gte=0, credited__lte=models.F("minutes")
                )
                | models.Q(minutes__lt=0, credited__lte=0, credited__gte=models.F("minutes")),
                name="tb_credit_within_change",
            ),
        ]
        indexes = [
            models.Index(fields=["volunteer", "-id"], name="tb_credit_volunteer"),
            models.Index(fields=["record"], name="tb_credit_record"),
            models.Index(fields=["region"], name="tb_credit_region"),
        ]

    def __str__(self) -> str:
        return self.key


class TimeSpend(models.Model):
    """A service paid with hour credits: recorded by the service centre's staff, confirmed by
    the volunteer (on their phone, or in person before the staff), then debited in one ledger
    transaction. There is no cash option: only services from ``Service``."""

    class Service(models.TextChoices):
        HOME_HELP = "home_help", _("Help at home")
        HOSPITAL_ESCORT = "hospital_escort", _("Accompanying to hospital")
        MEALS = "meals", _("Meal delivery")
        CARE_VISIT = "care_visit", _("Care visit and company")
        CLEANING = "cleaning", _("Cleaning")
        HAIRCUT = "haircut", _("Haircut at home")
        ERRANDS = "errands", _("Errands and shopping")
        REPAIRS = "repairs", _("Small repairs")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the volunteer's consent")
        CONFIRMED = "confirmed", _("Confirmed and paid")
        CANCELLED = "cancelled", _("Cancelled")

    class ConfirmedBy(models.TextChoices):
        PHONE = "phone", _("By the volunteer on their phone")
        IN_PERSON = "in_person", _("In person before the staff")

    TRANSITIONS = Transitions(
        Transition("confirm", source={"pending"}, target="confirmed"),
        Transition("cancel", source={"pending"}, target="cancelled", reason_required=True),
    )

    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT, related_name="+"
    )
    beneficiary = models.ForeignKey(
        FamilyMember,
        verbose_name=_("family member served"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the volunteer is served."),
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    description = models.CharField(_("details"), max_length=200, blank=True)
    service_date = models.DateField(_("day of the service"))
    minutes = models.PositiveIntegerField(_("minutes"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_how = models.CharField(
        _("consent given"), max_length=10, choices=ConfirmedBy.choices, blank=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("confirmed or cancelled at"), null=True, blank=True)
    transaction = models.OneToOneField(
        LedgerTransaction,
        verbose_name=_("ledger transaction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("time-bank spend")
        verbose_name_plural = _("time-bank spends")
        constraints = [
            models.CheckConstraint(condition=models.Q(minutes__gte=1), name="tb_spend_minutes_1"),
            models.CheckConstraint(
                condition=~models.Q(status="confirmed") | models.Q(transaction__isnull=False),
                name="tb_spend_confirmed_paid",
            ),
        ]
        indexes = [
            models.Index(fields=["volunteer", "status", "-id"], name="tb_spend_volunteer"),
            models.Index(fields=["region", "status"], name="tb_spend_region"),
        ]

    def __str__(self) -> str:
        return f"spend {self.pk} ({self.status})"
