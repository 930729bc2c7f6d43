from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=20000)
def _initial(char: str) -> str:
    return "".join(lazy_pinyin(char, style=Style.FIRST_LETTER, errors="ignore")).lower()


# Surnames read differently from the character's common reading (单 shan, 曾 zeng…).
SURNAME_INITIALS = {
    "单": "s",
    "曾": "z",
    "解": "x",
    "仇": "q",
    "区": "o",
    "查": "z",
    "朴": "p",
    "盖": "g",
    "乐": "y",
    "覃": "q",
    "尉": "y",
    "缪": "m",
    "种": "c",
    "翟": "z",
    "秘": "b",
    "员": "y",
    "繁": "p",
    "召": "s",
    "华": "h",
    "任": "r",
    "纪": "j",
    "燕": "y",
    "宁": "n",
    "沈": "s",
}


def initials(name: str) -> str:
    """Lower-case pinyin initials of a Chinese name: 张三丰 -> zsf, 单雄信 -> sxx. Cached per
    character: a district has a few thousand distinct characters and a hundred thousand names."""
    if not name:
        return ""
    first = SURNAME_INITIALS.get(name[0]) or _initial(name[0])
    return (first + "".join(_initial(char) for char in name[1:]))[:20]
