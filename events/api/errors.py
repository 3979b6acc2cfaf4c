"""The API's own error answers: ``{"error": {"status", "message", "fields"}}``.

One shape for every error the API gives (a bad filter value, a page out of range, a
record that is not public), so that other software reads one kind of body."""

from ninja import Schema
from ninja.errors import HttpError


class ErrorBody(Schema):
    status: int
    message: str
    fields: dict[str, list[str]] = {}


class Error(Schema):
    error: ErrorBody


class ApiError(HttpError):
    """An error answer with the fields (query parameters) at fault, if any."""

    def __init__(self, status: int, message: str, fields: dict | None = None):
        super().__init__(status, message)
        self.fields = fields or {}


def error_body(status: int, message: str, fields: dict | None = None) -> dict:
    return {"error": {"status": status, "message": str(message), "fields": fields or {}}}


def bad_request(message: str, fields: dict | None = None) -> ApiError:
    return ApiError(400, message, fields)


def not_found(message: str = "Not found.") -> ApiError:
    return ApiError(404, message)


# What every read endpoint may answer besides its 200.
ERRORS = {400: Error, 404: Error}
