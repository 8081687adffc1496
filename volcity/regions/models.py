"""The GB/T 2260 tree: the city, its towns and streets, their villages and communities.

A region's primary key is its 12-digit statistical division code. Codes are hierarchical:
a village's code starts with its town's 9 digits, which start with the city's 6. ``path`` is
that meaningful prefix (6, 9 or 12 digits), so "everything under a region" is the code range
``path + 0…0`` to ``path + 9…9`` on any table that holds a region code: no join, one index
range scan. See ``volcity.regions.codes``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from volcity.core import lookups  # noqa: F401  (registers __length)
from volcity.regions.codes import CODE_LENGTH, PREFIX_LENGTH


class Region(models.Model):
    class Level(models.IntegerChoices):
        CITY = 1, _("City / county")
        TOWN = 2, _("Town / street")
        VILLAGE = 3, _("Village / community")

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        TOWN = "town", _("Town")
        STREET = "street", _("Sub-district street")
        VILLAGE = "village", _("Village")
        COMMUNITY = "community", _("Community")

    code = models.CharField(_("division code"), max_length=CODE_LENGTH, primary_key=True)
    name = models.CharField(_("name"), max_length=60)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=CODE_LENGTH, unique=True)
    generated_name = models.BooleanField(
        _("generated name"),
        default=False,
        help_text=_("The name was generated for demo data, not taken from official records."),
    )
    # Centroid, for distances (dispatch suggestions); unknown for a region drawn on no map.
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=[1, 2, 3]), name="region_level_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(code__length=CODE_LENGTH), name="region_code_12_digits"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(level=1, path__length=PREFIX_LENGTH[1])
                    | models.Q(level=2, path__length=PREFIX_LENGTH[2])
                    | models.Q(level=3, path__length=PREFIX_LENGTH[3])
                ),
                name="region_path_matches_level",
            ),
            models.CheckConstraint(
                condition=models.Q(level=1) | models.Q(parent__isnull=False),
                name="region_parent_below_city",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def code_range(self) -> tuple[str, str]:
        from volcity.regions.codes import descendant_range

        return descendant_range(self.path)
