"""The one way pages format figures and render forms: money, counts, rates and dates as a
Chinese reader expects, every field labelled in Chinese, a single choice already chosen."""

import datetime
from decimal import Decimal

from django import forms
from django.template import Context, Template
from django.utils import translation

from gonghui.lib.templatetags.gonghui import amount, count, day, percent, yuan


def test_money_counts_rates_and_dates():
    assert yuan(Decimal("1020000.00000000")) == "¥1,020,000.00"
    assert yuan("-12.5") == "-¥12.50" and yuan(None) == "—" and yuan("abc") == "—"
    assert amount(Decimal("88.8")) == "88.80"
    assert count(18700) == "18,700" and count(None) == "—"
    assert percent(0.0524) == "5.2%" and percent(Decimal("0.9")) == "90.0%" and percent(None) == "—"
    assert day(datetime.date(2016, 9, 5)) == "2016-09-05"


class Pick(forms.Form):
    only = forms.ChoiceField(label="街镇", choices=[("", "—"), ("a", "定海路街道")])
    several = forms.ChoiceField(label="服务圈", choices=[("e", "东圈"), ("w", "西圈")], required=False)
    optional = forms.ChoiceField(label="限定", choices=[("", ""), ("a", "甲")], required=False)
    amount = forms.DecimalField(label="金额")


def render(form: forms.Form) -> str:
    return Template("{{ form }}").render(Context({"form": form}))


def test_a_required_list_with_one_choice_comes_chosen():
    html = render(Pick())
    assert '<option value="a" selected>定海路街道</option>' in html
    assert '<option value="a" selected>甲</option>' not in html  # optional: left to the person
    assert Pick(data={"amount": "1"}).is_bound and 'value="a" selected' not in render(
        Pick(data={"amount": "1"})
    )


def test_fields_carry_labels_and_chinese_errors_beside_them():
    with translation.override("zh-hans"):
        html = render(Pick(data={"only": "", "amount": ""}))
        blank = translation.gettext("- Select an option -")  # Django 6.1's blank choice
        suffix = forms.Form().label_suffix or str(translation.gettext(":"))
    assert '<label for="id_amount">金额' in html
    assert html.count('class="field-error"') == 2 and "这个字段是必填项" in html
    assert blank == "请选择" and suffix == "："
