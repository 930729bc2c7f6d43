from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=20000)
def initials(name: str) -> str:
    """Lower-case pinyin initials of a Chinese name: 张三丰 -> zsf."""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()[:20]
