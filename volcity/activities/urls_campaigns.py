"""Pages: mobilisation campaigns."""

from django.urls import URLPattern, URLResolver, path

from volcity.activities import views_campaigns as v

urlpatterns: list[URLPattern | URLResolver] = [
    path("campaigns/", v.campaign_list, name="campaign_list"),
    path("campaigns/new", v.campaign_new, name="campaign_new"),
    path("campaigns/<int:campaign_id>/", v.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:campaign_id>/fill", v.campaign_fill_partial, name="campaign_fill"),
    path("campaigns/<int:campaign_id>/close", v.campaign_close_view, name="campaign_close"),
    path(
        "campaigns/<int:campaign_id>/teams/<int:team_id>/respond",
        v.campaign_respond,
        name="campaign_respond",
    ),
    path(
        "campaigns/<int:campaign_id>/sites/<int:site_id>/send",
        v.campaign_send,
        name="campaign_send",
    ),
]
