"""Roster imports: one uploaded .xlsx file and its way from upload to written rows.

uploaded → validating → validated (counts of good and bad rows) → importing → done, or failed
at any step. Rows are written only after the owner confirms a file with no bad rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from volcity.regions.models import Region


class ImportJob(models.Model):
    class Kind(models.TextChoices):
        VOLUNTEERS = "volunteers", _("Volunteers")
        TEAMS = "teams", _("Teams")

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        VALIDATING = "validating", _("Checking rows")
        VALIDATED = "validated", _("Checked")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    RUNNING = ("uploaded", "validating", "importing")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED
    )
    # Every row must lie within this region (and within the owner's scope).
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    # The uploader's language: reasons in the error report are written in it.
    language = models.CharField(_("language"), max_length=10)
    file_name = models.CharField(_("file"), max_length=200)
    # Paths relative to PRIVATE_ROOT (imports/…): outside MEDIA_ROOT, never served.
    file_path = models.CharField(max_length=200)
    staging_path = models.CharField(max_length=200, blank=True)
    report_path = models.CharField(max_length=200, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    done_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    ok_rows = models.PositiveIntegerField(_("good rows"), default=0)
    bad_rows = models.PositiveIntegerField(_("rows with errors"), default=0)
    imported_rows = models.PositiveIntegerField(_("rows imported"), default=0)
    # The first rows' errors, as shown on the page: [{"row": 5, "reasons": ["…", …]}, …].
    errors_preview = models.JSONField(default=list, blank=True)
    failure = models.TextField(_("why it failed"), blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        constraints = [
            # Nothing partial: a file with any bad row is never imported.
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(bad_rows=0),
                name="importjob_done_has_no_bad_rows",
            ),
        ]
        indexes = [models.Index(fields=["owner", "-created_at"], name="importjob_owner_recent")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.done_rows / self.total_rows))
