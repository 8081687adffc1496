from __future__ import annotations

from ninja import Schema


class TokenIn(Schema):
    identifier: str
    password: str
    name: str = "app"


class TokenOut(Schema):
    token: str
    expires_at: str


class GrantOut(Schema):
    id: int
    role: str
    region: str
    team: int | None


class MeOut(Schema):
    id: int
    username: str
    name: str
    phone: str
    id_number: str
    home_region: str | None
    language: str
    grants: list[GrantOut]


class UserOut(Schema):
    id: int
    username: str
    name: str
    phone: str
    id_number: str
    home_region: str | None
    grants: list[GrantOut]


class UserPage(Schema):
    items: list[UserOut]
    next: str | None


class UserIn(Schema):
    username: str
    name: str
    phone: str = ""
    id_number: str = ""
    home_region: str
    password: str | None = None


class GrantIn(Schema):
    role: str
    region: str
    team: int | None = None


class RevealIn(Schema):
    reason: str


class RevealOut(Schema):
    id_number: str


class RoleRequestIn(Schema):
    role: str
    region: str
    note: str = ""


class RoleRequestOut(Schema):
    id: int
    user: int
    role: str
    region: str
    status: str
    note: str


class DeclineIn(Schema):
    reason: str
