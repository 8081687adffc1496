"""Every write about accounts, one function per use case."""

from volcity.accounts.services.login import (
    login_code_send,
    login_code_verify,
    login_password,
)
from volcity.accounts.services.requests import (
    role_request_approve,
    role_request_create,
    role_request_decline,
    role_request_withdraw,
)
from volcity.accounts.services.roles import role_assign, role_grant, role_revoke, role_unassign
from volcity.accounts.services.tokens import (
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
)
from volcity.accounts.services.users import (
    user_create,
    user_reveal_id_number,
    user_set_id_number,
    user_set_language,
)

__all__ = [
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "login_code_send",
    "login_code_verify",
    "login_password",
    "role_assign",
    "role_grant",
    "role_request_approve",
    "role_request_create",
    "role_request_decline",
    "role_request_withdraw",
    "role_revoke",
    "role_unassign",
    "user_create",
    "user_reveal_id_number",
    "user_set_id_number",
    "user_set_language",
]
