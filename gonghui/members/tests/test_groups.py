"""Named lists of members that one module keeps and another reads."""

import pytest

from gonghui.members.models import MemberGroup
from gonghui.members.services import member_group_sync

pytestmark = pytest.mark.django_db


def test_a_source_names_one_list_that_each_sync_replaces(district):
    d = district
    first = member_group_sync(
        source="competitions.team:1", name="一线班组", node=d.dinghai,
        members=[d.members["own"], d.members["colleague"]], actor=d.users["district"],
    )  # fmt: skip
    again = member_group_sync(
        source="competitions.team:1", name="一线班组（调整）", node=d.dinghai,
        members=[d.members["subtree"]], actor=d.users["district"],
    )  # fmt: skip
    assert again.pk == first.pk and again.name == "一线班组（调整）"
    assert list(again.members.all()) == [d.members["subtree"]]
    assert MemberGroup.unscoped.count() == 1


def test_a_list_is_seen_only_within_its_node(district):
    d = district
    member_group_sync(source="x:1", name="定海名单", node=d.dinghai, members=[], actor=None)
    assert MemberGroup.objects.visible_to(d.users["dinghai_cadre"]).count() == 1
    assert MemberGroup.objects.visible_to(d.users["pingliang_cadre"]).count() == 0
