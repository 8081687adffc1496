"""The demo registry's fixed names, and the plan of its teams.

Every name here is **illustrative**: written to look like a county's volunteer teams, not
copied from an official list. The seventeen municipal professional teams stand for the
"17 支市级专业志愿服务队" of the source article; which seventeen a real city has differs.
青州阳光社工服务中心 is named in the source article; the other organisations, the employers
and the service posts are made up. Names carry the city's name from settings, so another
city gets its own ("潍城区医疗卫生志愿服务队").
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from volcity.registry.catalogue_data import SERVICE_CATEGORIES
from volcity.registry.choices import TeamLevel, TeamType

TEAM_SUFFIX = "志愿服务队"
CIVILIZED_PRACTICE = "新时代文明实践志愿服务队"
CITY_BRIGADE = "新时代文明实践志愿服务总队"

# (topic, its service category, skills whose holders are drawn to it): 青州市<topic>志愿服务队.
PROFESSIONAL_TEAMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("医疗卫生", "health", ("medical", "first_aid")),
    ("应急救援", "safety", ("first_aid", "driving", "logistics")),
    ("法律服务", "law", ("law",)),
    ("文艺", "culture", ("performance",)),
    ("心理健康", "health", ("psychology",)),
    ("助老", "elderly", ("cooking", "haircut")),
    ("生态环保", "environment", ()),
    ("交通文明", "civility", ("driving",)),
    ("科普", "science", ("it",)),
    ("教育", "education", ("teaching", "foreign_language")),
    ("文化", "culture", ("calligraphy", "photography")),
    ("体育", "sports", ()),
    ("水上救援", "safety", ("rescue",)),
    ("消防", "safety", ()),
    ("司法", "law", ()),
    ("关工委", "children", ("teaching",)),
    ("巾帼", "poverty", ("social_work", "sign_language")),
)

# Organisations at the city that every scale has ({short}: the city's name without 市/县/区).
NAMED_ORGS: tuple[tuple[str, str], ...] = (
    ("{short}阳光社工服务中心", TeamType.SOCIAL_WORK),  # named in the source article
    ("{city}志愿者协会", TeamType.ASSOCIATION),
    ("{city}红十字志愿服务队", TeamType.ASSOCIATION),
    ("{city}第一中学志愿服务队", TeamType.SCHOOL),
)

# Village and community groups: "<village><theme>志愿服务队".
COMMUNITY_THEMES = (
    "党员先锋", "巾帼", "青年", "银龄", "邻里守望", "红色物业", "乡贤", "平安巡逻",
)  # fmt: skip
TOWN_SCHOOLS = ("中心小学", "中学", "第二小学", "中心幼儿园")
TOWN_ASSOCIATIONS = ("志愿者协会", "老年体育协会", "爱心协会", "社会工作服务站")
CITY_ASSOCIATIONS = (
    "义工联合会", "摄影家协会", "书法家协会", "户外运动协会", "青年志愿者协会", "慈善总会",
    "老年大学", "退役军人志愿者协会",
)  # fmt: skip
SOCIAL_WORK_WORDS = ("爱心", "和谐", "同心", "益民", "春晖", "德馨", "众合", "乐善", "暖阳")
GOVERNMENT_OFFICES = (
    "教育和体育局", "卫生健康局", "民政局", "司法局", "自然资源局", "住房和城乡建设局",
    "交通运输局", "农业农村局", "文化和旅游局", "市场监督管理局", "应急管理局", "税务局",
    "人民医院", "中医院", "妇幼保健院", "供电公司", "融媒体中心", "图书馆",
)  # fmt: skip
COMPANY_WORDS = ("鲁青", "益都", "云门", "范公", "海岱", "弥河", "驼山", "玲珑", "齐鲁", "昭德")
COMPANY_TRADES = (
    "建设", "食品", "机械", "纺织", "物流", "农业科技", "化工", "医药", "电力设备", "花卉",
)  # fmt: skip

# Party members' employers (双报到: each reports to its employer) and community service posts.
EMPLOYERS = (
    "{city}人民医院", "{city}教育和体育局", "{city}税务局", "{short}农商银行",
    "国网{city}供电公司", "{city}自然资源局", "{city}公安局", "{city}住房和城乡建设局",
    "中国移动{short}分公司", "{city}市场监督管理局", "{city}第一中学", "{city}人民检察院",
)  # fmt: skip
SERVICE_POSTS = (
    "政策宣讲", "环境整治", "邻里调解", "关爱老人", "文明劝导", "关爱未成年人",
    "治安巡逻", "垃圾分类督导", "便民服务", "文化活动",
)  # fmt: skip

# Kinds of generated organisation and their weights.
ORG_KINDS = (
    ("community", 50), ("school", 12), ("company", 14), ("association", 12),
    ("social_work", 5), ("government", 7),
)  # fmt: skip
# Of the teams beyond the fixed ones, the share that are village civilized-practice teams.
VILLAGE_SHARE = 0.57
_CATEGORY_CODES = tuple(code for code, _name, _en in SERVICE_CATEGORIES)


@dataclass(frozen=True)
class Place:
    code: str
    name: str


@dataclass(frozen=True)
class TownPlace:
    town: Place
    villages: tuple[Place, ...]  # in code order


@dataclass(frozen=True)
class TeamSpec:
    name: str
    type: str
    level: str
    region: str  # code
    parent: int | None  # index in the plan
    categories: tuple[str, ...]


def short_city_name(city_name: str) -> str:
    """青州市 → 青州: how local organisations abbreviate the city."""
    return city_name[:-1] if len(city_name) > 2 and city_name[-1] in "市县区" else city_name


def fill(template: str, city_name: str) -> str:
    return template.format(city=city_name, short=short_city_name(city_name))


def team_floor(towns: int) -> int:
    """Teams at any scale: each town's and its first village's, the city's brigade, the
    professional teams and the named organisations."""
    return 2 * towns + 1 + len(PROFESSIONAL_TEAMS) + len(NAMED_ORGS)


def _categories(rng: random.Random, first: str = "") -> tuple[str, ...]:
    wanted = rng.randint(1, 3)
    chosen = [first] if first else []
    while len(chosen) < wanted:
        code = rng.choice(_CATEGORY_CODES)
        if code not in chosen:
            chosen.append(code)
    return tuple(chosen)


def team_plan(
    *, city: Place, towns: Sequence[TownPlace], total: int, rng: random.Random
) -> list[TeamSpec]:
    """The teams, in primary-key order: team 1 is the first town's civilized-practice team.

    ``total`` is raised to ``team_floor``. Beyond the floor, about ``VILLAGE_SHARE`` are
    civilized-practice teams of further villages, the rest generated organisations.
    """
    plan: list[TeamSpec] = []
    used: set[tuple[str, str]] = set()

    def add(
        name: str, type_: str, level: str, region: str, parent: int | None, first: str = ""
    ) -> int:
        used.add((region, name))
        plan.append(TeamSpec(name, type_, level, region, parent, _categories(rng, first)))
        return len(plan) - 1

    brigade = len(towns)  # the city's brigade comes right after the town teams
    town_team = {
        t.town.code: add(
            t.town.name + CIVILIZED_PRACTICE,
            TeamType.CIVILIZED_PRACTICE,
            TeamLevel.TOWN,
            t.town.code,
            brigade,
        )
        for t in towns
    }
    add(city.name + CITY_BRIGADE, TeamType.CIVILIZED_PRACTICE, TeamLevel.MUNICIPAL, city.code, None)
    for topic, category, _skills in PROFESSIONAL_TEAMS:
        name = city.name + topic + TEAM_SUFFIX
        add(name, TeamType.PROFESSIONAL, TeamLevel.MUNICIPAL, city.code, brigade, category)

    def add_village(town: TownPlace, village: Place) -> None:
        name = village.name + CIVILIZED_PRACTICE
        parent = town_team[town.town.code]
        add(name, TeamType.CIVILIZED_PRACTICE, TeamLevel.VILLAGE, village.code, parent)

    for town in towns:
        add_village(town, town.villages[0])
    for template, type_ in NAMED_ORGS:
        add(fill(template, city.name), type_, TeamLevel.MUNICIPAL, city.code, None)
    target = max(total, team_floor(len(towns)))
    others = [(t, v) for t in towns for v in t.villages[1:]]
    wanted = min(len(others), round((target - len(plan)) * VILLAGE_SHARE))
    for town, village in sorted(rng.sample(others, wanted), key=lambda tv: tv[1].code):
        add_village(town, village)
    village_team = {s.region: i for i, s in enumerate(plan) if s.level == TeamLevel.VILLAGE}
    kinds = [kind for kind, _weight in ORG_KINDS]
    weights = [weight for _kind, weight in ORG_KINDS]
    while len(plan) < target:
        town = rng.choice(towns)
        kind = rng.choices(kinds, weights=weights)[0]
        name, type_, level, region = _org(kind, rng, city, town)
        for _attempt in range(1000):  # village groups are many: a free name turns up
            if (region, name) not in used:
                break
            name, type_, level, region = _org("community", rng, city, town)
        else:
            raise RuntimeError("no free team name left in this town")
        if level == TeamLevel.VILLAGE:
            parent: int | None = village_team.get(region, town_team[town.town.code])
        elif level == TeamLevel.TOWN:
            parent = town_team[town.town.code]
        else:
            parent = None
        add(name, type_, level, region, parent)
    return plan


def _org(kind: str, rng: random.Random, city: Place, town: TownPlace) -> tuple[str, str, str, str]:
    """(name, type, level, region) of one generated organisation of ``kind``."""
    short = short_city_name(city.name)
    if kind == "school":
        name = town.town.name + rng.choice(TOWN_SCHOOLS) + TEAM_SUFFIX
        return name, TeamType.SCHOOL, TeamLevel.TOWN, town.town.code
    if kind == "company":
        name = short + rng.choice(COMPANY_WORDS) + rng.choice(COMPANY_TRADES) + "有限公司"
        return name + TEAM_SUFFIX, TeamType.COMPANY, TeamLevel.MUNICIPAL, city.code
    if kind == "association" and rng.random() < 0.5:
        name = city.name + rng.choice(CITY_ASSOCIATIONS)
        return name, TeamType.ASSOCIATION, TeamLevel.MUNICIPAL, city.code
    if kind == "association":
        name = town.town.name + rng.choice(TOWN_ASSOCIATIONS)
        return name, TeamType.ASSOCIATION, TeamLevel.TOWN, town.town.code
    if kind == "social_work":
        name = short + rng.choice(SOCIAL_WORK_WORDS) + "社工服务中心"
        return name, TeamType.SOCIAL_WORK, TeamLevel.MUNICIPAL, city.code
    if kind == "government":
        name = city.name + rng.choice(GOVERNMENT_OFFICES) + TEAM_SUFFIX
        return name, TeamType.GOVERNMENT, TeamLevel.MUNICIPAL, city.code
    village = rng.choice(town.villages)
    name = village.name + rng.choice(COMMUNITY_THEMES) + TEAM_SUFFIX
    return name, TeamType.COMMUNITY, TeamLevel.VILLAGE, village.code
