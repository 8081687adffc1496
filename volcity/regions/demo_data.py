"""The demo city's towns, streets, villages and communities.

For Qingzhou (370781) the twelve towns and sub-district streets carry their real names,
typed in from public knowledge. Their codes are NOT the official statistical codes: they are
sequential placeholders 370781001000, 370781002000, … in the order listed here. Those twelve
regions are stored with ``generated_name=False`` (the name is real, the code is not).

Every other name is made up: the towns of any other city, and every village and community
(``generated_name=True``), coded as the town's 9 digits plus a 3-digit sequence.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from faker import Faker

from volcity.core.seeding import ChineseNames

QINGZHOU_CODE = "370781"
STREET = "street"
TOWN = "town"

# (name, kind) in placeholder-code order: 370781001000 … 370781012000.
QINGZHOU_TOWNS: tuple[tuple[str, str], ...] = (
    ("王府街道", STREET),
    ("益都街道", STREET),
    ("云门山街道", STREET),
    ("黄楼街道", STREET),
    ("弥河镇", TOWN),
    ("王坟镇", TOWN),
    ("庙子镇", TOWN),
    ("邵庄镇", TOWN),
    ("高柳镇", TOWN),
    ("何官镇", TOWN),
    ("东夏镇", TOWN),
    ("谭坊镇", TOWN),
)
TOWN_COUNT = len(QINGZHOU_TOWNS)
STREET_COUNT = 4

# Villages per town at scale ≥ FULL_VILLAGE_SCALE; fewer below it, never fewer than MIN.
VILLAGES_PER_TOWN = (52, 68)
FULL_VILLAGE_SCALE = 0.05
MIN_VILLAGES_PER_TOWN = 3

_DIRECTIONS = "东西南北前后中大小上下"
_PLACE = "河山坡岭沟峪洼湾桥店营集屯寨园泉林湖关亭坊台堡池塘埠庄"
_TOWN_SYLLABLES = "坊店庄集河桥口埠营关官泉"
_COMMUNITY_WORDS = (
    "阳光", "花园", "和平", "幸福", "文化", "新华", "建设", "友谊", "青年", "范公",
    "龙兴", "云门", "驼山", "府前", "古城", "北关", "东关", "南阳", "海岱", "玲珑",
    "凤凰", "瀑水", "益都", "王府", "偶园", "昭德", "南苑", "滨河", "锦绣", "永安",
)  # fmt: skip
_COMMUNITY_TAILS = ("", "苑", "园", "里", "新村", "家园")


@dataclass(frozen=True)
class TownSpec:
    code: str  # 12 digits
    name: str
    kind: str  # "town" or "street"
    generated_name: bool

    @property
    def prefix(self) -> str:
        return self.code[:9]


def town_specs(city_code: str, faker: Faker) -> list[TownSpec]:
    """The twelve towns and streets: Qingzhou's real names, or made-up ones elsewhere."""
    if city_code == QINGZHOU_CODE:
        named = [(name, kind, False) for name, kind in QINGZHOU_TOWNS]
    else:
        named = [(name, kind, True) for name, kind in _made_up_towns(faker)]
    return [
        TownSpec(code=f"{city_code}{i:03d}000", name=name, kind=kind, generated_name=generated)
        for i, (name, kind, generated) in enumerate(named, start=1)
    ]


def _made_up_towns(faker: Faker) -> list[tuple[str, str]]:
    used: set[str] = set()
    towns: list[tuple[str, str]] = []
    while len(towns) < TOWN_COUNT:
        kind = STREET if len(towns) < STREET_COUNT else TOWN
        stem = faker.last_name()[0] + faker.random_element(_TOWN_SYLLABLES)
        if stem in used:
            continue
        used.add(stem)
        towns.append((stem + ("街道" if kind == STREET else "镇"), kind))
    return towns


def villages_per_town(scale: float, rng: random.Random) -> int:
    """About 60 at scale ≥ 0.05, proportionally fewer below, at least 3."""
    full = rng.randint(*VILLAGES_PER_TOWN)
    if scale >= FULL_VILLAGE_SCALE:
        return full
    return max(MIN_VILLAGES_PER_TOWN, round(full * scale / FULL_VILLAGE_SCALE))


def village_names(kind: str, count: int, rng: random.Random, names: ChineseNames) -> list[str]:
    """``count`` distinct made-up names: communities (社区) for a street, villages for a town."""
    make = _community_name if kind == STREET else _village_name
    chosen: list[str] = []
    used: set[str] = set()
    while len(chosen) < count:
        name = make(rng, names)
        if name not in used:
            used.add(name)
            chosen.append(name)
    return chosen


def _village_name(rng: random.Random, names: ChineseNames) -> str:
    pattern = rng.randrange(4)
    surname = names.surname(rng)
    if pattern == 0:
        return f"{surname}家庄"
    if pattern == 1:
        return f"{surname}家庄村"
    if pattern == 2:
        return f"{rng.choice(_DIRECTIONS)}{surname}村"
    return f"{rng.choice(_DIRECTIONS)}{rng.choice(_PLACE)}村"


def _community_name(rng: random.Random, names: ChineseNames) -> str:
    if rng.random() < 0.25:
        return f"{names.surname(rng)}家{rng.choice(_PLACE)}社区"
    return f"{rng.choice(_COMMUNITY_WORDS)}{rng.choice(_COMMUNITY_TAILS)}社区"


def village_codes(town_prefix: str, count: int) -> Sequence[str]:
    return [f"{town_prefix}{n:03d}" for n in range(1, count + 1)]
