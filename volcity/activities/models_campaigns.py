"""Mobilisation: an emergency campaign with many sites (each an activity with shifts) at once,
teams invited to fill them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from volcity.core.lifecycle import Transition, Transitions
from volcity.regions.models import Region
from volcity.registry.models import Team


class Campaign(models.Model):
    class Kind(models.TextChoices):
        TESTING = "testing", _("Mass testing support")
        VACCINATION = "vaccination", _("Vaccination support")
        FLOOD = "flood", _("Flood and disaster relief")
        OTHER = "other", _("Other emergency")

    class Status(models.TextChoices):
        OPEN = "open", _("Mobilising")
        CLOSED = "closed", _("Closed")

    TRANSITIONS = Transitions(
        Transition("close", source={"open"}, target="closed"),
        Transition("reopen", source={"closed"}, target="open"),
    )

    name = models.CharField(_("campaign name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
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
        verbose_name = _("mobilisation campaign")
        verbose_name_plural = _("mobilisation campaigns")
        indexes = [models.Index(fields=["region", "-id"], name="campaign_region")]

    def __str__(self) -> str:
        return self.name


class CampaignSite(models.Model):
    """One site of a campaign (a school, a supermarket): its activity holds the shifts."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="sites"
    )
    activity = models.OneToOneField(
        "activities.Activity",
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        related_name="campaign_site",
    )
    name = models.CharField(_("site"), max_length=80)
    sort = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("campaign site")
        verbose_name_plural = _("campaign sites")
        ordering = ["sort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "name"], name="campaign_site_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class CampaignTeam(models.Model):
    """A team invited to a campaign; its leaders send members to the sites."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Taking part")
        DECLINED = "declined", _("Declined")

    TRANSITIONS = Transitions(
        Transition("accept", source={"invited", "declined"}, target="accepted"),
        Transition("decline", source={"invited"}, target="declined", reason_required=True),
    )

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="teams"
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invited team")
        verbose_name_plural = _("invited teams")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "team"], name="campaign_team_once"),
        ]

    def __str__(self) -> str:
        return f"{self.team_id} in {self.campaign_id}"
