"""Pure functions on GB/T 2260 statistical division codes (12 digits)."""

from __future__ import annotations

CODE_LENGTH = 12
# Significant prefix length by level: city/county 6, town/street 9, village/community 12.
PREFIX_LENGTH = {1: 6, 2: 9, 3: 12}


def prefix_of(code: str, level: int) -> str:
    """The meaningful prefix of a code at a level: ``370781001000`` at level 2 is ``370781001``."""
    return code[: PREFIX_LENGTH[level]]


def full_code(prefix: str) -> str:
    """Pad a 6- or 9-digit prefix to the 12-digit code of the region itself."""
    return prefix.ljust(CODE_LENGTH, "0")


def descendant_range(prefix: str) -> tuple[str, str]:
    """The inclusive range of 12-digit codes at or under the region with this prefix.

    Codes are all digits of one length, so this range compares the same under every
    collation and an ordinary b-tree index serves it.
    """
    return prefix.ljust(CODE_LENGTH, "0"), prefix.ljust(CODE_LENGTH, "9")


def is_within(code: str, prefix: str) -> bool:
    return code.startswith(prefix)


def level_of(code: str) -> int:
    """Level of a 12-digit code: trailing zeros tell whether it names a town or the city."""
    if code[6:] == "000000":
        return 1
    if code[9:] == "000":
        return 2
    return 3


def prefix_for_code(code: str) -> str:
    """The prefix that covers a region given by its code, whatever its level: a 12-digit code
    (``370781001000`` → ``370781001``) or an already-short prefix (``370781001``), as typed in a
    filter. Anything else is returned unchanged, to match nothing."""
    code = code.strip()
    if len(code) == CODE_LENGTH and code.isdigit():
        return prefix_of(code, level_of(code))
    return code
