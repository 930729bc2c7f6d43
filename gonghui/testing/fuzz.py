"""The bad-input walker (FZ-2): every route of the URL conf, as one persona, with each class of
malformed value in its path, in every query parameter and form field its view reads, and as a
JSON body. A view's parameters are found by watching which keys it reads from the request's
query string and form (a first, plain request), so a filter added tomorrow is walked tomorrow."""

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from .routes import Route

# An id in a path: past 64 bits, and negative.
PATH_VALUES = (str(2**70), "-1")
# Every query parameter and form field gets each: numbers past 64 bits, negative, years past
# 9999 and far past, days at and past the edges of Python's and the database's range, months
# out of range.
VALUES = (
    str(2**70),
    "-1",
    "10000",
    "9" * 30,
    "0000-00-00",
    "9999-12-31",
    "10000-01-01",
    "2026-13",
    "2026-00",
    "99999-01",
)
DEEP_JSON = "[" * 5000 + "]" * 5000  # past any sane depth, under the size limit
BIG_JSON = '{"scanned": "' + "x" * 200_000 + '", "amount": "1"}'  # past the size limit
NOT_PARAMS = frozenset({"csrfmiddlewaretoken"})
_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")

type Ids = tuple[int | str, ...]


@contextlib.contextmanager
def reading_keys() -> Iterator[set[str]]:
    """The keys views read from any query string or form while the block runs."""
    keys: set[str] = set()
    originals = {name: getattr(MultiValueDict, name) for name in ("get", "getlist", "__getitem__")}
    contains = QueryDict.__contains__

    def watch(name: str) -> Callable[..., Any]:
        original = originals[name]

        def read(self: MultiValueDict[str, Any], key: str, *args: Any, **kwargs: Any) -> Any:
            if isinstance(self, QueryDict) and isinstance(key, str):
                keys.add(key)
            return original(self, key, *args, **kwargs)

        return read

    def contains_watched(self: QueryDict, key: object) -> bool:
        if isinstance(key, str):
            keys.add(key)
        return contains(self, key)

    for name in originals:
        setattr(QueryDict, name, watch(name))
    QueryDict.__contains__ = contains_watched  # type: ignore[method-assign,assignment]
    try:
        yield keys
    finally:
        for name in originals:
            delattr(QueryDict, name)
        QueryDict.__contains__ = contains  # type: ignore[method-assign]


def raw_url(route: Route, value: str) -> str:
    """The route with every path parameter set to `value` (past what `reverse` would accept)."""
    return "/" + _PARAM.sub(value, route.pattern)


def reached(status: int, location: str) -> bool:
    """The view itself answered: not refused, missing, the wrong method or sent to log in."""
    return status not in (401, 403, 404, 405) and not (status in (301, 302) and "/accounts/login" in location)


@dataclass
class Walk:
    requests: int = 0
    reached: set[str] = field(default_factory=set)  # route names whose view answered
    params: int = 0  # (route, parameter) pairs fed every value
    problems: list[str] = field(default_factory=list)

    def send(self, client: Client, method: str, url: str, label: str, **kwargs: Any) -> tuple[int, str]:
        """One request; a write is undone at once, so the next finds the objects as built."""
        self.requests += 1
        with transaction.atomic():
            response = getattr(client, method)(url, **kwargs)
            transaction.set_rollback(True)
        if response.status_code >= 500:
            self.problems.append(f"{method.upper()} {label}: {response.status_code}")
        return response.status_code, response.get("Location", "")


def walk_path(walk: Walk, client: Client, route: Route) -> None:
    """Ids past 64 bits and negative ones: a page answers 404, as for any id no object has."""
    for value in PATH_VALUES:
        url = raw_url(route, value)
        status, _location = walk.send(client, "get", url, url)
        if status != 404 and not route.name.startswith("api:"):
            walk.problems.append(f"GET {url}: {status}, not 404")


def _feed(walk: Walk, client: Client, method: str, url: str, keys: set[str]) -> None:
    """Each value in every key at once; where that is refused outright (one key checked before
    the others are read), each key alone."""
    walk.params += len(keys)
    for value in VALUES:
        label = f"{url} {sorted(keys)}={value}"
        status, _location = walk.send(client, method, url, label, data=dict.fromkeys(keys, value))
        if status in (400, 404) and len(keys) > 1:
            for key in sorted(keys):
                walk.send(client, method, url, f"{url} {key}={value}", data={key: value})


def walk_route(walk: Walk, client: Client, route: Route, ids: Ids | None) -> None:
    """Every class of bad value in the query and form of one route, at ids in the persona's
    reach (None: no object of the route's kind is)."""
    if ids is None:
        return
    url = route.url(ids) if ":" in route.name or ids else reverse(route.name)
    with reading_keys() as read:
        status, location = walk.send(client, "get", url, url)
    if reached(status, location):
        walk.reached.add(route.name)
        if keys := read - NOT_PARAMS:
            _feed(walk, client, "get", url, keys)
    with reading_keys() as read:
        status, location = walk.send(client, "post", url, url, data={})
    if not reached(status, location):
        return
    walk.reached.add(route.name)
    if keys := read - NOT_PARAMS:
        _feed(walk, client, "post", url, keys)
    for name, body in (("deep JSON", DEEP_JSON), ("big JSON", BIG_JSON)):
        walk.send(client, "post", url, f"{url} {name}", data=body, content_type="application/json")
