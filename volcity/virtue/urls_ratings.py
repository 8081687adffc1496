"""Pages of rankings and ratings, in the ``virtue`` namespace (appended by ``urls.py``)."""

from django.urls import URLPattern, path

from volcity.virtue import views_ratings as r

urlpatterns: list[URLPattern] = [
    path("ranking/<str:region>/", r.ranking_public, name="ranking_public"),
    path("rankings/", r.ranking, name="ranking"),
    path("rankings/<int:bank_id>/publish/", r.lists_publish_page, name="lists_publish"),
    path(
        "rankings/entries/<int:entry_id>/withdraw/",
        r.list_entry_withdraw_page,
        name="list_entry_withdraw",
    ),
    path("rankings/monthly/", r.monthly_totals_page, name="monthly_totals"),
    path("rankings/policy/", r.rating_policy_page, name="rating_policy"),
    path("ratings/", r.ratings, name="ratings"),
    path("ratings/<int:bank_id>/run/", r.rating_run_page, name="rating_run"),
    path("ratings/<int:bank_id>/export/", r.rating_export_page, name="rating_export"),
    path("households/<int:household_id>/rating/", r.household_rating, name="household_rating"),
    path("households/<int:household_id>/consents/", r.consent_grant_page, name="consent_grant"),
    path("consents/<int:consent_id>/revoke/", r.consent_revoke_page, name="consent_revoke"),
]
