"""The virtue bank (美德银行): a village's ledger of good deeds.

A village runs one ``VirtueBank``. Its ``CatalogueVersion`` lists the deeds (``DeedItem``) with
their points; a published version is never edited, a change is a new draft version, so every
claim keeps the item and points of the version in force on the day of the deed. ``Household``
rows hold a points account in the ledger (and ``Resident`` rows one each where the village
wants it). A ``DeedClaim`` is reported, reviewed by the village's committee, shown on the public
notice board for ``notice_days`` while villagers may object, and only then posted to the
ledger. Points live only in the ledger: no balance is stored here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volcity.core.lifecycle import Transition, Transitions
from volcity.regions.models import Region


class VirtueBank(models.Model):
    region = models.OneToOneField(
        Region, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=60)
    approvals_required = models.PositiveSmallIntegerField(
        _("approvals needed"),
        default=3,
        help_text=_("How many members of the review group must approve a deed."),
    )
    notice_days = models.PositiveSmallIntegerField(_("public notice (days)"), default=3)
    base_allotment = models.PositiveIntegerField(_("base points of a new household"), default=100)
    person_accounts = models.BooleanField(_("an account per person"), default=False)
    ranking_top_n = models.PositiveSmallIntegerField(_("households praised"), default=50)
    active = models.BooleanField(_("active"), default=True)
    issuing_account = models.ForeignKey(
        "ledger.Account",
        verbose_name=_("issuing account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("virtue bank")
        verbose_name_plural = _("virtue banks")
        ordering = ["region_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(approvals_required__gte=1), name="virtue_bank_approvals_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CatalogueVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    TRANSITIONS = Transitions(
        Transition("publish", source={"draft"}, target="published"),
        Transition("retire", source={"published"}, target="retired"),
    )

    bank = models.ForeignKey(
        VirtueBank, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
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
        verbose_name = _("deed catalogue version")
        verbose_name_plural = _("deed catalogue versions")
        ordering = ["bank", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["bank", "number"], name="virtue_version_number"),
            models.UniqueConstraint(
                fields=["bank"],
                condition=Q(status="published"),
                name="virtue_version_one_published",
            ),
            models.UniqueConstraint(
                fields=["bank"], condition=Q(status="draft"), name="virtue_version_one_draft"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(effective_from__isnull=False),
                name="virtue_version_effective_when_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bank} v{self.number}"


class DeedItem(models.Model):
    class Category(models.TextChoices):
        FAMILY = "family", _("Filial piety and family")
        NEIGHBOURS = "neighbours", _("Helping neighbours")
        ENVIRONMENT = "environment", _("Clean environment")
        VOLUNTEERING = "volunteering", _("Volunteer service")
        CIVILITY = "civility", _("Civility and customs")
        PUBLIC_ORDER = "public_order", _("Law and public order")
        OTHER = "other", _("Other")

    class Unit(models.TextChoices):
        EACH = "each", _("each time")
        HOUR = "hour", _("per hour")

    class Period(models.TextChoices):
        NONE = "none", _("no limit")
        MONTH = "month", _("month")
        QUARTER = "quarter", _("quarter")
        YEAR = "year", _("year")

    version = models.ForeignKey(
        CatalogueVersion,
        verbose_name=_("catalogue version"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("deed"), max_length=60)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    points = models.IntegerField(
        _("points"), help_text=_("Negative for deeds that take points away.")
    )
    unit = models.CharField(_("counted"), max_length=6, choices=Unit.choices, default=Unit.EACH)
    limit_count = models.PositiveIntegerField(_("at most"), null=True, blank=True)
    limit_period = models.CharField(
        _("per"), max_length=8, choices=Period.choices, default=Period.NONE
    )
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("deed")
        verbose_name_plural = _("deeds")
        ordering = ["version", "sort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="virtue_item_code"),
            models.CheckConstraint(condition=~Q(points=0), name="virtue_item_points_not_zero"),
            models.CheckConstraint(
                condition=Q(limit_period="none", limit_count__isnull=True)
                | (~Q(limit_period="none") & Q(limit_count__gte=1)),
                name="virtue_item_limit_coherent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.points:+d})"


class Household(models.Model):
    bank = models.ForeignKey(
        VirtueBank, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="households"
    )
    number = models.CharField(_("household number"), max_length=20)
    head_name = models.CharField(_("head of household"), max_length=60)
    address = models.CharField(_("address"), max_length=120, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    account = models.ForeignKey(
        "ledger.Account",
        verbose_name=_("points account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    joined_at = models.DateField(_("joined"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["bank", "number"]
        constraints = [
            models.UniqueConstraint(fields=["bank", "number"], name="virtue_household_number"),
        ]
        indexes = [
            models.Index(fields=["region", "id"], name="virtue_household_region"),
            models.Index(fields=["bank", "head_name"], name="virtue_household_head"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.head_name}"


class Resident(models.Model):
    class Relation(models.TextChoices):
        HEAD = "head", _("Head of household")
        SPOUSE = "spouse", _("Spouse")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        GRANDCHILD = "grandchild", _("Grandchild")
        OTHER = "other", _("Other relative")

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="residents"
    )
    name = models.CharField(_("name"), max_length=60)
    relation = models.CharField(_("relation to the head"), max_length=12, choices=Relation.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    account = models.ForeignKey(
        "ledger.Account",
        verbose_name=_("points account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["household", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(user__isnull=False), name="virtue_resident_one_home"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DeedClaim(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        ON_NOTICE = "on_notice", _("On public notice")
        OBJECTED = "objected", _("Objection raised")
        POSTED = "posted", _("Points posted")
        REJECTED = "rejected", _("Rejected")

    class ReporterRole(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        VOLUNTEER = "volunteer", _("Volunteer")
        CLERK = "clerk", _("Clerk")

    TRANSITIONS = Transitions(
        Transition("approve", source={"submitted"}, target="approved"),
        Transition("reject", source={"submitted"}, target="rejected", reason_required=True),
        Transition("notice", source={"approved"}, target="on_notice"),
        Transition("object", source={"on_notice"}, target="objected"),
        Transition("resume", source={"objected"}, target="on_notice", reason_required=True),
        Transition("uphold", source={"objected"}, target="rejected", reason_required=True),
        Transition("post", source={"on_notice"}, target="posted"),
    )

    bank = models.ForeignKey(
        VirtueBank, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="claims"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="claims"
    )
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("who did it"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
    )
    item = models.ForeignKey(
        DeedItem, verbose_name=_("deed"), on_delete=models.PROTECT, related_name="claims"
    )
    item_code = models.SlugField(_("deed code"), max_length=40)
    quantity = models.PositiveSmallIntegerField(_("times or hours"), default=1)
    points = models.IntegerField(_("points"))
    occurred_on = models.DateField(_("date of the deed"))
    description = models.TextField(_("what happened"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reporter_role = models.CharField(_("reported as"), max_length=10, choices=ReporterRole.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    approvals = models.PositiveSmallIntegerField(_("approvals"), default=0)
    decision_reason = models.TextField(_("reason"), blank=True)
    notice_until = models.DateTimeField(_("public notice until"), null=True, blank=True)
    held = models.BooleanField(_("held"), default=False)
    hold_reason = models.CharField(_("why held"), max_length=200, blank=True)
    posted_transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("ledger transaction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deed claim")
        verbose_name_plural = _("deed claims")
        constraints = [
            models.CheckConstraint(condition=~Q(points=0), name="virtue_claim_points_not_zero"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="virtue_claim_quantity"),
            models.CheckConstraint(
                condition=~Q(status="posted") | Q(posted_transaction__isnull=False),
                name="virtue_claim_posted_has_transaction",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "id"], name="virtue_claim_region"),
            models.Index(fields=["bank", "status", "id"], name="virtue_claim_status"),
            models.Index(fields=["status", "notice_until"], name="virtue_claim_due"),
            models.Index(
                fields=["household", "item_code", "occurred_on"], name="virtue_claim_limit"
            ),
            models.Index(
                fields=["bank", "posted_at"],
                condition=Q(posted_at__isnull=False),
                name="virtue_claim_posted_at",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.item_code} {self.points:+d}"


class ClaimPhoto(models.Model):
    claim = models.ForeignKey(
        DeedClaim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("photo"), upload_to="virtue/claims/%Y/%m/")
    content_type = models.CharField(_("type"), max_length=20)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deed photo")
        verbose_name_plural = _("deed photos")

    def __str__(self) -> str:
        return self.image.name


class ClaimReview(models.Model):
    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")

    claim = models.ForeignKey(
        DeedClaim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["claim", "reviewer"], name="virtue_review_once"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} {self.decision}"


class Objection(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    claim = models.ForeignKey(
        DeedClaim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="objections"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=60)
    reason = models.TextField(_("objection"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    raised_at = models.DateTimeField(_("raised at"))

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        indexes = [models.Index(fields=["claim", "status"], name="virtue_objection_claim")]

    def __str__(self) -> str:
        return f"{self.claim_id} {self.status}"


from volcity.virtue.models_ratings import *  # noqa: E402, F403
from volcity.virtue.models_shop import Redemption, RedemptionLine, ShopItem  # noqa: E402, F401
