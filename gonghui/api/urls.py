"""The JSON API (/api/v1/), scoped exactly like the pages: out of scope is 404."""

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Path, Query, Schema, Status
from ninja.errors import HttpError, ValidationError
from ninja.pagination import paginate
from ninja.security import django_auth

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.figures import PeriodError, period_from
from gonghui.lib.params import MAX_ID
from gonghui.lib.search_tokens import must_hide
from gonghui.members.models import ENCRYPTED_MEMBER_FIELDS, Member, MemberStatus
from gonghui.members.search import search_members
from gonghui.members.services import member_read
from gonghui.organizations.models import Node, Unit
from gonghui.results.kpis import rollup_figures
from gonghui.results.registry import figure_set, figures_for

from .integrations import api_token_auth, install
from .pagination import BoundedPages
from .schemas import COMMON, ErrorOut, KpisOut, KpisQuery, MemberOut, NodeOut, UnitOut, optional_id

# Ids in paths: 1 to 2^63-1, else 422 (FZ-1).
NodeId = Annotated[int, Path(..., ge=1, le=MAX_ID, description="编号，1 至 2^63-1")]
UnitId = NodeId
MemberId = NodeId

# A bearer token (gonghui.integrations) first, the browser session otherwise.
auth = [api_token_auth, django_auth]
api = NinjaAPI(title="Gonghui API", version="1", urls_namespace="api", docs_url="/docs", auth=auth)
install(api)  # the integrators' routes: the till, bookings, cases (gonghui/api/integrations/)


def _node_out(node: Node) -> dict[str, Any]:
    return {
        "id": node.pk,
        "name": node.name,
        "kind": node.kind,
        "path": node.path,
        "depth": node.depth,
        "founded_on": node.founded_on,
        "children": node.numchild,
    }


def _member_out(member: Member) -> dict[str, Any]:
    return {
        "id": member.pk,
        "name": member.name,
        "member_no": member.member_no,
        "gender": member.gender,
        "id_number_masked": member.id_masked,
        "phone_masked": member.phone_masked,
        "union_id": member.union_id,
        "unit_id": member.unit_id,
        "status": member.status,
        "joined_on": member.joined_on,
        "id_problem": member.id_problem,
    }


def _visible_node(request: AuthedRequest, node_id: int) -> Node:
    return get_object_or_404(Node.objects.visible_to(request.user), pk=node_id)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """A parameter out of range or of the wrong type: 422, saying so in Chinese."""
    where = "、".join(sorted({str(e.get("loc", ["", "?"])[-1]) for e in error.errors}))
    return api.create_response(
        request,
        {"detail": _("请求参数无效：%(where)s") % {"where": where}, "errors": error.errors},
        status=422,
    )


@api.get("/v1/nodes/{node_id}", response={200: NodeOut, 404: ErrorOut, **COMMON}, tags=["tree"])
def node_detail(request: AuthedRequest, node_id: NodeId) -> dict[str, Any]:
    return _node_out(_visible_node(request, node_id))


@api.get(
    "/v1/nodes/{node_id}/children", response={200: list[NodeOut], 404: ErrorOut, **COMMON}, tags=["tree"]
)
@paginate(BoundedPages, page_size=100)
def node_children(request: AuthedRequest, node_id: NodeId) -> list[dict[str, Any]]:
    return [_node_out(n) for n in Node.objects.get_children(_visible_node(request, node_id))]


@api.get(
    "/v1/nodes/{node_id}/kpis",
    response={200: KpisOut, 400: ErrorOut, 404: ErrorOut, **COMMON},
    tags=["kpis"],
    by_alias=True,
)
def node_kpis(request: AuthedRequest, node_id: NodeId, query: Query[KpisQuery]) -> Status[dict[str, Any]]:
    """Every registered figure of the node's subtree (docs/kpis.md) for the period asked."""
    node = _visible_node(request, node_id)
    try:
        period = period_from(
            year=query.year, first=query.from_, last=query.to, month=query.month, as_of=query.as_of
        )
    except PeriodError as wrong:
        return Status(400, {"detail": str(wrong)})
    figures = figures_for(node, period)
    computed_at = timezone.now()
    if period is None:  # today's stocks: the rollup the pages read
        rolled, computed_at = rollup_figures(node)
        figures.update(rolled)
    spine_keys = set(figure_set("").keys())
    return Status(
        200,
        {
            "node_id": node_id,
            "period": period.describe() if period else None,
            **{key: value for key, value in figures.items() if key in spine_keys},
            "modules": {key: value for key, value in figures.items() if key not in spine_keys},
            "computed_at": computed_at,
        },
    )


