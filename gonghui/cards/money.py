"""Money is Decimal yuan with two places (MO-1): no float ever enters a money path."""

from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .errors import CardsError

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000.00")


def to_money(value: object, *, field: str = "") -> Decimal:
    """A positive amount of yuan with at most two places; floats are refused outright."""
    if isinstance(value, float):
        raise TypeError("money must be Decimal or a decimal string, never float")
    try:
        amount = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise CardsError(_("金额格式不正确。")) from None
    if not amount.is_finite() or amount <= 0 or amount > MAX_AMOUNT:
        raise CardsError(_("金额应大于0且不超过100万元。"))
    if amount != amount.quantize(CENT):
        raise CardsError(_("金额最多保留两位小数。"))
    return amount.quantize(CENT)


def discount_for(amount: Decimal, rate: Decimal, cap: Decimal | None) -> Decimal:
    """The discount is rounded down to the cent, so it never exceeds the agreed rate."""
    discount = (amount * rate).quantize(CENT, rounding=ROUND_DOWN)
    if cap is not None:
        discount = min(discount, cap)
    return discount


def yuan(value: Decimal | None) -> str:
    return f"{(value or Decimal(0)).quantize(CENT)}"
