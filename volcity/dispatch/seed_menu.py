"""The demo service menu: a dozen categories of the city's menu with their sub-items, and the
skills each needs (codes of the registry's skill catalogue). Illustrative, bounded."""

from __future__ import annotations

# (category, [(item, description, skill codes)])
MENU: list[tuple[str, list[tuple[str, str, list[str]]]]] = [
    (
        "助老助残",
        [
            ("上门探访陪伴", "陪老人聊天、读报、散步。", ["social_work"]),
            ("助浴助洁", "帮行动不便的老人洗澡、打扫。", ["medical"]),
            ("代量血压", "上门测量血压血糖并记录。", ["medical"]),
        ],
    ),
    (
        "家电维修",
        [
            ("水电维修", "水管、电路、开关插座的小修。", ["repair"]),
            ("家电检修", "电视、洗衣机、冰箱的检查与小修。", ["repair"]),
        ],
    ),
    ("理发", [("上门理发", "为老人、残疾人上门理发。", ["haircut"])]),
    (
        "心理疏导",
        [
            ("心理咨询", "一对一倾听与疏导。", ["psychology"]),
            ("留守儿童关爱", "陪伴留守儿童，关注情绪变化。", ["psychology", "teaching"]),
        ],
    ),
    (
        "法律咨询",
        [
            ("法律咨询", "婚姻家庭、土地承包、劳动纠纷等咨询。", ["law"]),
            ("人民调解", "邻里纠纷调解。", ["law", "social_work"]),
        ],
    ),
    (
        "医疗义诊",
        [
            ("上门义诊", "常见病问诊与用药指导。", ["medical"]),
            ("急救培训", "心肺复苏与止血包扎教学。", ["first_aid"]),
        ],
    ),
    (
        "助学辅导",
        [
            ("作业辅导", "中小学生课后作业辅导。", ["teaching"]),
            ("电脑手机教学", "教老人用智能手机、视频通话。", ["it"]),
        ],
    ),
    (
        "环境整治",
        [
            ("庭院清理", "清理院落、杂物。", ["logistics"]),
            ("垃圾分类指导", "入户讲解垃圾分类。", []),
        ],
    ),
    (
        "文化文艺",
        [
            ("文艺演出", "进村文艺演出。", ["performance"]),
            ("写春联", "书法志愿者写春联、送福字。", ["calligraphy"]),
        ],
    ),
    (
        "应急救援",
        [
            ("应急救援", "突发事件现场救援。", ["first_aid", "rescue"]),
            ("防汛巡查", "汛期巡堤、转移群众。", ["logistics"]),
        ],
    ),
    (
        "爱心接送",
        [
            ("就医接送", "接送老人、病人往返医院。", ["driving"]),
            ("爱心送考", "高考、中考期间接送考生。", ["driving"]),
        ],
    ),
    (
        "代买代办",
        [
            ("代买生活用品", "代买米面油、药品等。", []),
            ("代办证件业务", "代办社保、医保等业务。", ["social_work"]),
        ],
    ),
]
