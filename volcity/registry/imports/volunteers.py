"""Checking the rows of a volunteer roster.

Each row goes through ``validation.volunteer_clean`` (the same rules as the registration page
and the API) with one ``Lookups.load()`` for the whole file. On top of that, per file: the
village must lie in the import's region and the importer's scope; an ID number or mobile
number may appear once in the file and must not belong to an account already (ID numbers are
compared by their keyed hash, as stored). Rows are checked in chunks so the database is asked
once per chunk, not once per row.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.accounts.errors import DuplicateIdNumber, DuplicatePhone
from volcity.accounts.models import User
from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for
from volcity.core.errors import DomainError
from volcity.core.privacy import (
    encrypt_text,
    keyed_hash,
    mask_id_number,
    parse_id_number,
    parse_mobile,
)
from volcity.regions.codes import prefix_of
from volcity.regions.models import Region
from volcity.registry.imports.codes import Codes, by_name, name_key, places_under
from volcity.registry.imports.columns import VOLUNTEER_COLUMNS
from volcity.registry.imports.reading import DataRow, RowResult, add_reason
from volcity.registry.validation import (
    ADULT_AGE,
    Lookups,
    RegistrationInvalid,
    VolunteerClean,
    VolunteerIn,
    volunteer_clean,
)

ID_TWICE = _("The same ID number is also on row %(row)d.")
PHONE_TWICE = _("The same mobile number is also on row %(row)d.")
OUTSIDE = _("This village or community is outside the region of this import (%(region)s).")
AMBIGUOUS = _(
    "Several villages or communities have this name: give its code (see the Codes sheet)."
)


class VolunteerChecker:
    columns = VOLUNTEER_COLUMNS

    def __init__(self, *, owner: Any, region: Region, today: datetime.date | None = None) -> None:
        self.lookups = Lookups.load()  # once per file
        self.codes = Codes.load()
        self.scope = scope_for(owner, ADMIN_ROLES)
        self.region = region
        self.prefix = prefix_of(region.code, region.level)
        self.city = prefix_of(region.code, 1)
        self.names_here = by_name(places_under([self.prefix], levels=[3]))
        self.names_city = by_name(places_under([self.city], levels=[3]))
        self.today = today or timezone.localdate()
        self.seen_ids: dict[str, int] = {}
        self.seen_phones: dict[str, int] = {}

    # --- one row ---------------------------------------------------------------------------

    def _village(self, text: str) -> tuple[str, Any]:
        """A village code from a code or a name (names are looked up in the import's region
        first, then in the city)."""
        if not text or text.isdigit():
            return text, None
        key = name_key(text)
        for names in (self.names_here, self.names_city):
            codes = names.get(key)
            if codes:
                return (codes[0], None) if len(codes) == 1 else (text, AMBIGUOUS)
        return text, None

    def _data(self, fields: dict[str, str]) -> tuple[VolunteerIn, Any]:
        region, problem = self._village(fields.get("region", ""))
        political = fields.get("political_status", "")
        data = VolunteerIn(
            name=fields.get("name", ""),
            id_number=fields.get("id_number", ""),
            region=region,
            phone=fields.get("phone", ""),
            skills=self.codes.skills.resolve_all(fields.get("skills", "")),
            categories=self.codes.categories.resolve_all(fields.get("categories", "")),
            available_times=self.codes.times.resolve_all(fields.get("available_times", "")),
            political_status=self.codes.political.resolve(political) if political else "",
            emergency_name=fields.get("emergency_name", ""),
            emergency_phone=fields.get("emergency_phone", ""),
            guardian_name=fields.get("guardian_name", ""),
            guardian_phone=fields.get("guardian_phone", ""),
            guardian_relation=fields.get("guardian_relation", ""),
        )
        return data, problem

    def _covers(self, code: str) -> bool:
        return code.startswith(self.prefix) and self.scope.covers_region(code)

    def _first(self, row: DataRow) -> tuple[RowResult, Any, str, str]:
        """Checks that need nothing but the row itself and the rows before it."""
        reasons: dict[str, list[Any]] = {k: list(v) for k, v in row.cell_errors.items()}
        data, village_problem = self._data(row.fields)
        if village_problem is not None:
            add_reason(reasons, "region", village_problem)
        clean: VolunteerClean | None = None
        try:
            clean = volunteer_clean(
                data, lookups=self.lookups, phone_required=False, today=self.today
            )
        except RegistrationInvalid as exc:
            for key, messages in exc.fields.items():
                if key not in reasons:  # a cell already refused says why once
                    reasons[key] = list(messages)
        number, phone = self._identity(clean, data)
        if clean is not None and not self._covers(clean.region):
            add_reason(reasons, "region", OUTSIDE % {"region": self.region.name})
        digest = keyed_hash(number) if number else ""
        if digest:
            first = self.seen_ids.setdefault(digest, row.number)
            if first != row.number:
                add_reason(reasons, "id_number", ID_TWICE % {"row": first})
        if phone:
            first = self.seen_phones.setdefault(phone, row.number)
            if first != row.number:
                add_reason(reasons, "phone", PHONE_TWICE % {"row": first})
        return RowResult(row=row, reasons=reasons), clean, digest, phone

    def _identity(self, clean: VolunteerClean | None, data: VolunteerIn) -> tuple[str, str]:
        """The normalised ID and mobile numbers, also from a row refused for other reasons."""
        if clean is not None:
            return clean.identity.number, clean.phone or ""
        number = phone = ""
        try:
            number = parse_id_number(data.id_number, today=self.today).number
        except DomainError:
            pass
        if data.phone.strip():
            try:
                phone = parse_mobile(data.phone)
            except DomainError:
                pass
        return number, phone

    # --- a chunk ---------------------------------------------------------------------------

    def check_chunk(self, rows: Sequence[DataRow]) -> list[RowResult]:
        firsts = [self._first(row) for row in rows]
        digests = [d for _r, _c, d, _p in firsts if d]
        phones = [p for _r, _c, _d, p in firsts if p]
        taken_ids = set(
            User.objects.filter(id_number_digest__in=digests).values_list(
                "id_number_digest", flat=True
            )
        )
        taken_phones = set(User.objects.filter(phone__in=phones).values_list("phone", flat=True))
        results = []
        for result, clean, digest, phone in firsts:
            if digest in taken_ids:
                add_reason(result.reasons, "id_number", DuplicateIdNumber.default_message)
            if phone in taken_phones:
                add_reason(result.reasons, "phone", DuplicatePhone.default_message)
            if result.ok and clean is not None:
                result.staged = self._stage(result.row.number, clean, digest)
            results.append(result)
        return results

    def _stage(self, number: int, clean: VolunteerClean, digest: str) -> dict[str, Any]:
        """What the writer needs, with the ID number already sealed (never in the clear)."""
        minor = clean.identity.age_on(self.today) < ADULT_AGE
        return {
            "row": number,
            "name": clean.name,
            "cipher": encrypt_text(clean.identity.number),
            "digest": digest,
            "masked": mask_id_number(clean.identity.number),
            "birth": clean.identity.birth_date.isoformat(),
            "sex": clean.identity.sex,
            "phone": clean.phone or None,
            "region": clean.region,
            "skills": clean.skill_ids,
            "categories": clean.category_ids,
            "times": clean.available_times,
            "political": clean.political_status,
            "emergency_name": clean.emergency_name,
            "emergency_phone": clean.emergency_phone,
            # Guardian details belong to minors (an adult's would need a consent that does
            # not apply to them): an adult's guardian columns are not kept.
            "guardian_name": clean.guardian_name if minor else "",
            "guardian_phone": clean.guardian_phone if minor else "",
            "guardian_relation": clean.guardian_relation if minor else "",
            "minor": minor,
        }
