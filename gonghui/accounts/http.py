"""The request as views receive it, typed: the middlewares add the account, its audit
context and htmx's details."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from gonghui.audit.context import AuditContext

from .models import User


class AppRequest(HttpRequest):
    user: User | AnonymousUser
    audit: AuditContext
    htmx: HtmxDetails


class AuthedRequest(AppRequest):
    """Behind a login check (`role_required` and friends): the account is a real one."""

    user: User
