"""The Simplified Chinese catalog is complete and current, and both languages reach the page.

Simplified Chinese is the default language; English is the source language, so the English
catalog carries empty translations. See docs/i18n.md for the workflow (`make messages`).

Only the last test needs the database.
"""

from __future__ import annotations

import ast
import contextlib
import fcntl
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django.utils.translation.reloader import translation_file_changed
from django.utils.translation.template import templatize

BASE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = BASE_DIR / "locale"
ZH_PO = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"
EN_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
LANGS = ("zh_Hans", "en")
COMPILE_IGNORE = [".venv", "var", "test-artifacts", "node_modules", ".git"]

CJK = re.compile(r"[\u4e00-\u9fff]")
# Passed as variables so that makemessages does not list this file as a place they are used.
SIGN_IN = "Sign in"
BRAND = "Volunteer City"
PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[#0\- +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]")

# What makemessages (xgettext) extracts from Python: name -> (context index, msgid index).
PY_KEYWORDS: dict[str, tuple[int | None, int]] = {
    "_": (None, 0),
    "gettext": (None, 0),
    "gettext_lazy": (None, 0),
    "gettext_noop": (None, 0),
    "ngettext": (None, 0),
    "ngettext_lazy": (None, 0),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
    "npgettext": (0, 1),
    "npgettext_lazy": (0, 1),
}

Key = tuple[str | None, str]  # (msgctxt, msgid)


# --- A tiny .po parser --------------------------------------------------------------------


@dataclass
class PoEntry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"not a quoted .po string: {text!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text[1:-1])


def parse_po(path: Path) -> list[PoEntry]:
    """Entries of a .po file, the header first; obsolete (``#~``) entries are left out."""
    entries: list[PoEntry] = []
    entry: PoEntry | None = None
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal entry, target
        if entry is not None:
            entries.append(entry)
        entry, target = None, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            # A comment after a complete entry starts the next one.
            if entry is not None and entry.msgstr:
                finish()
            if entry is None:
                entry = PoEntry(line=number)
            if line.startswith("#,"):
                entry.flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        match = _KEYWORD_LINE.match(line)
        if match:
            keyword, index, value = match.group(1), match.group(2), _unquote(match.group(3))
            if entry is None or (entry.msgstr and not keyword.startswith("msgstr")):
                finish()
                entry = PoEntry(line=number)
            if keyword == "msgctxt":
                entry.msgctxt = value
                target = ("msgctxt", 0)
            elif keyword == "msgid":
                entry.msgid = value
                target = ("msgid", 0)
            elif keyword == "msgid_plural":
                entry.msgid_plural = value
                target = ("msgid_plural", 0)
            else:
                i = int(index) if index is not None else 0
                while len(entry.msgstr) <= i:
                    entry.msgstr.append("")
                entry.msgstr[i] = value
                target = ("msgstr", i)
            continue
        if line.startswith('"') and entry is not None and target is not None:
            value = _unquote(line)
            name, i = target
            if name == "msgstr":
                entry.msgstr[i] += value
            elif name == "msgctxt":
                entry.msgctxt = (entry.msgctxt or "") + value
            elif name == "msgid":
                entry.msgid += value
            else:
                entry.msgid_plural = (entry.msgid_plural or "") + value
            continue
        raise ValueError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return entries


def header_fields(entries: list[PoEntry]) -> dict[str, str]:
    header = entries[0]
    assert header.is_header, "the first entry of a .po file must be its header"
    pairs = (line.split(":", 1) for line in header.msgstr[0].splitlines() if ":" in line)
    return {k.strip(): v.strip() for k, v in pairs}


def messages_of(path: Path) -> dict[Key, PoEntry]:
    return {e.key: e for e in parse_po(path) if not e.is_header}


# --- What the source marks for translation ------------------------------------------------


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def msgids_in_python(source: str, where: str) -> tuple[set[Key], list[str]]:
    """Literal msgids in gettext calls, and calls whose msgid is an f-string (never found)."""
    found: set[Key] = set()
    problems: list[str] = []
    for node in ast.walk(ast.parse(source, filename=where)):
        if not isinstance(node, ast.Call) or _call_name(node) not in PY_KEYWORDS:
            continue
        ctx_index, id_index = PY_KEYWORDS[_call_name(node)]
        if len(node.args) <= id_index:
            continue
        msgid_node = node.args[id_index]
        if isinstance(msgid_node, ast.JoinedStr):
            problems.append(f"{where}:{node.lineno}: f-string passed to {_call_name(node)}()")
            continue
        msgid = _literal(msgid_node)
        if msgid is None or msgid == "":
            continue  # a variable or expression: nothing to check here
        ctx = _literal(node.args[ctx_index]) if ctx_index is not None else None
        if ctx_index is not None and ctx is None:
            continue
        found.add((ctx, msgid))
    return found, problems


_TEMPLATE_CALL = re.compile(r"(?<![\w.])(gettext|ngettext|pgettext|npgettext|_)\(")


def msgids_in_template(source: str, where: str) -> set[Key]:
    """Msgids of {% translate %}, {% blocktranslate %} (also plural, trimmed) and _("…").

    Django's own ``templatize`` (what makemessages runs) turns the template into gettext
    calls; each call is then read with ``ast``. A call that is not plain literals is skipped.
    """
    found: set[Key] = set()
    text = templatize(source, origin=where)
    for match in _TEMPLATE_CALL.finditer(text):
        start = match.end() - 1
        depth, i, quote = 0, start, ""
        while i < len(text):
            ch = text[i]
            if quote:
                if ch == "\\":
                    i += 1
                elif ch == quote:
                    quote = ""
            elif ch in "\"'":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        try:
            call = ast.parse("f" + text[start : i + 1], mode="eval").body
        except SyntaxError:
            continue
        assert isinstance(call, ast.Call)
        args = [_literal(a) for a in call.args]
        name = match.group(1)
        if name in ("pgettext", "npgettext"):
            if len(args) >= 2 and args[0] is not None and args[1]:
                found.add((args[0], args[1]))
        elif args and args[0]:
            found.add((None, args[0]))
    return found


def source_files() -> tuple[list[Path], list[Path]]:
    python = sorted(BASE_DIR.glob("volcity/**/*.py")) + sorted(BASE_DIR.glob("config/*.py"))
    templates = sorted(
        p
        for pattern in ("templates/**/*.html", "templates/**/*.txt", "volcity/**/templates/**/*")
        for p in BASE_DIR.glob(pattern)
        if p.is_file() and p.suffix in {".html", ".txt"}
    )
    return python, templates


# --- Compiling ----------------------------------------------------------------------------


def _stale(lang: str) -> bool:
    po = LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    return po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime)


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogs() -> Iterator[None]:
    """Compile the project's catalogs when a .mo is missing or older than its .po.

    ``make test`` compiles first (``make setup``); this covers a bare ``pytest`` on a fresh
    clone. The lock keeps parallel workers (pytest-xdist) from writing the same file at once.
    """
    with ZH_PO.open("rb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            stale = [lang for lang in LANGS if _stale(lang)]
            if stale:
                with contextlib.chdir(BASE_DIR):
                    call_command(
                        "compilemessages", locale=stale, ignore_patterns=COMPILE_IGNORE, verbosity=0
                    )
                # Forget catalogs loaded before the compile (Django's and Python's caches).
                translation_file_changed(None, ZH_PO.with_suffix(".mo"))
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    yield


# --- (a) The Chinese catalog is complete ---------------------------------------------------


def test_the_po_parser_reads_what_msgfmt_reads() -> None:
    entries = parse_po(ZH_PO)
    assert entries[0].is_header
    keys = [e.key for e in entries]
    assert len(keys) == len(set(keys)), "duplicate msgids in the catalog"
    assert SIGN_IN in {e.msgid for e in entries}, "the catalog looks empty"
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    done = subprocess.run(  # noqa: S603
        [msgfmt, "--check-format", "--statistics", "-o", "/dev/null", str(ZH_PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    counted = re.match(r"(\d+) translated message", done.stderr.strip())
    assert counted, done.stderr
    assert int(counted.group(1)) == len(entries) - 1, done.stderr


def test_every_chinese_msgid_is_translated_and_not_fuzzy() -> None:
    entries = parse_po(ZH_PO)
    header = header_fields(entries)
    assert "fuzzy" not in entries[0].flags, "the header is marked fuzzy"
    assert header.get("Language") == "zh_Hans"
    assert header.get("Plural-Forms", "").replace(" ", "").startswith("nplurals=1;")
    untranslated = [
        f"line {e.line}: {e.msgid!r}"
        for e in entries[1:]
        if not e.msgstr or any(not s.strip() for s in e.msgstr)
    ]
    fuzzy = [f"line {e.line}: {e.msgid!r}" for e in entries[1:] if "fuzzy" in e.flags]
    assert not untranslated, "untranslated in zh_Hans:\n" + "\n".join(untranslated)
    assert not fuzzy, "fuzzy in zh_Hans (check the translation, then drop the flag):\n" + "\n".join(
        fuzzy
    )


def test_chinese_translations_keep_the_placeholders() -> None:
    wrong = []
    for e in parse_po(ZH_PO)[1:]:
        expected = sorted(m for m in PLACEHOLDER.findall(e.msgid) if m != "%%")
        for s in e.msgstr:
            got = sorted(m for m in PLACEHOLDER.findall(s) if m != "%%")
            if "python-format" in e.flags and got != expected:
                wrong.append(f"line {e.line}: {e.msgid!r} -> {s!r}")
            tags = re.findall(r"</?[a-zA-Z][^>]*>", e.msgid)
            wrong.extend(f"line {e.line}: {tag} missing in {s!r}" for tag in tags if tag not in s)
    assert not wrong, "\n".join(wrong)


def test_the_english_catalog_is_the_source_language() -> None:
    entries = parse_po(EN_PO)
    header = header_fields(entries)
    assert "fuzzy" not in entries[0].flags
    assert header.get("Language") == "en"
    assert header.get("Plural-Forms", "").replace(" ", "") == "nplurals=2;plural=(n!=1);"
    assert "charset=UTF-8" in header.get("Content-Type", "")
    translated = [e.msgid for e in entries[1:] if any(s and s != e.msgid for s in e.msgstr)]
    assert not translated, f"English msgstr should stay empty (English is the source): {translated}"
    assert {e.key for e in entries[1:]} == set(messages_of(ZH_PO)), (
        "locale/en and locale/zh_Hans hold different msgids: run `make messages`"
    )


# --- (b) The catalog is up to date with the source -----------------------------------------


def test_every_marked_string_in_the_source_is_in_the_chinese_catalog() -> None:
    catalog = messages_of(ZH_PO)
    python, templates = source_files()
    wanted: dict[Key, str] = {}
    problems: list[str] = []
    for path in python:
        where = str(path.relative_to(BASE_DIR))
        found, bad = msgids_in_python(path.read_text(encoding="utf-8"), where)
        problems += bad
        for key in found:
            wanted.setdefault(key, where)
    for path in templates:
        where = str(path.relative_to(BASE_DIR))
        for key in msgids_in_template(path.read_text(encoding="utf-8"), where):
            wanted.setdefault(key, where)

    assert len(wanted) > 50, "the source scan found almost nothing: is the pattern broken?"
    missing = sorted(f"{where}: {key[1]!r}" for key, where in wanted.items() if key not in catalog)
    assert not problems, "\n".join(problems)
    assert not missing, (
        "not in locale/zh_Hans/LC_MESSAGES/django.po: run `make messages` and translate:\n"
        + "\n".join(missing)
    )


def test_the_source_scan_reads_every_kind_of_marking() -> None:
    py = (
        "from django.utils.translation import gettext as _, pgettext_lazy\n"
        "a = _('One')\nb = translation.gettext_lazy('Two' ' parts')\n"
        "c = pgettext_lazy('menu', 'Three')\nd = ngettext('Four', 'Fours', n)\ne = _(name)\n"
    )
    found, problems = msgids_in_python(py, "x.py")
    assert found == {(None, "One"), (None, "Two parts"), ("menu", "Three"), (None, "Four")}
    assert msgids_in_python("_(f'Hi {x}')", "y.py")[1] == ["y.py:1: f-string passed to _()"]
    html = (
        "{% load i18n %}{% translate 'Five' %}{% trans \"Six\" context 'verb' %}"
        "{{ x|default:_('Seven') }}{% blocktranslate with n=x %}Hi {{ n }}, 5%{% endblocktranslate %}"
        "{% blocktranslate count c=k trimmed %}\n  one {{ c }}\n{% plural %}many{% endblocktranslate %}"
    )
    assert msgids_in_template(html, "t.html") == {
        (None, "Five"),
        ("verb", "Six"),
        (None, "Seven"),
        (None, "Hi %(n)s, 5%%"),
        (None, "one %(c)s"),
    }


# --- (c) The compiled catalog answers in both languages -----------------------------------


def test_gettext_answers_in_chinese_by_default_and_english_on_request() -> None:
    with translation.override("zh-hans"):
        chinese = translation.gettext(SIGN_IN)
    with translation.override("en"):
        english = translation.gettext(SIGN_IN)
    assert chinese != SIGN_IN and CJK.search(chinese), chinese
    assert english == SIGN_IN


# --- (d) Pages and the API answer in the person's language --------------------------------


@pytest.mark.django_db
def test_home_page_is_chinese_by_default_and_english_when_chosen() -> None:
    """Pages follow the language switch's cookie, else Chinese (volcity.core.middleware)."""
    with translation.override("zh-hans"):
        sign_in_zh = translation.gettext(SIGN_IN)
        brand_zh = translation.gettext(BRAND)

    default = Client().get("/")
    assert default.status_code == 200
    page = default.content.decode()
    assert re.search(r'<html lang="zh-hans"', page)
    assert brand_zh in page and f">{sign_in_zh}<" in page
    assert ">Sign in<" not in page

    chooser = Client()
    chooser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = chooser.get("/")
    assert english.status_code == 200
    page = english.content.decode()
    assert re.search(r'<html lang="en"', page)
    assert BRAND in page and f">{SIGN_IN}<" in page
    assert sign_in_zh not in page


@pytest.mark.django_db
def test_api_errors_are_chinese_by_default_and_english_on_request() -> None:
    """The API honours Accept-Language; its messages come from the same catalog."""
    chinese = Client().get("/api/v1/accounts/me").json()
    english = Client().get("/api/v1/accounts/me", HTTP_ACCEPT_LANGUAGE="en").json()
    assert chinese["code"] == english["code"] == "unauthenticated"
    assert CJK.search(chinese["message"]), chinese
    assert english["message"] == "Sign in, or send a valid bearer token."
