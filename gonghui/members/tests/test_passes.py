"""MO-3 and MO-4 for the member's QR pass."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import signing
from django.db import connection
from django.utils import timezone

from gonghui.members.models import MemberPass
from gonghui.members.passes import SALT, PassRefused, pass_issue, pass_peek, pass_redeem


@pytest.mark.django_db
def test_a_pass_works_once_and_holds_nothing_personal(district):
    member = district.members["own"]
    issued = pass_issue(member=member)
    for secret in (member.id_number, member.phone, member.name, member.member_no, str(member.pk)):
        assert secret not in signing.loads(issued.token, salt=SALT)
    assert pass_peek(scanned=issued.token) == member
    assert pass_redeem(scanned=issued.token, purpose="test", actor=None) == member
    with pytest.raises(PassRefused, match="已使用"):
        pass_redeem(scanned=issued.token, purpose="test", actor=None)
    with pytest.raises(PassRefused, match="已使用"):
        pass_redeem(scanned=issued.code, purpose="test", actor=None)


@pytest.mark.django_db
def test_tampered_forged_and_expired_passes_are_refused(district):
    issued = pass_issue(member=district.members["own"])
    with pytest.raises(PassRefused, match="无效"):
        pass_redeem(scanned=issued.token[:-2] + "xx", purpose="test", actor=None)
    with pytest.raises(PassRefused, match="无效"):
        pass_redeem(scanned=signing.dumps("ABCDEFGHJK", salt="other"), purpose="test", actor=None)
    with pytest.raises(PassRefused, match="无效"):
        pass_redeem(scanned="ZZZZZZZZZZ", purpose="test", actor=None)
    MemberPass.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(PassRefused, match="过期"):
        pass_redeem(scanned=issued.code, purpose="test", actor=None)
    assert issued.expires_at - timezone.now() <= datetime.timedelta(seconds=120)


@pytest.mark.django_db
def test_a_member_who_left_gets_no_pass(district):
    with pytest.raises(PassRefused):
        pass_issue(member=district.members["left"])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_uses_of_one_pass_let_exactly_one_through(district):
    issued = pass_issue(member=district.members["own"])
    barrier = threading.Barrier(50)

    def use(_i):
        barrier.wait()
        try:
            pass_redeem(scanned=issued.token, purpose="race", actor=None)
            return True
        except PassRefused:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(50) as pool:
        results = list(pool.map(use, range(50)))
    assert results.count(True) == 1
