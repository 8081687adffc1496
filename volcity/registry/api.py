"""The registry's JSON API (volunteers, teams, memberships, party registration)."""

from ninja import Router

router = Router(tags=["registry"])
