"""The mediation network as of a past day, and court mediation funding per year: a small
hand-made history whose answers are worked out by hand in the test."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.accounts.models import User
from gonghui.disputes import services
from gonghui.disputes.models import Lawyer, MediationFunding, OrgKind
from gonghui.disputes.selectors import disputes_figures
from gonghui.lib.figures import Period
from gonghui.lib.roles import Role

pytestmark = pytest.mark.django_db

D = datetime.date
KEYS = (
    "mediation_orgs",
    "grassroots_unions",
    "unions_with_committee",
    "committee_rate",
    "mediators",
    "court_invited_mediators",
    "lawyers_matched_streets",
)


@pytest.fixture
def history(district):
    """Grassroots unions: pingliang's founded 2010, dinghai's 2013-06-01, dinghai's second
    2015-02-01. Organizations: the district centre from 2012-03-01, the court room from
    2013-06-01, the dinghai centre 2014-01-01 to 2020-01-01, committees of pingliang's union
    from 2011, of dinghai's from 2013-09-01, of dinghai's second 2016-03-01 to 2019-06-30.
    Mediators: m1 in the district centre from 2012-03-01 and invited to the court room from
    2013-06-01; m2 invited 2015-01-01 to 2018-01-01; m3 invited from 2019-01-01; m4 at the
    dinghai centre from 2014-01-01. A lawyer matched to dinghai from 2014, to pingliang
    2016-01-01 to 2018-01-01."""
    d = district
    staff = d.users["district"]

    def org(name, kind, node, established, closed=None):
        made = services.mediation_org_create(
            name=name, kind=kind, node=node, established_on=established, actor=staff
        )
        return services.mediation_org_close(org=made, closed_on=closed, actor=staff) if closed else made

    orgs = {
        "centre": org("区法律援助中心", OrgKind.DISTRICT_CENTRE, d.root, D(2012, 3, 1)),
        "court": org("区法院工会调解室", OrgKind.COURT_ROOM, d.root, D(2013, 6, 1)),
        "dinghai": org("定海工作站", OrgKind.STREET_CENTRE, d.dinghai, D(2014, 1, 1), D(2020, 1, 1)),
        "sibling": org("平凉调委会", OrgKind.ENTERPRISE_COMMITTEE, d.pingliang_union, D(2011, 1, 1)),
        "own": org("定海甲调委会", OrgKind.ENTERPRISE_COMMITTEE, d.dinghai_union, D(2013, 9, 1)),
        "subtree": org(
            "定海乙调委会", OrgKind.ENTERPRISE_COMMITTEE, d.dinghai_union_b, D(2016, 3, 1), D(2019, 6, 30)
        ),
    }
    people = {n: User.objects.create(username=n, role=Role.MEDIATOR) for n in ("m1", "m2", "m3", "m4")}

    def seat(name, at, since, invited=False, left=None):
        made = services.mediator_appoint(
            user=people[name], org=orgs[at], appointed_on=since, invited=invited, actor=staff
        )
        if left:
            services.mediator_leave(seat=made, left_on=left, actor=staff)

    seat("m1", "centre", D(2012, 3, 1))
    seat("m1", "court", D(2013, 6, 1), invited=True)
    seat("m2", "court", D(2015, 1, 1), invited=True, left=D(2018, 1, 1))
    seat("m3", "court", D(2019, 1, 1), invited=True)
    seat("m4", "dinghai", D(2014, 1, 1))
    lawyer = Lawyer.unscoped.create(name="王律师", firm="申江律师事务所", license_no="13101201010000009")
    services.lawyer_assign(lawyer=lawyer, street=d.dinghai, since=D(2014, 1, 1), actor=staff)
    services.lawyer_assign(
        lawyer=lawyer, street=d.pingliang, since=D(2016, 1, 1), until=D(2018, 1, 1), actor=staff
    )
    return d, orgs


def network(node, day):
    figures = disputes_figures(node, None if day is None else Period.as_of(day))
    return tuple(figures[key] for key in KEYS)


def test_the_network_as_of_a_day(history):
    d, _orgs = history
    # orgs, unions, unions with a committee, rate, mediators, court-invited, streets with a lawyer
    assert network(d.root, D(2012, 12, 31)) == (2, 1, 1, 1.0, 1, 0, 0)
    assert network(d.root, D(2016, 12, 31)) == (6, 3, 3, 1.0, 3, 2, 2)
    assert network(d.root, D(2018, 12, 31)) == (6, 3, 3, 1.0, 2, 1, 1)
    assert network(d.root, D(2019, 12, 31)) == (5, 3, 2, 0.6667, 3, 2, 1)
    # The dinghai centre closed on 1 January 2020 and m4's seat with it.
    assert network(d.root, D(2020, 1, 1)) == (4, 3, 2, 0.6667, 2, 2, 1)
    assert network(d.root, None) == (4, 3, 2, 0.6667, 2, 2, 1)
    by_kind = disputes_figures(d.root, Period.year(2016))["mediation_orgs_by_kind"]
    assert by_kind == {
        "district_centre": 1,
        "street_centre": 1,
        "court_room": 1,
        "industry_committee": 0,
        "enterprise_committee": 3,
    }
    # Dinghai's street at the end of 2016: its centre, two committees, two unions, m4.
    assert network(d.dinghai, D(2016, 12, 31)) == (3, 2, 2, 1.0, 1, 0, 1)


def test_court_mediation_funding_is_counted_by_year(history):
    d, orgs = history
    staff = d.users["district"]
    for year, amount in ((2013, "60000"), (2014, "120000"), (2015, "120000.00"), (2016, "120000")):
        services.mediation_funding_save(org=orgs["court"], year=year, amount=amount, actor=staff)
    services.mediation_funding_save(org=orgs["centre"], year=2016, amount="50000", actor=staff)
    # Entering a year again corrects it rather than adding to it.
    services.mediation_funding_save(org=orgs["court"], year=2013, amount="70000", actor=staff)
    assert MediationFunding.unscoped.filter(org=orgs["court"]).count() == 4

    def funding(period):
        return disputes_figures(d.root, period)["court_mediation_funding_yuan"]

    assert funding(Period.years(2012, 2016)) == "430000.00"
    assert funding(Period.year(2016)) == "120000.00"
    assert funding(Period.month(2016, 5)) == "120000.00"  # the year the month falls in
    assert funding(Period.year(2017)) == "0.00"
    assert funding(None) == "430000.00"
    # The court room is the district's: a street has none.
    assert disputes_figures(d.dinghai, None)["court_mediation_funding_yuan"] == "0.00"
    with pytest.raises(services.DisputeError):
        services.mediation_funding_save(org=orgs["own"], year=2016, amount="100", actor=staff)
    with pytest.raises(services.DisputeError):
        services.mediation_funding_save(org=orgs["court"], year=2016, amount="-1", actor=staff)


def test_district_staff_enter_funding_on_a_page(history, client):
    d, orgs = history
    url = reverse("disputes:funding")
    client.force_login(d.users["district"])
    page = client.get(url)
    assert page.status_code == 200 and "区法院工会调解室" in page.content.decode()
    bad = client.post(url, {"org": orgs["court"].pk, "year": "2016", "amount": "abc", "note": "保留我"})
    assert bad.status_code == 200 and "保留我" in bad.content.decode()
    done = client.post(url, {"org": orgs["court"].pk, "year": "2016", "amount": "120000", "note": "聘任"})
    assert done.status_code == 302
    saved = MediationFunding.unscoped.get(org=orgs["court"], year=2016)
    assert saved.amount == Decimal("120000.00") and saved.entered_by == d.users["district"]
    # An organization out of reach (a committee) is refused; a street cadre reads but may not enter.
    refused = client.post(url, {"org": orgs["own"].pk, "year": "2016", "amount": "1"})
    assert refused.status_code == 200 and not MediationFunding.unscoped.filter(org=orgs["own"]).exists()
    client.force_login(d.users["dinghai_cadre"])
    assert client.get(url).status_code == 200
    posted = client.post(url, {"org": orgs["dinghai"].pk, "year": "2016", "amount": "1"})
    assert posted.status_code == 404
    assert not MediationFunding.unscoped.filter(org=orgs["dinghai"]).exists()
