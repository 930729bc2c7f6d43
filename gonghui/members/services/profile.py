"""Corrections of a member's details: one service for the staff's edits and the corrections a
member asks for (PI-6), so both validate and audit the same way."""

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Field
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.ids import normalize_phone
from gonghui.lib.pinyin import initials
from gonghui.lib.scoping import locked

from ..identity import phone_blind_index
from ..models import Member
from .membership import MembershipError, member_correct_id

if TYPE_CHECKING:
    from gonghui.accounts.models import User

# The details a correction may change: the ID number goes through member_correct_id (it sets the
# gender, the birth date and the blind index from the number); status and union have their own
# services (leaving, transfers).
CORRECTABLE_FIELDS = (
    "name",
    "id_number",
    "phone",
    "ethnicity",
    "education",
    "political_status",
    "hukou_type",
    "hukou_place",
    "residence",
    "position",
    "emergency_contact",
    "emergency_phone",
)


def _field(name: str) -> Field[Any, Any]:
    found = Member._meta.get_field(name)
    assert isinstance(found, Field)
    return found


def field_label(name: str) -> str:
    """The Chinese label of a member's field, as the record's forms show it."""
    return str(_field(name).verbose_name)


def clean_member_value(field: str, raw: str) -> str:
    """The value as the record keeps it, or MembershipError with a Chinese message."""
    value = raw.strip()
    model_field = _field(field)
    if field in ("phone", "emergency_phone") and value:
        try:
            return normalize_phone(value)
        except ValueError as exc:
            raise MembershipError(str(exc)) from None
    if model_field.choices:
        # A member writes the option as they read it ("本科"); the record keeps its code.
        options = {str(label): str(code) for code, label in model_field.choices}
        value = options.get(value, value)
        if value not in options.values():
            raise MembershipError(
                _("“%(label)s”只能填写以下之一：%(options)s")
                % {"label": model_field.verbose_name, "options": "、".join(k for k in options if k)}
            )
    max_length = getattr(model_field, "max_length", None)
    if max_length and len(value) > max_length:
        raise MembershipError(_("“%(label)s”过长。") % {"label": model_field.verbose_name})
    if not value and field == "name":
        raise MembershipError(_("姓名不能为空。"))
    return value


@transaction.atomic
def member_update(
    *, member: Member, changes: dict[str, str], actor: "User", audit: AuditContext = NO_REQUEST
) -> Member:
    """Set the given details; each is checked as the record's own field is. The audit record names
    the fields changed, never their values."""
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise MembershipError(_("该项目不能在此更正。"))
    if "id_number" in changes:
        member = member_correct_id(member=member, id_number=changes["id_number"], actor=actor, audit=audit)
    others = {f: clean_member_value(f, v) for f, v in changes.items() if f != "id_number"}
    if not others:
        return member
    member = locked(Member, member)
    for field, value in others.items():
        setattr(member, field, value)
    if "name" in others:
        member.name_initials = initials(member.name)
    if "phone" in others:
        member.phone_index = phone_blind_index(member.phone) if member.phone else ""
    member.save()
    audit_record(
        actor=actor, action="member.update", target=member, audit=audit, detail={"fields": sorted(others)}
    )
    return member
