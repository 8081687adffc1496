"""Pages of the order loop: menu, ordering, review, dispatch, accept, complete, rate."""

from django.urls import URLPattern, URLResolver, path

from volcity.dispatch import views_centre as c
from volcity.dispatch import views_menu as m
from volcity.dispatch import views_orders as o
from volcity.dispatch import views_tasks as t

urlpatterns: list[URLPattern | URLResolver] = [
    # residents, the kiosk, the help line
    path("order/", o.order_new, name="order_new"),
    path("my/", o.my_orders, name="my_orders"),
    path("kiosk/", o.kiosk, name="kiosk"),
    path("kiosk/<str:number>/", o.kiosk_done, name="kiosk_done"),
    path("call/", o.call_entry, name="call"),
    path("o/<str:number>/", o.order_detail, name="order"),
    path("o/<str:number>/rate/", o.order_rate_view, name="order_rate"),
    path("o/<str:number>/cancel/", o.order_cancel_view, name="order_cancel"),
    path("photos/<int:photo_id>/", o.order_photo, name="order_photo"),
    # the centre
    path("centre/", c.centre_orders, name="centre"),
    path("o/<str:number>/approve/", c.order_approve_view, name="order_approve"),
    path("o/<str:number>/reject/", c.order_reject_view, name="order_reject"),
    path("o/<str:number>/dispatch/", c.order_dispatch_view, name="order_dispatch"),
    path("o/<str:number>/pool/", c.order_pool_view, name="order_pool"),
    path("o/<str:number>/redispatch/", c.order_redispatch_view, name="order_redispatch"),
    path("o/<str:number>/follow-up/", c.order_follow_up_view, name="order_follow_up"),
    # teams and volunteers
    path("tasks/", t.my_tasks, name="tasks"),
    path("pool/", t.pool, name="pool"),
    path("o/<str:number>/take/", t.order_take_view, name="order_take"),
    path("o/<str:number>/accept/", t.order_accept_view, name="order_accept"),
    path("o/<str:number>/decline/", t.order_decline_view, name="order_decline"),
    path("o/<str:number>/complete/", t.order_complete_view, name="order_complete"),
    path("o/<str:number>/activity/", t.order_activity_view, name="order_activity"),
    # menu and roster
    path("menu/", m.menu_admin, name="menu_admin"),
    path("menu/categories/<int:category_id>/", m.category_edit, name="menu_category"),
    path("menu/categories/<int:category_id>/items/", m.item_new, name="menu_item_add"),
    path("menu/items/<int:item_id>/", m.item_edit, name="menu_item"),
    path("teams/pick/", m.pick_teams, name="pick_teams"),
    path("roster/", m.roster, name="roster"),
    path("roster/<int:shift_id>/remove/", m.roster_remove, name="roster_remove"),
]
