"""The register of who serves: volunteers, teams, memberships, party members' registration.

A volunteer's identity (name, ID number, phone, birth date, sex) lives on their account
(``accounts.User``): one person, one real-name identity. This app holds what makes them a
volunteer: the public volunteer number, skills, service categories, availability, guardian
consent, memberships.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from volcity.core.lifecycle import Transition, Transitions
from volcity.regions.models import Region
from volcity.registry.choices import PoliticalStatus, TeamLevel, TeamType


class Catalogue(models.Model):
    """A named entry of a fixed list kept in the database (skills, service categories)."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=60)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name_en if (get_language() or "").startswith("en") else self.name


class Skill(Catalogue):
    class Meta(Catalogue.Meta):
        verbose_name = _("skill")
        verbose_name_plural = _("skills")


class ServiceCategory(Catalogue):
    class Meta(Catalogue.Meta):
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")


class Volunteer(models.Model):
    class Status(models.TextChoices):
        PENDING_CONSENT = "pending_consent", _("Waiting for guardian consent")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        DELETED = "deleted", _("Deleted at the person's request")

    TRANSITIONS = Transitions(
        Transition("consent", source={"pending_consent"}, target="active"),
        Transition("suspend", source={"active"}, target="suspended", reason_required=True),
        Transition("reinstate", source={"suspended"}, target="active"),
        Transition("delete", source={"pending_consent", "active", "suspended"}, target="deleted"),
    )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="volunteer",
    )
    number = models.CharField(_("volunteer number"), max_length=16, unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("residence"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    skills = models.ManyToManyField(Skill, verbose_name=_("skills"), blank=True, related_name="+")
    categories = models.ManyToManyField(
        ServiceCategory, verbose_name=_("service categories"), blank=True, related_name="+"
    )
    available_times = models.JSONField(_("available times"), default=list, blank=True)
    political_status = models.CharField(
        _("political status"),
        max_length=16,
        choices=PoliticalStatus.choices,
        default=PoliticalStatus.MASSES,
    )
    emergency_name = models.CharField(_("emergency contact"), max_length=40, blank=True)
    emergency_phone = models.CharField(_("emergency contact phone"), max_length=11, blank=True)
    guardian_name = models.CharField(_("guardian"), max_length=40, blank=True)
    guardian_phone = models.CharField(_("guardian's phone"), max_length=11, blank=True)
    guardian_relation = models.CharField(_("guardian's relation"), max_length=20, blank=True)
    guardian_consent_at = models.DateTimeField(
        _("guardian consent recorded at"), null=True, blank=True
    )
    guardian_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept current by the activities app as hours are approved; filters search here.
    star_level = models.PositiveSmallIntegerField(_("star level"), default=0)
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    # Where the volunteer usually sets out from, for ranking dispatch suggestions by distance.
    # Private: never shown on any page or export, never sent by the API.
    home_latitude = models.DecimalField(
        _("home latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    home_longitude = models.DecimalField(
        _("home longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(star_level__lte=5), name="volunteer_star_level_0_to_5"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="active")
                | models.Q(guardian_name="")
                | models.Q(guardian_consent_at__isnull=False),
                name="volunteer_minor_active_needs_consent",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "id"], name="volunteer_region_id"),
            models.Index(fields=["region", "status", "id"], name="volunteer_region_status_id"),
            models.Index(fields=["status", "region"], name="volunteer_status_region"),
            models.Index(fields=["star_level", "region"], name="volunteer_star_region"),
            # Bounding-box prefilter of the nearest-N query (dispatch suggestions).
            models.Index(fields=["home_latitude", "home_longitude"], name="volunteer_home_latlng"),
        ]

    def __str__(self) -> str:
        return self.number


class Team(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        ACTIVE = "active", _("Active")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")
        DISSOLVED = "dissolved", _("Dissolved")

    TRANSITIONS = Transitions(
        Transition("approve", source={"pending"}, target="active"),
        Transition("reject", source={"pending"}, target="rejected", reason_required=True),
        Transition("suspend", source={"active"}, target="suspended", reason_required=True),
        Transition("reinstate", source={"suspended"}, target="active"),
        Transition(
            "dissolve", source={"active", "suspended"}, target="dissolved", reason_required=True
        ),
    )

    name = models.CharField(_("team name"), max_length=80)
    type = models.CharField(_("type"), max_length=20, choices=TeamType.choices)
    level = models.CharField(_("level"), max_length=10, choices=TeamLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    categories = models.ManyToManyField(
        ServiceCategory, verbose_name=_("service categories"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    description = models.TextField(_("description"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    member_count = models.PositiveIntegerField(_("members"), default=0)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Where the team sets out from (its base or station), for dispatch distances.
    base_latitude = models.DecimalField(
        _("base latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    base_longitude = models.DecimalField(
        _("base longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="team_unique_name_in_region"),
        ]
        indexes = [
            models.Index(fields=["region", "id"], name="team_region_id"),
            models.Index(fields=["type", "level"], name="team_type_level"),
            models.Index(fields=["base_latitude", "base_longitude"], name="team_base_latlng"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A volunteer's place in a team, from application or invitation to leaving. Never deleted:
    the history of who served where is kept."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Member")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        LEFT = "left", _("Left")
        REMOVED = "removed", _("Removed")
        TRANSFERRED = "transferred", _("Transferred to another team")

    TRANSITIONS = Transitions(
        Transition("approve", source={"applied"}, target="active"),
        Transition("decline", source={"applied"}, target="declined", reason_required=True),
        Transition("withdraw", source={"applied"}, target="withdrawn"),
        Transition("accept", source={"invited"}, target="active"),
        Transition("refuse", source={"invited"}, target="declined"),
        Transition("leave", source={"active"}, target="left"),
        Transition("remove", source={"active"}, target="removed", reason_required=True),
        Transition("transfer", source={"active"}, target="transferred"),
    )
    OPEN = ("applied", "invited", "active")

    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="memberships"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    is_leader = models.BooleanField(_("leader"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    transferred_to = models.ForeignKey(
        "self",
        verbose_name=_("transferred to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "team"],
                condition=models.Q(status__in=["applied", "invited", "active"]),
                name="membership_one_open_per_team",
            ),
            models.CheckConstraint(
                condition=models.Q(is_leader=False) | models.Q(status="active"),
                name="membership_leader_is_active",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "status", "id"], name="membership_team_status"),
            models.Index(fields=["volunteer", "status"], name="membership_volunteer_status"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_id} @ {self.team_id} ({self.status})"


class PartyRegistration(models.Model):
    """A working Party member's registration with the community where they live (双报到)."""

    volunteer = models.OneToOneField(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="party_registration",
    )
    community = models.ForeignKey(
        Region, verbose_name=_("home community"), on_delete=models.PROTECT, related_name="+"
    )
    employer = models.CharField(_("employer"), max_length=80)
    service_post = models.CharField(_("service post"), max_length=60)
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("Party member's community registration")
        verbose_name_plural = _("Party members' community registrations")
        indexes = [models.Index(fields=["community", "employer"], name="party_community_employer")]

    def __str__(self) -> str:
        return f"{self.volunteer_id} → {self.community_id}"


from volcity.registry.models_imports import ImportJob  # noqa: E402,F401
