"""Every route that takes an id or a slug, found by walking Django's URL resolver: the pages
of every app and the ninja API alike, so a route added tomorrow is found tomorrow."""

from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Django's own admin is the operators' site: it opens only to superusers (`is_staff`), which no
# persona is, and it reads across scopes on purpose. The walker leaves it out; a test keeps every
# persona out of it instead.
OPERATORS_ONLY = frozenset({"admin"})


@dataclass(frozen=True)
class Route:
    name: str  # "members:detail"; the pattern itself for an unnamed route (which cannot be placed)
    pattern: str  # "members/<id:pk>/"
    params: tuple[str, ...]  # the URL's own parameters, in the order they appear

    def url(self, ids: tuple[int | str, ...]) -> str:
        return reverse(self.name, kwargs=dict(zip(self.params, ids, strict=True)))


def _params(pattern: Any) -> list[str]:
    """A path() pattern's parameters, or a re_path() pattern's named groups."""
    converters = getattr(pattern, "converters", None)
    if converters is not None:
        return list(converters)
    return list(pattern.regex.groupindex)


def _walk(
    patterns: list[Any],
    prefix: str,
    params: list[str],
    namespace: str | None,
    found: list[Route],
    every: bool = False,
) -> None:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in OPERATORS_ONLY:
                continue
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else None
            _walk(
                entry.url_patterns,
                prefix + str(entry.pattern),
                params + _params(entry.pattern),
                inner or entry.namespace or namespace,
                found,
                every,
            )
        elif isinstance(entry, URLPattern) and ((own := params + _params(entry.pattern)) or every):
            pattern = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or pattern
            found.append(Route(name, pattern, tuple(own)))


def id_routes() -> list[Route]:
    """Every route with a parameter in its path, in the resolver's order."""
    found: list[Route] = []
    _walk(get_resolver().url_patterns, "", [], None, found)
    return found


def all_routes() -> list[Route]:
    """Every route but the operators' site, with or without parameters, in the resolver's order."""
    found: list[Route] = []
    _walk(get_resolver().url_patterns, "", [], None, found, every=True)
    return found
