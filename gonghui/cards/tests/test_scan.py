"""The scan's own statement (the pass, its member, the card check and the counter) reads what
the ORM reads, and a sale or a verification adds no round trip to it."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.cards import services
from gonghui.cards.services.scan import holder_by_pass
from gonghui.members.models import Member
from gonghui.members.passes import pass_issue

from .helpers import key

pytestmark = pytest.mark.django_db


def fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_a_scanned_holder_reads_as_the_orm_does(world):
    member = world.d.members["own"]
    read = holder_by_pass(pass_issue(member=member).token)
    assert fields(read) == fields(Member.unscoped.get(pk=member.pk))
    assert read.id_number == member.id_number  # decrypted like any ORM read


def reads(queries, table: str) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().startswith("SELECT") and table in q["sql"]]


def test_a_sale_reads_the_counter_the_pass_and_the_card_once_each(world):
    token = pass_issue(member=world.d.members["own"]).token
    with CaptureQueriesContext(connection) as queries:
        services.sale_record(user=world.cashier, scanned=token, amount=Decimal("10.00"), key=key())
    assert len(reads(queries, "cards_cashieraccount")) == 1
    assert len(reads(queries, "members_memberpass")) == 1
    assert len(reads(queries, '"cards_card"')) == 1


def test_a_bad_signature_reads_only_the_counter_and_an_unknown_code_reads_it_once_more(world):
    for scanned, statements in (("forged-token", 1), ("ZZZZZZZZZZ", 2)):
        with CaptureQueriesContext(connection) as queries:
            result = services.sale_verify(user=world.cashier, scanned=scanned)
        assert not result.valid and "无效" in result.message
        assert len(reads(queries, "cards_cashieraccount")) == statements
