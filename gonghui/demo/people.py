"""Fictitious but well-formed people: Chinese names, valid-checksum IDs, mobiles."""

import datetime
import random

from stdnum.cn import ric

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕玉兰红梅晓"
    "东文斌丹丹婷婷雪梅俊杰子涵浩然欣怡梓萱宇轩佳怡思远晨曦嘉怡一鸣振宇海峰春燕秋菊冬"
    "梅金凤永刚德胜"
)
# County codes: Shanghai's districts, and counties that send many migrant workers.
LOCAL_REGIONS = [
    "310110",
    "310101",
    "310104",
    "310105",
    "310106",
    "310107",
    "310109",
    "310112",
    "310113",
    "310115",
]
MIGRANT_REGIONS = [
    "342401",
    "342222",
    "410523",
    "411521",
    "511002",
    "512501",
    "320826",
    "362421",
    "430521",
    "370283",
]
MOBILE_PREFIXES = [
    "130",
    "131",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "158",
    "159",
    "177",
    "180",
    "181",
    "186",
    "187",
    "188",
    "189",
    "199",
]


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) if rng.random() < 0.3 else rng.choice(GIVEN) + rng.choice(GIVEN)
    return rng.choice(SURNAMES) + given


def id_number(rng: random.Random, *, birth: datetime.date, male: bool, migrant: bool) -> str:
    region = rng.choice(MIGRANT_REGIONS if migrant else LOCAL_REGIONS)
    seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def birth_date(rng: random.Random, *, as_of: datetime.date) -> datetime.date:
    return as_of - datetime.timedelta(days=rng.randrange(23 * 365, 58 * 365))


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
