"""Pages of the time bank, under /timebank/."""

from django.urls import URLPattern, URLResolver, path

from volcity.timebank import views as v
from volcity.timebank import views_staff as s

app_name = "timebank"
urlpatterns: list[URLPattern | URLResolver] = [
    # The volunteer.
    path("me/", v.me, name="me"),
    path("me/family/", v.family_add_page, name="family_add"),
    path("me/family/<int:member_id>/remove/", v.family_remove_page, name="family_remove"),
    path("spends/<int:spend_id>/confirm/", v.spend_confirm_page, name="spend_confirm"),
    path("spends/<int:spend_id>/cancel/", v.spend_cancel_page, name="spend_cancel"),
    # The service centre.
    path("counter/", s.counter, name="counter"),
    path(
        "spends/<int:spend_id>/confirm-in-person/",
        s.spend_confirm_in_person_page,
        name="spend_confirm_in_person",
    ),
    path("overview/", s.overview, name="overview"),
]
