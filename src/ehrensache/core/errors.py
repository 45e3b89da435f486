"""Errors a person can cause. They carry a translated message and change nothing.

Views show ``str(exc)`` as a message; the API maps ``DomainError`` to its status (409
conflict, 422 invalid input, 404, 403) with ``{"detail": ..., "code": ..., "errors": [...]}``.
"""


class DomainError(Exception):
    """A rule of the domain refused the action; the message is for the person."""

    status_code = 409
    code = "conflict"

    def __init__(self, message, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.field = field

    def __str__(self):
        return str(self.message)


class InvalidInput(DomainError):
    status_code = 422
    code = "invalid"


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Forbidden(DomainError):
    """The person lacks the role for this kind of action at all (e.g. an inbox for people who
    coordinate no organization). Records of others stay ``NotFound``."""

    status_code = 403
    code = "forbidden"
