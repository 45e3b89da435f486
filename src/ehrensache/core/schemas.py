"""Schemas every router shares: the error body that ``api.api``'s handlers produce, a field of
activity (``core.taxonomy``) as key and label, and the bounded number types of API input."""

from typing import Annotated

from ninja import Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import BaseModel, Field

from ehrensache.core.bounds import MAX_INTEGER


class ErrorItemOut(Schema):
    field: str | None
    message: str
    type: str | None = None


class ErrorOut(Schema):
    """``{"detail": …, "code": …, "errors": [{"field": …, "message": …}]}`` for 4xx answers."""

    detail: str
    code: str
    errors: list[ErrorItemOut] = []


# A plain pydantic model: always built from a dict (no docstring: it would enter the OpenAPI
# document as the schema's description).
class FieldOut(BaseModel):
    key: str
    label: str


# Numbers in API input: ids of records, page numbers and sizes, offsets. Every integer a
# client sends is bounded (``core.bounds.MAX_INTEGER``), so a huge number answers 422
# instead of overflowing the database or the arithmetic behind it.
Id = Annotated[int, Field(ge=1, le=MAX_INTEGER)]
PageNumber = Annotated[int, Field(ge=1, le=MAX_INTEGER)]
Offset = Annotated[int, Field(ge=0, le=MAX_INTEGER)]


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """``response={200: X, **errors(404, 409)}``: the error answers an operation documents
    besides the ones every operation gets from ``api.api`` (401/403 with authentication,
    404 with a path parameter, 422 with any parameter or body)."""
    return dict.fromkeys(statuses, ErrorOut)


class LimitOffset(LimitOffsetPagination):
    """``@paginate(LimitOffset)``: ninja's ``limit``/``offset`` with bounds (``limit`` 1 to
    100, default 100; ``offset`` up to ``MAX_INTEGER``)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=100)
        offset: Offset = 0
