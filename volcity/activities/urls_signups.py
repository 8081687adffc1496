"""Pages: sign-ups (the volunteer's shifts, the leader's roster)."""

from django.urls import URLPattern, URLResolver, path

from volcity.activities import views_signups as v

urlpatterns: list[URLPattern | URLResolver] = [
    path("shifts/<int:shift_id>/signup/", v.signup_create_view, name="signup_create"),
    path("shifts/<int:shift_id>/calendar.ics", v.shift_ics_view, name="shift_ics"),
    path("shifts/<int:shift_id>/roster/", v.shift_roster_view, name="shift_roster"),
    path("shifts/<int:shift_id>/roster/add/", v.signup_add_view, name="signup_add"),
    path("shifts/<int:shift_id>/roster/no-shows/", v.signups_no_show_view, name="signups_no_show"),
    path("signups/<int:signup_id>/cancel/", v.signup_cancel_view, name="signup_cancel"),
    path("signups/<int:signup_id>/remove/", v.signup_remove_view, name="signup_remove"),
    path("signups/<int:signup_id>/excuse/", v.signup_excuse_view, name="signup_excuse"),
    path("me/shifts/", v.my_shifts, name="my_shifts"),
]
