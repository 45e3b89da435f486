"""Schemas every router shares: the error body that ``api.api``'s handlers produce, and a
field of activity (``core.taxonomy``) as key and label."""

from ninja import Schema
from pydantic import BaseModel


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
