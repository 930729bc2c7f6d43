"""What a scan reads, hand-written: every scan at every counter and service point runs it.
The pass with its member and whether the member holds an active card, and at a shop counter
the cashier's counter beside them, in one statement. The statement is the card module's own,
built from the models; the pass it reads is judged by members (`pass_code` before the read,
`pass_check` after it)."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.lib.db import load_row, select_list
from gonghui.lib.roles import Role
from gonghui.members.models import Member, MemberPass
from gonghui.members.passes import PassRefused, PassUnknown, pass_check, pass_code

from ..errors import CardsError
from ..models import Card, CashierAccount, DiscountRule, Merchant, Store


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _holds_active_card(member: str, district: str = "") -> str:
    """The condition that the member `member` (a column, or a placeholder) holds an active card;
    it takes one parameter, the active status. Correlated to a member's row, it names the
    member's `district` too (a card is in its member's): on Citus a subquery correlated between
    two distributed tables must join on their key."""
    same_district = f" AND c.district = {district}" if district else ""
    where = f"c.member_id = {member}{same_district} AND c.status = %s"
    return f"EXISTS (SELECT 1 FROM {_table(Card)} c WHERE {where})"


def _no_card() -> CardsError:
    return CardsError(_("该会员没有可用的服务卡（未办卡、未激活、已停用或已挂失）。"))


@cache
def _holder_sql() -> str:
    return f"SELECT {_holds_active_card('%s')}"


def require_holder(member: Member) -> None:
    """Refuse a member without an active card: every benefit needs one. Hand-written: every
    sale, every redemption and every e-card refresh asks."""
    with connection.cursor() as cursor:
        cursor.execute(_holder_sql(), [member.pk, Card.Status.ACTIVE.value])
        row = cursor.fetchone()
    if not (row and row[0]):
        raise _no_card()


@dataclass(frozen=True)
class Counter:
    """A cashier's counter as a scan finds it: the account with its store and merchant, and
    the best discount rule in force today (None when there is none)."""

    account: CashierAccount
    rule: DiscountRule | None

    @property
    def store(self) -> Store:
        return self.account.store

    def rule_in_force(self) -> DiscountRule:
        if self.rule is None:
            raise CardsError(_("该商户当前没有有效的优惠规则。"))
        return self.rule


@cache
def _counter_sql() -> str:
    tables = (CashierAccount, Store, Merchant, DiscountRule)
    columns = ", ".join(select_list(model, alias) for model, alias in zip(tables, "asmr", strict=True))
    return f"""
        SELECT {columns}
        FROM {_table(CashierAccount)} a
        JOIN {_table(Store)} s ON s.id = a.store_id
        JOIN {_table(Merchant)} m ON m.id = s.merchant_id
        LEFT JOIN {_table(DiscountRule)} r ON r.id = (
            SELECT id FROM {_table(DiscountRule)}
            WHERE merchant_id = m.id AND active = %s AND starts_on <= %s AND ends_on >= %s
            ORDER BY rate DESC, id LIMIT 1
        )
        WHERE a.user_id = %s AND a.active = %s"""


def _counter_params(user: User) -> list[Any]:
    today = connection.ops.adapt_datefield_value(timezone.localdate())
    return [True, today, today, user.pk or 0, True]


def _counter_from(user: User, row: Sequence[Any] | None) -> Counter:
    """The counter from `_counter_sql`'s row; none (or a row of NULLs) refuses."""
    if row is None or row[0] is None or not user.is_active or user.role != Role.CASHIER:
        raise CardsError(_("该账号未绑定门店，无法核销。"))
    account, store, merchant, rule = load_row(row, (CashierAccount, Store, Merchant, DiscountRule))
    account.store, store.merchant = store, merchant
    if rule is not None:
        rule.merchant = merchant
    _check_counter_open(merchant, store)
    return Counter(account=account, rule=rule)


def _check_counter_open(merchant: Merchant, store: Store) -> None:
    today = timezone.localdate()
    if merchant.status != Merchant.Status.ACTIVE:
        raise CardsError(_("该商户已暂停合作，暂停核销。"))
    if not merchant.agreement_start <= today <= merchant.agreement_end:
        raise CardsError(_("该商户的合作协议不在有效期内，暂停核销。"))
    if not store.active:
        raise CardsError(_("该门店已停止营业，暂停核销。"))


def counter_of(user: User) -> Counter:
    """The cashier's store and rule, read afresh on every scan (in one query: a counter scans
    all day): a suspended merchant or a closed store stops verification at once."""
    with connection.cursor() as cursor:
        cursor.execute(_counter_sql(), _counter_params(user))
        row = cursor.fetchone()
    return _counter_from(user, row)


@cache
def _scan_sql(at_counter: bool) -> str:
    holds = _holds_active_card("m.id", "m.district")
    columns = f"{select_list(MemberPass, 'p')}, {select_list(Member, 'm')}, {holds}"
    joined = f"{_table(MemberPass)} p JOIN {_table(Member)} m ON m.id = p.member_id"
    if at_counter:
        columns, joined = f"{columns}, x.*", f"{joined} LEFT JOIN ({_counter_sql()}) x ON TRUE"
    return f"SELECT {columns} FROM {joined} WHERE p.code = %s"


def _scan(code: str, cashier: User | None = None) -> tuple[MemberPass, bool, Sequence[Any]]:
    """The pass with its member and whether the member holds an active card; with a `cashier`,
    the columns of its counter beside them (all None when it has none)."""
    params = [Card.Status.ACTIVE.value, *(_counter_params(cashier) if cashier else ()), code]
    with connection.cursor() as cursor:
        cursor.execute(_scan_sql(cashier is not None), params)
        row = cursor.fetchone()
    if row is None:
        raise PassUnknown
    width = len(MemberPass._meta.concrete_fields) + len(Member._meta.concrete_fields)
    instances = load_row(row[:width], (MemberPass, Member))
    found: MemberPass = instances[0]
    found.member = instances[1]
    return found, bool(row[width]), row[width + 1 :]


def holder_by_pass(scanned: str) -> Member:
    """The member whose pass was scanned, who must hold an active card; the pass is not used.
    One statement: the pass, its member and the card check together."""
    found, holds, _counter = _scan(pass_code(scanned))
    pass_check(found)
    if not holds:
        raise _no_card()
    return found.member


def counter_and_holder(user: User, scanned: str) -> tuple[Counter, DiscountRule, Member]:
    """The counter, its rule in force and the scanned member, who must hold an active card, in
    one statement: the counter is read beside the pass. The counter refuses first, as when it
    is read on its own, also when the pass is refused before that statement (a bad signature)
    or the statement finds none (an unknown code): then the counter is read alone."""
    try:
        found, holds, columns = _scan(pass_code(scanned), cashier=user)
    except PassRefused:
        counter_of(user).rule_in_force()
        raise
    counter = _counter_from(user, columns)
    rule = counter.rule_in_force()
    pass_check(found)
    if not holds:
        raise _no_card()
    return counter, rule, found.member
