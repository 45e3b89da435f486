"""Schemas every router shares: the error body that ``api.api``'s handlers produce."""

from ninja import Schema


class ErrorItemOut(Schema):
    field: str | None
    message: str
    type: str | None = None


class ErrorOut(Schema):
    """``{"detail": …, "code": …, "errors": [{"field": …, "message": …}]}`` for 4xx answers."""

    detail: str
    code: str
    errors: list[ErrorItemOut] = []
