"""Shared test helpers: the personas' district (`district`), contention (`threads`), each
module's test world (`cards`, `culture`, `disputes`) and the route walker with its object
factories (`routes`, `targets`). The package itself offers the spine's helpers only, so a
module's tests that import it reach no other module."""

from .district import (
    PASSWORD,
    TOTP_SECRET,
    District,
    add_member,
    add_unit,
    build_district,
    make_id,
    make_phone,
    make_uscc,
)
from .threads import run_together

__all__ = [
    "PASSWORD",
    "TOTP_SECRET",
    "District",
    "add_member",
    "add_unit",
    "build_district",
    "make_id",
    "make_phone",
    "make_uscc",
    "run_together",
]
