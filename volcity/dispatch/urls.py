"""Pages of dispatch and the help line, under /dispatch/: the order loop (``urls_orders``) and
the live board, suggestions and figures (``urls_board``)."""

from django.urls import URLPattern, URLResolver

from volcity.dispatch import urls_board, urls_orders

app_name = "dispatch"
urlpatterns: list[URLPattern | URLResolver] = [*urls_orders.urlpatterns, *urls_board.urlpatterns]
