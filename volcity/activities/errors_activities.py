"""Refusals of the activities area (brands, projects, activities, shifts) that
``volcity.activities.errors`` does not hold."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import Conflict, DomainError


class ActivityInvalid(DomainError):
    code = "activity_invalid"
    default_message = _("Some details of the activity are missing or wrong; see each field.")


class ProjectInvalid(DomainError):
    code = "project_invalid"
    default_message = _("Some details of the project are missing or wrong; see each field.")


class ProjectNameTaken(Conflict):
    code = "project_name_taken"
    default_message = _("This team already has a project with this name.")


class ProjectClosed(DomainError):
    code = "project_closed"
    status = 409
    default_message = _("This project is closed.")


class RecurrenceInvalid(DomainError):
    code = "recurrence_invalid"
    default_message = _("The repeat pattern is not valid; see each field.")


class TooManyShifts(DomainError):
    code = "too_many_shifts"
    default_message = _("The repeat pattern makes too many shifts.")


class NoShifts(DomainError):
    code = "no_shifts"
    default_message = _("Add at least one shift before publishing the activity.")


class CapacityBelowTaken(Conflict):
    code = "capacity_below_taken"
    default_message = _("The capacity cannot be lower than the seats already taken.")


class ActivityClosed(DomainError):
    code = "activity_closed"
    status = 409
    default_message = _("This activity is cancelled or finished; it cannot change.")
