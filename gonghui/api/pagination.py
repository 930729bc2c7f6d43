"""Pages of a list, bounded (FZ-1): a page past a million or a page size past 200 is a 422, so no
offset the database cannot hold reaches it."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 200


class BoundedPages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="页码，1 至 1000000")
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE, description="每页条数，1 至 200")

    def __init__(self, page_size: int = 50, **kwargs: object) -> None:
        super().__init__(page_size=page_size, max_page_size=MAX_PAGE_SIZE, **kwargs)  # type: ignore[arg-type]
