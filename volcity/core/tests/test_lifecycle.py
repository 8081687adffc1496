from __future__ import annotations

import pytest

from volcity.core.lifecycle import Transition, Transitions


def test_transitions_list_what_is_allowed_from_a_status():
    table = Transitions(
        Transition("approve", source={"pending"}, target="approved"),
        Transition("decline", source={"pending"}, target="declined", reason_required=True),
        Transition("reopen", source={"declined"}, target="pending"),
    )
    assert table.allowed_from("pending") == ["approve", "decline"]
    assert table.allowed_from("approved") == []
    assert table.statuses() == {"pending", "approved", "declined"}
    assert table.get("decline").reason_required


def test_an_action_is_declared_once():
    with pytest.raises(ValueError):
        Transitions(Transition("a", {"x"}, "y"), Transition("a", {"y"}, "z"))


@pytest.mark.django_db
def test_notifications_run_only_after_commit(people, city, django_capture_on_commit_callbacks):
    from volcity.accounts.models import RoleRequest
    from volcity.core.lifecycle import transition_apply

    req = RoleRequest.objects.create(user=people["resident"], role="donor", region=city["city"])
    sent: list[int] = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        transition_apply(
            req, "withdraw", actor=people["resident"], notify=lambda r: sent.append(r.pk)
        )
    assert sent == [] and len(callbacks) == 1
    callbacks[0]()
    assert sent == [req.pk]
