"""The competitions' test world (gonghui.testing.competitions) as a fixture."""

import pytest

from gonghui.testing.competitions import Contest


@pytest.fixture
def contest(district):
    return Contest(district)


@pytest.fixture
def member_user(district):
    return district.users["member"]


@pytest.fixture
def subtree_user(district):
    """An account for the reporter of the second team (the member of 定海乙)."""
    from gonghui.accounts.models import User

    member = district.members["subtree"]
    return User.objects.create(
        username="reporter_b", role="member", member=member, phone_index=member.phone_index
    )
