"""People who log in, the roles they hold where, their API tokens and login codes."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from volcity.accounts.roles import Role
from volcity.core import lookups  # noqa: F401  (registers __length)
from volcity.core.lifecycle import Transition, Transitions
from volcity.regions.models import Region


class User(AbstractUser):
    """A person with a login: by username or by mainland mobile number."""

    phone = models.CharField(_("mobile number"), max_length=11, unique=True, null=True, blank=True)
    # Indexed: staff search people by the start of their name.
    display_name = models.CharField(_("name"), max_length=60, blank=True, db_index=True)
    home_region = models.ForeignKey(
        Region,
        verbose_name=_("home region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    # Real-name identity. The ID number is stored encrypted, with a keyed hash for uniqueness
    # and a masked copy for display (volcity.core.privacy); never in the clear.
    id_number_cipher = models.TextField(_("ID number (encrypted)"), blank=True)
    id_number_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    id_number_masked = models.CharField(_("ID number"), max_length=18, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(
        _("sex"), max_length=1, blank=True, choices=[("M", _("male")), ("F", _("female"))]
    )

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [("reveal_personal_data", _("Can see ID numbers and phones in full"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(phone__isnull=True) | models.Q(phone__length=11),
                name="user_phone_11_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def region_id(self) -> str | None:
        """The region this account belongs to, for scoping and the audit log."""
        return self.home_region_id


class RoleGrant(models.Model):
    """A role held in a region (and, for team roles, in one team of that region).

    ``team_id`` names a team of the registry; the registry owns teams, so the grant keeps
    the id and the team's region rather than a foreign key upward into a domain app.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="grants"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    team_id = models.BigIntegerField(_("team"), null=True, blank=True)
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=models.Q(team_id__isnull=True),
                name="rolegrant_unique_region_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "team_id"],
                condition=models.Q(team_id__isnull=False),
                name="rolegrant_unique_team_role",
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.TEAM_LEADER) | models.Q(team_id__isnull=False),
                name="rolegrant_team_leader_has_team",
            ),
        ]
        indexes = [models.Index(fields=["role", "region"], name="rolegrant_role_region")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} @ {self.region_id}"


class ApiToken(models.Model):
    """A bearer token for apps. Only its SHA-256 is stored; the key is shown once."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(_("prefix"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class LoginCode(models.Model):
    """A one-time login code sent by SMS. Only a keyed hash of the code is kept."""

    phone = models.CharField(_("mobile number"), max_length=11, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("login code")
        verbose_name_plural = _("login codes")
        indexes = [models.Index(fields=["phone", "-created_at"], name="logincode_phone_recent")]

    def __str__(self) -> str:
        return f"{self.phone[:3]}**** {self.created_at:%Y-%m-%d %H:%M}"


class RoleRequest(models.Model):
    """A person asks for a role in a region; an administrator there approves or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = Transitions(
        Transition("approve", source={"pending"}, target="approved"),
        Transition("decline", source={"pending"}, target="declined", reason_required=True),
        Transition("withdraw", source={"pending"}, target="withdrawn"),
    )

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_requests"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role request")
        verbose_name_plural = _("role requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=models.Q(status="pending"),
                name="rolerequest_one_pending",
            )
        ]
        indexes = [models.Index(fields=["status", "region"], name="rolerequest_status_region")]

    def __str__(self) -> str:
        return f"{self.user} → {self.get_role_display()} @ {self.region_id}"
