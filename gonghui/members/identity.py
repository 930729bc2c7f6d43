"""Turning a raw ID number and phone into what a record stores."""

from dataclasses import dataclass

from gonghui.lib.crypto import blind_index
from gonghui.lib.ids import IdInfo, parse_id


def id_blind_index(number: str) -> str:
    return blind_index(number.upper(), purpose="id")


def phone_blind_index(phone: str) -> str:
    return blind_index(phone, purpose="phone")


@dataclass(frozen=True)
class Identity:
    info: IdInfo
    index: str


def identity_from(raw_id: str) -> Identity:
    """Validated identity; raises InvalidIdNumber with a Chinese message."""
    info = parse_id(raw_id)
    return Identity(info=info, index=id_blind_index(info.number))
