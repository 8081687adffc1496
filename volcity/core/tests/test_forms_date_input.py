"""The date input keeps the ISO form the browser's date picker needs, in every language."""

from __future__ import annotations

import datetime

from django.utils import translation

from volcity.core.forms import DateInput


def test_date_input_value_is_iso_in_chinese_and_english() -> None:
    for language in ("zh-hans", "en"):
        with translation.override(language):
            html = DateInput().render("day", datetime.date(2026, 11, 30))
        assert 'type="date"' in html
        assert 'value="2026-11-30"' in html, (language, html)