class UnitFilter(Schema):
    node: int | None = optional_id()
    q: str | None = None
    covered: bool | None = None


@api.get("/v1/units", response={200: list[UnitOut], 404: ErrorOut, **COMMON}, tags=["units"])
@paginate(BoundedPages, page_size=50)
def unit_list(request: AuthedRequest, filters: Query[UnitFilter]) -> Any:
    units = Unit.objects.visible_to(request.user)
    if filters.node:
        units = units.within(_visible_node(request, filters.node).path)
    if filters.q:
        units = units.filter(name__contains=filters.q[:60])
    if filters.covered is not None:
        units = units.filter(union__isnull=not filters.covered)
    return units.order_by("id")


@api.get("/v1/units/{unit_id}", response={200: UnitOut, 404: ErrorOut, **COMMON}, tags=["units"])
def unit_detail(request: AuthedRequest, unit_id: UnitId) -> Unit:
    return get_object_or_404(Unit.objects.visible_to(request.user), pk=unit_id)


class MemberFilter(Schema):
    node: int | None = optional_id()
    q: str | None = Field(
        None, max_length=40, description="姓名或拼音首字母；含数字的搜索请用 POST /api/v1/members/search"
    )
    status: MemberStatus | None = None


class MemberSearch(Schema):
    """A search in the body, so an ID number or a phone never travels in a URL (PI-4)."""

    q: str = Field(..., min_length=1, max_length=40, description="姓名、拼音首字母、会员号、证件号或手机号")
    node: int | None = optional_id()
    status: MemberStatus | None = None

    model_config = {
        "json_schema_extra": {"examples": [{"q": "13800138000"}, {"q": "zs", "status": "active"}]}
    }


@api.get(
    "/v1/members", response={200: list[MemberOut], 400: ErrorOut, 404: ErrorOut, **COMMON}, tags=["members"]
)
@paginate(BoundedPages, page_size=50)
def member_list(request: AuthedRequest, filters: Query[MemberFilter]) -> Any:
    if filters.q and must_hide(filters.q):
        raise HttpError(
            400,
            _("含数字的搜索（证件号、手机号、会员号）请用 POST /api/v1/members/search，号码不放在网址里。"),
        )
    return _members(request, filters)


@api.post(
    "/v1/members/search",
    response={200: list[MemberOut], 400: ErrorOut, 404: ErrorOut, **COMMON},
    tags=["members"],
)
@paginate(BoundedPages, page_size=50)
def member_search(request: AuthedRequest, search: MemberSearch) -> Any:
    """Session callers send the CSRF token (header X-CSRFToken) as for any POST."""
    return _members(request, search)


def _members(request: AuthedRequest, filters: MemberFilter | MemberSearch) -> "_MemberPage":
    members = Member.objects.visible_to(request.user)
    if filters.node:
        members = members.within(_visible_node(request, filters.node).path)
    if filters.q:
        members = search_members(members, filters.q)
    if filters.status:
        members = members.filter(status=filters.status)
    return _MemberPage(members.order_by("id").defer(*ENCRYPTED_MEMBER_FIELDS))


class _MemberPage:
    """Lets the paginator slice the queryset, then masks only the page it keeps."""

    def __init__(self, queryset: Any) -> None:
        self.queryset = queryset

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [_member_out(m) for m in self.queryset[item]]


@api.get("/v1/members/{member_id}", response={200: MemberOut, 404: ErrorOut, **COMMON}, tags=["members"])
def member_detail(request: AuthedRequest, member_id: MemberId) -> dict[str, Any]:
    member = get_object_or_404(Member.objects.visible_to(request.user), pk=member_id)
    member_read(member=member, actor=request.user, audit=request.audit)
    return _member_out(member)
