"""PI-6 corrections: a value is checked as the record's own field is when the member sends it,
and applied through the members' service."""

import pytest

from gonghui.audit.models import AuditRecord
from gonghui.members.models import Member
from gonghui.privacy.models import DataRequest, RequestStatus
from gonghui.privacy.services import PrivacyError, correction_request, request_apply

pytestmark = pytest.mark.django_db


def test_an_option_is_written_as_read_and_kept_as_its_code(district):
    d = district
    request = correction_request(
        member=d.members["own"], field="education", value="本科", actor=d.users["member"]
    )
    assert request.value == "bachelor"
    request_apply(request=request, actor=d.users["chair"])
    assert Member.unscoped.get(pk=d.members["own"].pk).education == "bachelor"
    assert DataRequest.unscoped.get().status == RequestStatus.DONE


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("education", "博士后", "只能填写以下之一"),
        ("phone", "1234", "手机号"),
        ("id_number", "310110198503120000", "身份证"),
        ("status", "left", "请选择要更正的项目"),
        ("name", "", "请填写正确的内容或说明"),
    ],
)
def test_a_bad_value_is_refused_in_chinese_and_nothing_is_queued(district, field, value, message):
    with pytest.raises(PrivacyError) as refused:
        correction_request(
            member=district.members["own"], field=field, value=value, actor=district.users["member"]
        )
    assert message in refused.value.messages[0]
    assert not DataRequest.unscoped.exists()


def test_only_the_member_themself_files_for_their_record(district):
    with pytest.raises(PermissionError):
        correction_request(
            member=district.members["colleague"],
            field="residence",
            value="某地",
            actor=district.users["member"],
        )


def test_a_second_open_request_of_a_kind_is_refused_and_a_note_only_one_is_not_applied(district):
    d = district
    request = correction_request(
        member=d.members["own"], field="residence", value="", note="地址见附言", actor=d.users["member"]
    )
    with pytest.raises(PrivacyError, match="同类申请"):
        correction_request(member=d.members["own"], field="name", value="张三", actor=d.users["member"])
    with pytest.raises(PrivacyError, match="没有填写更正内容"):
        request_apply(request=request, actor=d.users["chair"])
    assert DataRequest.unscoped.get().status == RequestStatus.PENDING
    assert AuditRecord.objects.filter(action="privacy.correction.request").count() == 1
