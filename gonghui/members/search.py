"""Member search: exact ID or phone through the blind index, pinyin initials, or name."""

import re

from django.db.models import Q

from gonghui.lib.ids import normalize

from .identity import id_blind_index, phone_blind_index
from .models import MemberQuerySet

ID_LIKE = re.compile(r"^\d{17}[\dX]$|^\d{15}$")
PHONE_LIKE = re.compile(r"^(\+?86)?1\d{10}$")
INITIALS_LIKE = re.compile(r"^[a-z]{1,20}$")


def search_members(members: MemberQuerySet, text: str) -> MemberQuerySet:
    query = normalize(text)
    if not query:
        return members
    if ID_LIKE.match(query):
        return members.filter(id_index=id_blind_index(query))
    if PHONE_LIKE.match(query):
        return members.filter(phone_index=phone_blind_index(query[-11:]))
    if INITIALS_LIKE.match(query.lower()):
        return members.filter(name_initials__startswith=query.lower())
    return members.filter(Q(name__contains=query) | Q(member_no=query))
