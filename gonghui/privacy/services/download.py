"""A member's download of all their own data (PI-6): a JSON file and a workbook with one sheet
per kind of record, built from the registry, audited, at most once a minute per format."""

import datetime
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import xlsxwriter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.personal import Section
from gonghui.members.models import Member

from ..models import DownloadClock
from ..registry import member_sections

if TYPE_CHECKING:
    from gonghui.accounts.models import User

FORMATS = ("json", "xlsx")
SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


class PrivacyError(ValidationError):
    pass


@dataclass(frozen=True)
class DataFile:
    filename: str
    content_type: str
    body: bytes
    rows: int


def _claim_slot(user: "User", fmt: str) -> bool:
    """Take this minute's download: one conditional UPDATE, so two requests at once get one."""
    now = timezone.now()
    earliest = now - datetime.timedelta(seconds=settings.PRIVACY_DOWNLOAD_SECONDS)
    if DownloadClock.objects.filter(user=user, fmt=fmt, last_at__lte=earliest).update(last_at=now):
        return True
    try:
        with transaction.atomic():
            DownloadClock.objects.create(user=user, fmt=fmt, last_at=now)
    except IntegrityError:
        return False  # a clock exists and is within the minute
    return True


def _as_json(member: Member, sections: list[Section], at: datetime.datetime) -> bytes:
    document: dict[str, Any] = {
        "generated_at": at.astimezone(datetime.UTC).isoformat(),
        "member_no": member.member_no,
        "sections": [s.as_json() for s in sections],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def _sheet_name(title: str, used: set[str]) -> str:
    base = title.translate(SHEET_FORBIDDEN)[:28] or "sheet"
    name, n = base, 2
    while name in used:
        name, n = f"{base}{n}", n + 1
    used.add(name)
    return name


def _as_xlsx(member: Member, sections: list[Section], at: datetime.datetime) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    )
    bold = book.add_format({"bold": True, "bg_color": "#EEEEEE"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    cover = book.add_worksheet(_("说明"))
    cover.set_column(0, 0, 24)
    cover.set_column(1, 1, 80)
    cover.write_row(0, 0, [_("会员编号"), member.member_no], bold)
    cover.write_row(1, 0, [_("生成时间"), at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")])
    cover.write_row(3, 0, [_("记录类别"), _("条数 / 删除申请时的处理")], bold)
    used = {cover.name}
    for i, section in enumerate(sections, start=4):
        kept = section.kept or _("会员退会后可申请删除。")
        cover.write_row(i, 0, [section.title, f"{len(section.rows)} · {kept}"], wrap)
        if not section.rows:
            continue  # the cover names it with its count; an empty sheet would say no more
        sheet = book.add_worksheet(_sheet_name(section.title, used))
        sheet.write_row(0, 0, [label for _name, label in section.columns], bold)
        for c, (name, label) in enumerate(section.columns):
            width = max([len(label) * 2, *(len(row[name]) for row in section.rows[:200])], default=8)
            sheet.set_column(c, c, min(max(width, 8), 50))
        for r, row in enumerate(section.rows, start=1):
            sheet.write_row(r, 0, [row[name] for name, _label in section.columns])
        sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()


@transaction.atomic
def personal_data_download(
    *, member: Member, fmt: str, actor: "User", audit: AuditContext = NO_REQUEST
) -> DataFile:
    """All the member's own records, for the member themself only (the full numbers are in it)."""
    if fmt not in FORMATS:
        raise PrivacyError(_("不支持的文件格式。"))
    if getattr(member, "user", None) != actor:
        raise PermissionError
    if not _claim_slot(actor, fmt):
        raise PrivacyError(_("每分钟只能下载一次，请稍后再试。"))
    at = timezone.now()
    sections = member_sections(member)
    rows = sum(len(s.rows) for s in sections)
    body = _as_json(member, sections, at) if fmt == "json" else _as_xlsx(member, sections, at)
    audit_record(
        actor=actor,
        action="privacy.download",
        target=member,
        audit=audit,
        detail={"format": fmt, "sections": len(sections), "rows": rows},
    )
    content_type = (
        "application/json"
        if fmt == "json"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime(at).strftime("%Y%m%d")
    return DataFile(f"my-data-{member.member_no}-{stamp}.{fmt}", content_type, body, rows)
