"""API tokens for tests, made through the service as district staff would."""

from gonghui.integrations.models import ApiToken
from gonghui.integrations.services import token_create
from gonghui.organizations.models import Node

from .district import District


def make_token(
    d: District, *permissions: str, node: Node | None = None, kind: str = "system", **kwargs
) -> tuple[ApiToken, str]:
    return token_create(
        name=kwargs.pop("name", "市总工会服务平台"),
        kind=kind,
        node=node or d.root,
        permissions=permissions,
        days=kwargs.pop("days", 30),
        actor=d.users["district"],
        **kwargs,
    )


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
