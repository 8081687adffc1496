from django.templatetags.static import static
from django.urls import path
from django.views.generic.base import RedirectView

from volcity.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("manage/", views.manage, name="manage"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg")), name="favicon"),
]
