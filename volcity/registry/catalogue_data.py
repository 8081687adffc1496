"""The starting lists of skills and service categories (editable in the back office).

Service categories follow the civilized-practice service menu used by county centres (about a
dozen categories); skills are what organisers most often ask for.
"""

SERVICE_CATEGORIES: list[tuple[str, str, str]] = [
    ("theory", "理论宣讲", "Policy and theory outreach"),
    ("education", "教育服务", "Education and tutoring"),
    ("culture", "文化服务", "Culture and the arts"),
    ("science", "科技科普", "Science and technology"),
    ("health", "卫生健康", "Health"),
    ("sports", "体育健身", "Sports and fitness"),
    ("elderly", "助老助残", "Elderly and disabled care"),
    ("children", "关爱未成年人", "Care for children"),
    ("law", "法律服务", "Legal aid"),
    ("environment", "生态环保", "Environment"),
    ("safety", "平安建设与应急救援", "Public safety and emergency rescue"),
    ("civility", "文明风尚", "Civility campaigns"),
    ("poverty", "扶贫帮困", "Help for families in need"),
]

SKILLS: list[tuple[str, str, str]] = [
    ("medical", "医疗护理", "Medical care and nursing"),
    ("first_aid", "急救", "First aid"),
    ("psychology", "心理咨询", "Counselling"),
    ("teaching", "教学辅导", "Teaching and tutoring"),
    ("law", "法律", "Law"),
    ("driving", "驾驶", "Driving"),
    ("it", "电脑与网络", "Computers and IT"),
    ("photography", "摄影摄像", "Photography and video"),
    ("performance", "文艺表演", "Performing arts"),
    ("calligraphy", "书法绘画", "Calligraphy and painting"),
    ("haircut", "理发", "Haircuts"),
    ("repair", "家电维修", "Appliance repair"),
    ("sign_language", "手语", "Sign language"),
    ("foreign_language", "外语翻译", "Foreign languages"),
    ("cooking", "烹饪", "Cooking"),
    ("rescue", "水上救援", "Water rescue"),
    ("logistics", "物资搬运", "Material handling"),
    ("social_work", "社会工作", "Social work"),
]
