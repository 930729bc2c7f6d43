"""The bounded readers of what a client sends (FZ-2): ids, numbers, years, days, months, JSON."""

import datetime
import json

import pytest
from django.test import RequestFactory
from django.urls import resolve
from django.urls.exceptions import Resolver404

from gonghui.lib.params import (
    MAX_ID,
    MAX_JSON_BYTES,
    BadInput,
    date_param,
    id_param,
    int_param,
    json_body,
    json_depth,
    month_param,
    year_param,
)


def test_an_id_is_one_to_the_largest_bigint():
    assert id_param("1") == 1 and id_param(str(MAX_ID)) == MAX_ID
    for bad in (str(MAX_ID + 1), str(2**70), "0", "-1", "9" * 30, "1.5", "1e3", "", None, "١٢"):
        assert id_param(bad) is None, bad


def test_a_number_within_its_bounds():
    assert int_param("-5", low=-10, high=10) == -5
    assert int_param("-5") is None  # below the default low of 0
    assert int_param(" 42 ", high=100) == 42
    assert int_param("101", high=100) is None


def test_years_days_and_months_at_and_past_their_edges():
    assert year_param("2026") == 2026 and year_param("1900") == 1900 and year_param("2100") == 2100
    for bad in ("10000", "9" * 30, "0", "-1", "1899", "2101", "0000-00-00"):
        assert year_param(bad) is None, bad
    assert date_param("2026-02-28") == datetime.date(2026, 2, 28)
    for bad in (
        "0000-00-00",
        "9999-12-31",
        "10000-01-01",
        "2026-02-30",
        "2026-13-01",
        "2026-1-1",
        str(2**70),
    ):
        assert date_param(bad) is None, bad
    assert month_param("2026-12") == (2026, 12) and month_param("2026-1") == (2026, 1)
    for bad in ("2026-13", "2026-00", "99999-01", "10000-01", "0000-01", "2026", "2026-01-01"):
        assert month_param(bad) is None, bad


def test_the_id_path_converter_answers_404_past_64_bits(district):
    assert resolve(f"/members/{MAX_ID}/").kwargs == {"pk": MAX_ID}
    for bad in (str(MAX_ID + 1), str(2**70), "0", "-1"):
        with pytest.raises(Resolver404):
            resolve(f"/members/{bad}/")


def _post(body: str | bytes):
    return RequestFactory().post("/", data=body, content_type="application/json")


def test_json_within_the_limits_is_read_and_past_them_refused_in_chinese():
    assert json_body(_post('{"amount": 12.5, "items": [[1], {"a": [2]}]}'))["amount"].as_tuple()
    assert json_body(_post("")) == {}
    assert json_depth('{"a": "[[[[[[[[[[[["}') == 1  # brackets inside strings do not nest
    for body, message in (
        ("[" * 5000 + "]" * 5000, "嵌套过深"),
        ("[" * 9 + "]" * 9, "嵌套过深"),
        (json.dumps({"q": "x" * MAX_JSON_BYTES}), "过大"),
        ("{bad", "不是有效的 JSON"),
        (b"\xff\xfe", "不是有效的 JSON"),
        ("1" * 5000, "不是有效的 JSON"),  # an integer past Python's digit limit
    ):
        with pytest.raises(BadInput, match=message):
            json_body(_post(body))
    assert json_body(_post("[" * 8 + "]" * 8)) == [[[[[[[[]]]]]]]]
