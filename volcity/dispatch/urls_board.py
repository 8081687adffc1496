"""Pages of the live board, dispatch suggestions and the figures."""

from django.urls import URLPattern, URLResolver, path

from volcity.dispatch import views_board as b
from volcity.dispatch import views_figures as f

urlpatterns: list[URLPattern | URLResolver] = [
    path("board/", b.board, name="board"),
    path("o/<str:number>/suggestions/", b.order_suggestions, name="order_suggestions"),
    path("figures/", f.figures, name="figures"),
]
