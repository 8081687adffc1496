"""The staff's start page: every task their roles allow, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from volcity.accounts.permissions import is_admin
from volcity.accounts.roles import Role
from volcity.accounts.scope import scope_for


@dataclass(frozen=True)
class Task:
    label: Any
    url: str
    hint: Any


def manage_tasks(user: Any) -> list[tuple[Any, list[Task]]]:
    """Sections of tasks, each shown only to the roles that can do them."""
    sections: list[tuple[Any, list[Task]]] = []
    admin = is_admin(user)
    leader = bool(scope_for(user, [Role.TEAM_LEADER]).team_ids) or admin
    if admin:
        sections.append(
            (
                _("Volunteers"),
                [
                    Task(
                        _("Find volunteers"),
                        reverse("registry:volunteers"),
                        _("Search by name, number, phone, skill, region, age, stars."),
                    ),
                    Task(
                        _("Register a volunteer"),
                        reverse("registry:volunteer_new"),
                        _("For someone without a phone."),
                    ),
                    Task(
                        _("Import a roster"),
                        reverse("registry:imports"),
                        _("Excel template, checked row by row before anything is saved."),
                    ),
                    Task(
                        _("Party members' registration"),
                        reverse("registry:party_report"),
                        _("Quarterly report per employer."),
                    ),
                ],
            )
        )
    if leader:
        sections.append(
            (
                _("Teams"),
                [
                    Task(
                        _("Teams"), reverse("registry:teams"), _("Rosters, applications, leaders.")
                    ),
                    Task(
                        _("Register a team"), reverse("registry:team_new"), _("Waits for approval.")
                    ),
                    Task(
                        _("Teams waiting for approval"),
                        reverse("registry:teams_pending"),
                        _("Approve or reject with a reason."),
                    ),
                ],
            )
        )
    if leader:
        service = [
            Task(
                _("Activities"),
                reverse("activities:manage"),
                _("Shifts, rosters, check-in codes, kiosks."),
            ),
            Task(
                _("New activity"),
                reverse("activities:activity_new"),
                _("Place, times, capacity, age limits, risks; repeats weekly."),
            ),
            Task(
                _("Service records"),
                reverse("activities:record_list"),
                _("Approve or decline hours; flagged check-outs first."),
            ),
            Task(
                _("Enter a service record"),
                reverse("activities:record_new"),
                _("Within %(days)s working days of the service.")
                % {"days": settings.VOLCITY_RECORD_ENTRY_WORKING_DAYS},
            ),
            Task(
                _("Corrections"),
                reverse("activities:correction_list"),
                _("Volunteers' requests to correct a record."),
            ),
            Task(
                _("Service projects"),
                reverse("activities:project_list"),
                _("Projects under the city's brands, goals and hours."),
            ),
            Task(
                _("Mobilisation"),
                reverse("activities:campaign_list"),
                _("Emergency campaigns: many sites at once, live fill rates."),
            ),
        ]
        if admin:
            service.insert(
                0,
                Task(
                    _("Service overview"),
                    reverse("activities:overview"),
                    _("Hours by region, today's shifts, who is checked in, what waits."),
                ),
            )
        sections.append((_("Service"), service))
    virtue_staff = admin or not scope_for(user, [Role.VIRTUE_CLERK, Role.VIRTUE_COMMITTEE]).empty
    if virtue_staff:
        sections.append(
            (
                _("Virtue bank"),
                [
                    Task(
                        _("Counter"),
                        reverse("virtue:counter"),
                        _("Record a good deed for a household, with photos."),
                    ),
                    Task(
                        _("Points shop"),
                        reverse("virtue:shop_counter"),
                        _("Scan the household's code, hand out goods for points, print receipts."),
                    ),
                    Task(
                        _("Deeds to review"),
                        reverse("virtue:review_queue"),
                        _("The review group approves or rejects reported deeds."),
                    ),
                    Task(
                        _("Households"),
                        reverse("virtue:households"),
                        _("Households, members and their points."),
                    ),
                    Task(
                        _("Public notice board"),
                        reverse("virtue:notice_index"),
                        _("Deeds on notice; villagers may object."),
                    ),
                    Task(
                        _("Deed catalogue and settings"),
                        reverse("virtue:catalogue"),
                        _("Items and points, versioned; approvals and notice days."),
                    ),
                    Task(
                        _("Household ranking"),
                        reverse("virtue:ranking"),
                        _("Quarterly ranking; publish the red and black lists; monthly totals."),
                    ),
                    Task(
                        _("Civic credit ratings"),
                        reverse("virtue:ratings"),
                        _("Rate households; export to a partner bank with consent only."),
                    ),
                ],
            )
        )
    timebank_staff = admin or not scope_for(user, [Role.STATION_KEEPER, Role.DISPATCHER]).empty
    if timebank_staff:
        timebank = [
            Task(
                _("Time bank counter"),
                reverse("timebank:counter"),
                _("Find a volunteer by number; pay a service with their hour credits."),
            )
        ]
        if admin:
            timebank.append(
                Task(
                    _("Time bank overview"),
                    reverse("timebank:overview"),
                    _("Credits in circulation, spent and over the cap, by region."),
                )
            )
        sections.append((_("Time bank"), timebank))
    if admin:
        sections.append(
            (
                _("People and access"),
                [
                    Task(
                        _("People and roles"),
                        reverse("accounts:users"),
                        _("Accounts, roles, personal data."),
                    ),
                    Task(
                        _("Role requests"),
                        reverse("accounts:requests_inbox"),
                        _("Approve or decline requests for roles."),
                    ),
                    Task(_("Regions"), reverse("regions:tree"), _("Towns, streets, villages.")),
                    Task(_("Audit log"), reverse("audit:list"), _("Who changed what, when.")),
                ],
            )
        )
    from volcity.dispatch.manage_tasks import dispatch_tasks

    if dispatch := dispatch_tasks(user, Task):
        sections.append((_("Dispatch"), dispatch))
    if getattr(user, "is_staff", False):
        sections.append(
            (
                _("Back office"),
                [
                    Task(
                        _("Back office"),
                        reverse("admin:index"),
                        _("Corrections by back-office staff."),
                    ),
                ],
            )
        )
    return sections
