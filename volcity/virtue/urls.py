"""Pages of the virtue bank, under /virtue/."""

from django.urls import URLPattern, URLResolver, include, path

from volcity.virtue import views_admin as a
from volcity.virtue import views_counter as c
from volcity.virtue import views_public as p

app_name = "virtue"
urlpatterns: list[URLPattern | URLResolver] = [
    # Public and villagers.
    path("notice/", p.notice_index, name="notice_index"),
    path("notice/<str:region>/", p.notice_board_page, name="notice_board"),
    path("claims/<int:claim_id>/object/", p.objection_raise_page, name="objection_raise"),
    path("me/", p.my_household, name="my_household"),
    path("households/<int:household_id>/", p.household_statement_page, name="household_statement"),
    # The counter, the review group.
    path("counter/", c.counter, name="counter"),
    path("claims/<int:claim_id>/", c.claim_detail_page, name="claim_detail"),
    path("claims/<int:claim_id>/review/", c.claim_review_page, name="claim_review"),
    path("claims/<int:claim_id>/post/", c.claim_post_page, name="claim_post"),
    path("claims/<int:claim_id>/reject/", c.claim_reject_page, name="claim_reject"),
    path(
        "objections/<int:objection_id>/resolve/", c.objection_resolve_page, name="objection_resolve"
    ),
    path("photos/<int:photo_id>/", c.claim_photo, name="claim_photo"),
    path("reviews/", c.review_queue, name="review_queue"),
    # Configuration.
    path("households/", a.households, name="households"),
    path("households/<int:household_id>/residents/", a.resident_add_page, name="resident_add"),
    path("catalogue/", a.catalogue, name="catalogue"),
    path("catalogue/<int:version_id>/", a.catalogue_version, name="catalogue_version"),
    path("catalogue/<int:version_id>/draft/", a.catalogue_draft, name="catalogue_draft"),
    path("catalogue/<int:version_id>/items/", a.item_add, name="item_add"),
    path("catalogue/<int:version_id>/publish/", a.catalogue_publish_page, name="catalogue_publish"),
    path("items/<int:item_id>/remove/", a.item_remove, name="item_remove"),
    path("banks/<str:region>/", a.bank_settings, name="bank_settings"),
    # The points shop (urls_shop.py).
    path("", include("volcity.virtue.urls_shop")),
]

from volcity.virtue.urls_ratings import urlpatterns as ratings_urlpatterns  # noqa: E402

urlpatterns += ratings_urlpatterns
