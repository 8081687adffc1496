"""Sign in with a username or a mainland mobile number."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from volcity.accounts.models import User
from volcity.core.errors import DomainError
from volcity.core.privacy import parse_mobile


class PhoneOrUsernameBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        user = User.objects.filter(username=username.strip()).first()
        if user is None:
            try:
                phone = parse_mobile(username)
            except DomainError:
                phone = None
            if phone:
                user = User.objects.filter(phone=phone).first()
        if user is None:
            User().set_password(password)  # same work either way: no timing hint
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
