"""Pages as a person uses them: sign in, bad input beside the field, lists within budget."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from volcity.accounts.models import RoleGrant, User
from volcity.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def in_english(client: Client) -> Client:
    """The language switch's cookie: pages are Chinese unless the person chose English."""
    client.cookies["django_language"] = "en"
    return client


def test_sign_in_page_signs_in_by_mobile_and_returns_home(people):
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"identifier": people["volunteer"].phone, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert client.get(reverse("accounts:me")).status_code == 200


def test_sign_in_does_not_redirect_off_site(people):
    response = Client().post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {
            "identifier": people["volunteer"].username,
            "password": PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse("portal:home")


def test_wrong_password_is_shown_beside_the_password_field(people):
    response = in_english(Client()).post(
        reverse("accounts:login"), {"identifier": people["volunteer"].username, "password": "nope"}
    )
    assert response.status_code == 400
    assert b'data-field="password"' in response.content
    assert b"The account or password is wrong." in response.content


def test_empty_sign_in_names_both_fields(db):
    response = in_english(Client()).post(reverse("accounts:login"), {})
    assert b'data-field="identifier"' in response.content
    assert b'data-field="password"' in response.content


def test_new_account_with_bad_id_number_keeps_the_form_and_saves_nothing(client_as, city):
    client = in_english(client_as("town_admin"))
    response = client.post(
        reverse("accounts:user_new"),
        {
            "display_name": "李四",
            "username": "lisi",
            "phone": "13812345678",
            "id_number": "370781199001010010",
            "home_region": city["village11"].code,
        },
    )
    assert response.status_code == 400
    assert b'data-field="id_number"' in response.content
    assert b'value="lisi"' in response.content  # what the person typed is kept
    assert not User.objects.filter(username="lisi").exists()


def test_town_admin_cannot_place_an_account_outside_their_town(client_as, city):
    response = client_as("town_admin").post(
        reverse("accounts:user_new"),
        {
            "display_name": "王五",
            "username": "wangwu",
            "home_region": city["village21"].code,
        },
    )
    assert response.status_code == 400
    assert b'data-field="home_region"' in response.content
    assert not User.objects.filter(username="wangwu").exists()


def test_town_admin_creates_an_account_and_grants_a_role(client_as, city):
    client = client_as("town_admin")
    response = client.post(
        reverse("accounts:user_new"),
        {
            "display_name": "赵六",
            "username": "zhaoliu",
            "phone": "13812345679",
            "home_region": city["village12"].code,
        },
    )
    user = User.objects.get(username="zhaoliu")
    assert response["Location"] == reverse("accounts:user", kwargs={"user_id": user.pk})
    response = client.post(
        reverse("accounts:user_grant", kwargs={"user_id": user.pk}),
        {"role": "virtue_clerk", "region": city["village12"].code},
    )
    assert response.status_code == 302
    assert RoleGrant.objects.filter(user=user, role="virtue_clerk").exists()
    assert AuditEntry.objects.filter(
        action="accounts.role.granted", object_id=str(user.pk)
    ).exists()


def test_reveal_shows_the_number_once_and_audits_it(client_as, people):
    from volcity.accounts.services import user_set_id_number
    from volcity.core.privacy import id_check_character

    number = "37078119900101001" + id_check_character("37078119900101001")
    user_set_id_number(user=people["volunteer"], raw=number)
    client = client_as("city_admin")
    page = client.get(reverse("accounts:user", kwargs={"user_id": people["volunteer"].pk}))
    assert number.encode() not in page.content
    assert b"370***********" in page.content
    shown = client.post(
        reverse("accounts:user_reveal", kwargs={"user_id": people["volunteer"].pk}),
        {"reason": "核对身份"},
    )
    assert number.encode() in shown.content
    assert AuditEntry.objects.filter(action="accounts.id_number.revealed").count() == 1


def test_user_list_stays_within_its_query_budget(
    client_as, make_user, django_assert_max_num_queries
):
    for _ in range(30):
        make_user("volunteer", "village11")
    client = client_as("city_admin")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:users"))
    assert response.status_code == 200
    assert response.content.count(b"<tr>") >= 30


def test_user_list_masks_phones(client_as, people):
    response = client_as("town_admin").get(reverse("accounts:users"))
    assert people["volunteer"].phone.encode() not in response.content
    masked = people["volunteer"].phone[:3] + "****" + people["volunteer"].phone[-4:]
    assert masked.encode() in response.content


def test_csv_export_is_scoped_and_masked(client_as, people):
    response = client_as("town_admin").get(reverse("accounts:users_export"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert people["volunteer"].username in body
    assert people["nobody"].username not in body
    assert people["volunteer"].phone not in body


def test_language_switch_is_remembered_on_the_account(people):
    client = Client()
    client.force_login(
        people["volunteer"], backend="volcity.accounts.backends.PhoneOrUsernameBackend"
    )
    client.post(reverse("accounts:language"), {"language": "en", "next": "/"})
    assert User.objects.get(pk=people["volunteer"].pk).language == "en"
    assert b'lang="en"' in client.get("/").content


def test_role_request_page_sends_and_lists_the_request(client_as, city):
    client = client_as("resident")
    response = client.post(
        reverse("accounts:requests_mine"),
        {"role": "donor", "region": city["city"].code, "note": "愿意捐书"},
    )
    assert response.status_code == 302
    page = in_english(client).get(reverse("accounts:requests_mine"))
    assert b"Donor" in page.content and b"Pending" in page.content


def test_pages_are_chinese_by_default_even_for_an_english_browser(db):
    page = Client().get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert b'<html lang="zh-hans">' in page.content
    assert in_english(Client()).get(reverse("accounts:login")).content.count(b'lang="en"') == 1
