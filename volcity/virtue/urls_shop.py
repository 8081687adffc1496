"""Pages of the points shop, in the ``virtue`` namespace (included by ``urls.py``)."""

from django.urls import URLPattern, path

from volcity.virtue import views_shop as s
from volcity.virtue import views_shop_goods as g

urlpatterns: list[URLPattern] = [
    path("shop/", s.shop_counter, name="shop_counter"),
    path("shop/receipts/", s.shop_redemptions, name="shop_redemptions"),
    path("shop/receipts/<int:redemption_id>/", s.shop_receipt, name="shop_receipt"),
    path("shop/receipts/<int:redemption_id>/void/", s.shop_void, name="shop_void"),
    path("shop/goods/", g.shop_items_page, name="shop_items"),
    path("shop/goods/<int:item_id>/", g.shop_item_page, name="shop_item"),
    path("shop/goods/<int:item_id>/restock/", g.shop_restock_page, name="shop_restock"),
    path("shop/goods/<int:item_id>/adjust/", g.shop_adjust_page, name="shop_adjust"),
    path("households/<int:household_id>/month/", s.shop_statement, name="shop_statement"),
    path(
        "households/<int:household_id>/month.xlsx",
        s.shop_statement_xlsx,
        name="shop_statement_xlsx",
    ),
]
