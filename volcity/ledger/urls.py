from django.urls import URLPattern, URLResolver, path

from volcity.ledger import views

app_name = "ledger"
urlpatterns: list[URLPattern | URLResolver] = [
    path("verify/", views.ledger_verify_page, name="verify"),
    path("accounts/<int:account_id>/", views.account_statement, name="statement"),
]
