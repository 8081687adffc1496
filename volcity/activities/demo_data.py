"""Fixed names of the demo service delivery: the city's brands, and what projects and
activities under each are called.

The brands are the ones the source article names (点亮微心愿, 爱心护航365, 幸福食堂 / 老年幸福院,
河小青, 雷锋驿站, 新时代文明实践); their descriptions, and every project and activity title, are
**illustrative**, written to look like a county's, not copied from an official list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BrandSpec:
    code: str
    name: str
    name_en: str
    description: str
    category: str  # the service category its projects usually have
    activities: tuple[str, ...]  # activity titles its projects run


BRANDS: tuple[BrandSpec, ...] = (
    BrandSpec(
        "micro-wish",
        "点亮微心愿",
        "Lighting Micro-Wish",
        "收集困难儿童和老人的微小心愿，由爱心人士认领、帮助实现。",
        "children",
        ("微心愿收集走访", "微心愿集中发放", "困境儿童陪伴", "爱心书包送到家"),
    ),
    BrandSpec(
        "love-escort-365",
        "爱心护航365",
        "Love Escort 365",
        "一年三百六十五天、每天二十四小时的求助热线与上门帮扶。",
        "elderly",
        ("热线值守", "独居老人上门探访", "爱心送医陪护", "夜间应急帮扶"),
    ),
    BrandSpec(
        "happy-hall",
        "幸福食堂·老年幸福院",
        "Happy Hall for the Elderly",
        "村居老年幸福院和幸福食堂的助餐、陪伴与文体活动。",
        "elderly",
        ("幸福食堂助餐", "老年幸福院陪伴", "为老人理发", "健康义诊进幸福院"),
    ),
    BrandSpec(
        "river-youth",
        "河小青",
        "River Youth (river patrol)",
        "青年志愿者巡河护河，记录巡河日志，上报河道问题。",
        "environment",
        ("河道巡查", "河岸垃圾清理", "护河宣传进社区", "水质观察记录"),
    ),
    BrandSpec(
        "lei-feng-station",
        "雷锋驿站",
        "Lei Feng Stations",
        "社区和景区的学雷锋志愿服务站，定时有人值守、提供便民服务。",
        "civility",
        ("驿站值守", "便民服务日", "景区文明引导", "爱心雨伞借还"),
    ),
    BrandSpec(
        "civilized-practice",
        "新时代文明实践",
        "Civilized Practice",
        "新时代文明实践中心、所、站组织的宣讲、移风易俗与文明创建活动。",
        "civility",
        ("理论政策宣讲", "移风易俗宣传", "文明交通劝导", "环境卫生整治"),
    ),
    BrandSpec(
        "spring-bud",
        "春蕾助学",
        "Spring Bud Stipends",
        "资助困难家庭学生完成学业，结对帮扶、学业辅导。",
        "education",
        ("结对帮扶走访", "周末学业辅导", "助学金发放", "假期托管"),
    ),
    BrandSpec(
        "meide-bank",
        "美德银行",
        "Virtue Bank",
        "村里的好人好事记入积分，积分可在爱心超市兑换。",
        "civility",
        ("美德积分评议", "爱心超市兑换日", "好人好事采集", "户户评星"),
    ),
)

# What a record entered by a leader (no activity behind it) says was done.
GENERIC_SERVICES: tuple[str, ...] = (
    "清扫街道",
    "关爱空巢老人",
    "文明交通劝导",
    "义务植树",
    "疫情防控值守",
    "扶贫帮困走访",
    "社区文艺演出",
    "图书整理",
    "环境卫生整治",
    "安全知识宣传",
)
ROADS: tuple[str, ...] = ("文化路", "青州路", "范公亭路", "云门山路", "玲珑山路", "海岱路")
PROJECT_SUFFIX = "志愿服务项目"
RISKY_TITLES = frozenset({"河道巡查", "河岸垃圾清理", "夜间应急帮扶"})
RISK_TEXT = "临水作业，注意防滑；请穿防滑鞋、服从现场安排。"
