"""Rankings, red and black lists, civic credit ratings and their consented export.

``RatingPolicy`` holds a village bank's black-list threshold and grade thresholds (one per
bank, made with defaults on first use). ``ListPublication`` freezes a quarter's red list
(红榜, the households praised) and black list (黑榜) as ``ListEntry`` rows: figures never change
once published; a black-list entry may only be withdrawn, with a reason. ``CreditRating`` is one
household's civic credit score as of a day, with the inputs it was computed from.
``BankSharingConsent`` records a household's separate consent to share its rating with a
partner bank (revocable, history kept); ``RatingExport`` records every file handed to a bank.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volcity.virtue.models import Household, Resident, VirtueBank


class RatingPolicy(models.Model):
    bank = models.OneToOneField(
        VirtueBank, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="+"
    )
    black_list_threshold = models.PositiveIntegerField(
        _("black list from (points deducted in a quarter)"), default=10
    )
    aaa_min = models.PositiveSmallIntegerField(_("AAA from score"), default=90)
    aa_min = models.PositiveSmallIntegerField(_("AA from score"), default=80)
    a_min = models.PositiveSmallIntegerField(_("A from score"), default=70)
    b_min = models.PositiveSmallIntegerField(_("B from score"), default=60)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rating policy")
        verbose_name_plural = _("rating policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(black_list_threshold__gte=1), name="virtue_policy_threshold_positive"
            ),
            models.CheckConstraint(
                condition=Q(aaa_min__gt=models.F("aa_min"))
                & Q(aa_min__gt=models.F("a_min"))
                & Q(a_min__gt=models.F("b_min"))
                & Q(aaa_min__lte=100),
                name="virtue_policy_grades_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bank_id}"


class ListPublication(models.Model):
    bank = models.ForeignKey(
        VirtueBank, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    top_n = models.PositiveSmallIntegerField(_("households praised"))
    black_list_threshold = models.PositiveIntegerField(_("black list from"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("published red and black lists")
        verbose_name_plural = _("published red and black lists")
        ordering = ["bank", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["bank", "year", "quarter"], name="virtue_publication_once"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="virtue_publication_quarter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"


class ListEntry(models.Model):
    class Kind(models.TextChoices):
        RED = "red", _("Red list (praised)")
        BLACK = "black", _("Black list")

    publication = models.ForeignKey(
        ListPublication,
        verbose_name=_("publication"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    kind = models.CharField(_("list"), max_length=5, choices=Kind.choices)
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+"
    )
    rank = models.PositiveIntegerField(_("rank"))
    head_name = models.CharField(_("head of household"), max_length=60)
    household_number = models.CharField(_("household number"), max_length=20)
    earned = models.IntegerField(_("points earned"))
    deducted = models.IntegerField(_("points deducted"))
    net = models.IntegerField(_("net points"))
    categories = models.JSONField(_("categories"), default=list, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdraw_reason = models.TextField(_("why withdrawn"), blank=True)

    class Meta:
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        ordering = ["publication", "kind", "rank", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "kind", "household"], name="virtue_entry_once"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(kind="black"),
                name="virtue_entry_only_black_withdrawn",
            ),
        ]
        indexes = [models.Index(fields=["household", "kind"], name="virtue_entry_household")]

    def __str__(self) -> str:
        return f"{self.kind} {self.rank} {self.household_number}"


class CreditRating(models.Model):
    class Grade(models.TextChoices):
        AAA = "AAA", "AAA"
        AA = "AA", "AA"
        A = "A", "A"
        B = "B", "B"
        C = "C", "C"

    bank = models.ForeignKey(
        VirtueBank, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+"
    )
    as_of = models.DateField(_("as of"))
    score = models.PositiveSmallIntegerField(_("score"))
    grade = models.CharField(_("grade"), max_length=3, choices=Grade.choices)
    inputs = models.JSONField(_("inputs"), default=dict)
    computed_at = models.DateTimeField(_("computed at"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("civic credit rating")
        verbose_name_plural = _("civic credit ratings")
        constraints = [
            models.UniqueConstraint(fields=["household", "as_of"], name="virtue_rating_once"),
            models.CheckConstraint(condition=Q(score__lte=100), name="virtue_rating_score"),
        ]
        indexes = [models.Index(fields=["bank", "as_of"], name="virtue_rating_bank")]

    def __str__(self) -> str:
        return f"{self.household_id} {self.as_of} {self.grade}"


class BankSharingConsent(models.Model):
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+"
    )
    resident = models.ForeignKey(
        Resident, verbose_name=_("consent given by"), on_delete=models.PROTECT, related_name="+"
    )
    partner = models.CharField(_("partner bank"), max_length=60)
    granted_at = models.DateTimeField(_("granted at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    evidence = models.CharField(_("evidence"), max_length=200, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoke_reason = models.TextField(_("why revoked"), blank=True)

    class Meta:
        verbose_name = _("consent to share with a bank")
        verbose_name_plural = _("consents to share with a bank")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "partner"],
                condition=Q(revoked_at__isnull=True),
                name="virtue_consent_one_active",
            ),
        ]
        indexes = [models.Index(fields=["partner", "revoked_at"], name="virtue_consent_partner")]

    def __str__(self) -> str:
        return f"{self.household_id} → {self.partner}"


class RatingExport(models.Model):
    bank = models.ForeignKey(
        VirtueBank, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="+"
    )
    partner = models.CharField(_("partner bank"), max_length=60)
    rows = models.PositiveIntegerField(_("households"))
    exported_at = models.DateTimeField(_("exported at"))
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    household_ids = models.JSONField(_("households exported"), default=list)

    class Meta:
        verbose_name = _("rating export")
        verbose_name_plural = _("rating exports")
        ordering = ["-exported_at"]

    def __str__(self) -> str:
        return f"{self.partner} {self.exported_at:%Y-%m-%d}"
