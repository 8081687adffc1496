from django.urls import path

from volcity.accounts import views, views_requests, views_staff

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.login_code_view, name="login_code"),
    path("logout/", views.logout_view, name="logout"),
    path("language/", views.language_set, name="language"),
    path("me/", views.me, name="me"),
    path("me/tokens/", views.token_create, name="token_create"),
    path("me/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("me/requests/", views_requests.request_mine, name="requests_mine"),
    path(
        "me/requests/<int:request_id>/withdraw/",
        views_requests.request_withdraw,
        name="request_withdraw",
    ),
    path("requests/", views_requests.request_inbox, name="requests_inbox"),
    path(
        "requests/<int:request_id>/approve/",
        views_requests.request_decide,
        {"decision": "approve"},
        name="request_approve",
    ),
    path(
        "requests/<int:request_id>/decline/",
        views_requests.request_decide,
        {"decision": "decline"},
        name="request_decline",
    ),
    path("users/", views_staff.user_list, name="users"),
    path("users/export.csv", views_staff.user_export, name="users_export"),
    path("users/new/", views_staff.user_new, name="user_new"),
    path("users/<int:user_id>/", views_staff.user_detail, name="user"),
    path("users/<int:user_id>/grants/", views_staff.user_grant, name="user_grant"),
    path("users/<int:user_id>/reveal/", views_staff.user_reveal, name="user_reveal"),
    path("grants/<int:grant_id>/revoke/", views_staff.grant_revoke, name="grant_revoke"),
]
