"""Search text that must not travel in a URL (PI-4).

A search by ID number or phone is posted; the text is kept in the searcher's session under a
short random token that expires, and the list is then shown at `?s=<token>`, so paging,
filters, the back button and the export link work by GET while no full number ever reaches an
access log, a proxy or the browser's history.
"""

import re
import secrets
import time

from django.http import HttpRequest, QueryDict

SESSION_KEY = "search_tokens"
TOKEN_TTL = 3600  # seconds a search link keeps working
MAX_TOKENS = 20  # per session, the oldest dropped first
DIGITS = re.compile(r"\d")
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{8,32}$")


def must_hide(text: str) -> bool:
    """Any search text with digits in it (an ID number, a phone, part of either) stays out of URLs;
    names and pinyin initials may travel."""
    return bool(DIGITS.search(text or ""))


def stash(request: HttpRequest, text: str) -> str:
    now = time.time()
    tokens = {
        k: v for k, v in request.session.get(SESSION_KEY, {}).items() if isinstance(v, list) and v[1] > now
    }
    token = secrets.token_urlsafe(9)
    tokens[token] = [text, now + TOKEN_TTL]
    if len(tokens) > MAX_TOKENS:
        tokens = dict(sorted(tokens.items(), key=lambda item: item[1][1])[-MAX_TOKENS:])
    request.session[SESSION_KEY] = tokens
    return token


def recall(request: HttpRequest, token: str) -> str | None:
    """The text behind a token of this session, or None when it is unknown or expired."""
    if not TOKEN_SHAPE.match(token or ""):
        return None
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not isinstance(entry, list) or entry[1] <= time.time():
        return None
    return str(entry[0])


def hidden_query(request: HttpRequest, data: QueryDict, field: str = "q") -> QueryDict:
    """The query to put in the URL for `data`: the search field swapped for a token when it must
    not travel. The CSRF token and an empty search are dropped."""
    query = data.copy()
    query.pop("csrfmiddlewaretoken", None)
    query.pop("s", None)
    text = query.get(field, "").strip()
    query.pop(field, None)
    if text and must_hide(text):
        query["s"] = stash(request, text)
    elif text:
        query[field] = text
    query.pop("page", None)
    return query


def revealed_query(request: HttpRequest, field: str = "q") -> tuple[QueryDict, bool]:
    """request.GET with the token turned back into the search text for the view's form; the flag
    says a token was given but is unknown or expired."""
    query = request.GET.copy()
    token = query.pop("s", [""])[-1]
    if not token:
        return query, False
    text = recall(request, token)
    if text is None:
        return query, True
    query[field] = text
    return query, False
