"""The order loop through its services: place → review → dispatch → accept → complete → rate,
and every refusal the issue lists, each with its code and field."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.utils import translation

from volcity.activities.models import ServiceRecord
from volcity.core.errors import DomainError
from volcity.core.lifecycle import status_history
from volcity.core.photos import Photo
from volcity.dispatch.models import Order
from volcity.dispatch.queries import contact_phone_for
from volcity.dispatch.services.order_accept import order_accept, order_decline
from volcity.dispatch.services.order_cancel import order_cancel
from volcity.dispatch.services.order_complete import order_complete
from volcity.dispatch.services.order_dispatch import (
    order_dispatch,
    order_pool,
    order_redispatch,
    order_take,
)
from volcity.dispatch.services.order_place import order_place_kiosk
from volcity.dispatch.services.order_rate import order_follow_up, order_rate
from volcity.dispatch.services.order_review import order_approve, order_reject
from volcity.dispatch.tests.factories import approved, order_in, placed
from volcity.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def _refused(call: Any, code: str, field: str | None = None) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == code
    if field is not None:
        assert field in caught.value.fields
    return caught.value


def test_a_resident_order_gets_a_number_goes_to_the_town_centre_and_hides_the_phone(d: Any) -> None:
    order = placed(d)
    assert order.number.startswith("PD") and len(order.number) == 15
    assert order.status == "submitted"
    assert order.handling_region_id == "370781001000"
    assert order.contact_phone_masked == "138****5678"
    assert "13812345678" not in order.contact_phone_cipher
    assert order.accept_by is not None
    told = Notification.objects.filter(recipient=d.dispatcher, kind="dispatch.order.placed")
    assert told.exists()


def test_an_order_with_no_reachable_location_is_refused(d: Any) -> None:
    with translation.override("en"):
        error = _refused(
            lambda: placed(d, latitude=None, longitude=None),
            "order_location_required",
            "latitude",
        )
        message = str(error.fields["latitude"][0])
    assert "location" in message
    _refused(lambda: placed(d, latitude="0", longitude="0"), "order_location_unreachable")
    assert not Order.objects.exists()


def test_the_kiosk_needs_a_contact_phone(d: Any) -> None:
    error = _refused(
        lambda: order_place_kiosk(data=order_in(d.item, contact_phone="")), "order_invalid"
    )
    assert "contact_phone" in error.fields
    order = order_place_kiosk(data=order_in(d.item))
    assert order.channel == "kiosk" and order.created_by is None


def test_rejecting_needs_a_reason_and_tells_the_resident(d: Any) -> None:
    order = placed(d)
    _refused(lambda: order_reject(actor=d.dispatcher, order=order, reason=" "), "reason_required")
    order_reject(actor=d.dispatcher, order=order, reason="超出服务范围")
    order.refresh_from_db()
    assert order.status == "rejected"
    assert Notification.objects.filter(recipient=d.resident, kind="dispatch.order.rejected")


def test_another_towns_dispatcher_may_not_review(d: Any) -> None:
    order = placed(d)
    _refused(lambda: order_approve(actor=d.other_dispatcher, order=order), "dispatch_not_allowed")


def test_dispatching_outside_ones_scope_is_refused(d: Any) -> None:
    order = approved(d)
    with translation.override("en"):
        error = _refused(
            lambda: order_dispatch(actor=d.dispatcher, order=order, team=d.other_team),
            "dispatch_out_of_scope",
            "team",
        )
        message = str(error.message)
    assert "outside your scope" in message
    order.refresh_from_db()
    assert order.status == "approved" and order.assigned_team_id is None


def test_accepting_an_order_already_taken_is_refused(d: Any) -> None:
    order = order_dispatch(actor=d.dispatcher, order=approved(d), team=d.team)
    order_accept(actor=d.leader, order=order)
    _refused(lambda: order_accept(actor=d.volunteer.user, order=order), "order_already_taken")


def test_an_order_dispatched_to_one_volunteer_cannot_be_accepted_by_another(d: Any) -> None:
    order = order_dispatch(actor=d.dispatcher, order=approved(d), volunteer=d.volunteer)
    _refused(lambda: order_accept(actor=d.leader, order=order), "order_already_taken")
    order_accept(actor=d.volunteer.user, order=order)
    order.refresh_from_db()
    assert order.status == "accepted"


def test_the_second_team_to_take_a_pooled_order_is_told_it_is_taken(d: Any, make_user: Any) -> None:
    from volcity.activities.tests.factories import team_led_by

    second_leader = make_user(None, "town1")
    second = team_led_by(second_leader, d.people["city_admin"], "370781001000", name="第二队")
    order = order_pool(actor=d.dispatcher, order=approved(d))
    order_take(actor=d.leader, order=order, team=d.team)
    _refused(
        lambda: order_take(actor=second_leader, order=order, team=second), "order_already_taken"
    )
    order.refresh_from_db()
    assert order.status == "accepted" and order.assigned_team_id == d.team.pk


def test_a_team_outside_the_area_cannot_take_from_the_pool(d: Any) -> None:
    order = order_pool(actor=d.dispatcher, order=approved(d))
    leader = d.people["city_admin"]  # not a leader of the other team
    _refused(
        lambda: order_take(actor=leader, order=order, team=d.other_team), "dispatch_not_allowed"
    )


def test_a_decline_needs_a_reason_and_returns_the_order_to_the_centre(d: Any) -> None:
    order = order_dispatch(actor=d.dispatcher, order=approved(d), team=d.team)
    _refused(lambda: order_decline(actor=d.leader, order=order, reason=""), "reason_required")
    order_decline(actor=d.leader, order=order, reason="人手不足")
    order.refresh_from_db()
    assert order.status == "approved" and order.assigned_team_id is None
    assert Notification.objects.filter(recipient=d.dispatcher, kind="dispatch.order.declined")


def test_redispatch_and_cancel_need_reasons(d: Any) -> None:
    order = order_dispatch(actor=d.dispatcher, order=approved(d), team=d.team)
    _refused(
        lambda: order_redispatch(actor=d.dispatcher, order=order, reason=""), "reason_required"
    )
    order_redispatch(actor=d.dispatcher, order=order, reason="改派就近队伍")
    order_dispatch(actor=d.dispatcher, order=order, volunteer=d.volunteer)
    _refused(lambda: order_cancel(actor=d.dispatcher, order=order, reason=""), "reason_required")
    order_cancel(actor=d.dispatcher, order=order, reason="居民已自行解决")
    order.refresh_from_db()
    assert order.status == "cancelled" and order.cancelled_at is not None


def test_the_contact_phone_is_masked_to_the_volunteer_until_they_accept(d: Any) -> None:
    order = order_dispatch(actor=d.dispatcher, order=approved(d), volunteer=d.volunteer)
    assert contact_phone_for(d.volunteer.user, order) == "138****5678"
    order_accept(actor=d.volunteer.user, order=order)
    order.refresh_from_db()
    assert contact_phone_for(d.volunteer.user, order) == "13812345678"
    assert contact_phone_for(d.dispatcher, order) == "13812345678"


def test_rating_an_order_that_is_not_complete_is_refused(d: Any) -> None:
    order = order_dispatch(actor=d.dispatcher, order=approved(d), team=d.team)
    with translation.override("en"):
        error = _refused(
            lambda: order_rate(actor=d.resident, order=order, rating=5), "order_not_completed"
        )
        message = str(error.message)
    assert "completed" in message


def test_the_whole_loop_records_hours_and_every_step_is_an_event(d: Any) -> None:
    order = order_dispatch(actor=d.dispatcher, order=approved(d), team=d.team)
    order_accept(actor=d.leader, order=order)
    order_complete(
        actor=d.leader,
        order=order,
        report="更换了水龙头",
        hours="1.5",
        photos=[Photo("p.png", _png())],
    )
    order.refresh_from_db()
    assert order.status == "completed" and order.photos.count() == 1
    record = ServiceRecord.objects.get(volunteer=d.leader_volunteer)
    assert record.minutes == 90 and record.status == "pending"
    assert order.service_record_id == record.pk  # the order names where its hours went
    _refused(lambda: order_rate(actor=d.leader, order=order, rating=5), "order_not_yours")
    _refused(
        lambda: order_rate(actor=d.resident, order=order, rating=6), "order_rating_out_of_range"
    )
    order_rate(actor=d.resident, order=order, rating=5, comment="很及时")
    order.refresh_from_db()
    assert order.status == "rated" and not order.needs_follow_up
    moves = [e.action for e in status_history(order)]
    assert moves == ["place", "approve", "dispatch", "accept", "complete", "rate"]


def test_a_photo_that_is_not_an_image_is_refused(d: Any) -> None:
    order = order_dispatch(actor=d.dispatcher, order=approved(d), volunteer=d.volunteer)
    order_accept(actor=d.volunteer.user, order=order)
    _refused(
        lambda: order_complete(
            actor=d.volunteer.user, order=order, report="ok", hours=1, photos=[Photo("x", b"no")]
        ),
        "photo_invalid",
        "photos",
    )


def test_a_low_rating_goes_back_to_the_centre_for_follow_up(d: Any) -> None:
    order = order_dispatch(actor=d.dispatcher, order=approved(d), volunteer=d.volunteer)
    order_accept(actor=d.volunteer.user, order=order)
    order_complete(actor=d.volunteer.user, order=order, report="已完成", hours=1)
    order_rate(actor=d.resident, order=order, rating=2, comment="迟到")
    order.refresh_from_db()
    assert order.needs_follow_up
    assert Notification.objects.filter(recipient=d.dispatcher, kind="dispatch.order.low_rating")
    order_follow_up(actor=d.dispatcher, order=order, note="已回访致歉")
    order.refresh_from_db()
    assert order.followed_up_at is not None


def test_a_team_leader_turns_an_accepted_order_into_an_activity_to_recruit_helpers(
    d: Any,
) -> None:
    from volcity.dispatch.services.order_activity import order_to_activity

    order = order_dispatch(actor=d.dispatcher, order=approved(d), team=d.team)
    _refused(
        lambda: order_to_activity(actor=d.leader, order=order, helpers=3), "order_wrong_status"
    )
    order_accept(actor=d.leader, order=order)
    order_to_activity(actor=d.leader, order=order, helpers=4)
    order.refresh_from_db()
    activity = order.activity
    assert activity is not None and activity.status == "published"
    assert activity.team_id == d.team.pk and activity.shifts.get().capacity == 4


def test_a_team_not_providing_the_item_cannot_take_it_from_the_pool(d: Any) -> None:
    d.item.teams.add(d.team)
    from volcity.activities.tests.factories import team_led_by

    other = team_led_by(d.leader, d.people["city_admin"], "370781001000", name="不提供的队")
    order = order_pool(actor=d.dispatcher, order=approved(d))
    _refused(
        lambda: order_take(actor=d.leader, order=order, team=other),
        "order_team_not_eligible",
        "team",
    )


def test_picking_a_village_with_a_known_centre_is_a_reachable_location(d: Any) -> None:
    from decimal import Decimal

    from volcity.regions.models import Region

    Region.objects.filter(pk="370781001002").update(
        latitude=Decimal("36.700000"), longitude=Decimal("118.470000")
    )
    order = placed(d, latitude="", longitude="")
    assert (order.latitude, order.longitude) == (Decimal("36.700000"), Decimal("118.470000"))
