"""Pages: check-in and check-out (code screen, phone scan page, personal code, kiosk)."""

from django.urls import URLPattern, URLResolver, path

from volcity.activities import views_checkin as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("shifts/<int:shift_id>/checkin-code/", views.checkin_code, name="checkin_code"),
    path("shifts/<int:shift_id>/scan/", views.checkin_scan, name="checkin_scan"),
    path("shifts/<int:shift_id>/kiosk/", views.kiosk, name="kiosk"),
    path("me/code/", views.my_code, name="my_code"),
]
