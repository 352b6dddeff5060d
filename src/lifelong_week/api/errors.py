"""Every error the API answers is JSON with a Vietnamese ``detail``.

An object outside the user's reach answers exactly like a missing one (404),
so nobody learns that it exists.
"""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

logger = logging.getLogger("lifelong_week.api")


class ApiError(Exception):
    """Answer ``status`` with ``detail`` and, where fields are at fault, ``errors``."""

    def __init__(self, status: int, detail: str, errors: dict[str, str] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or {}


class TokenRefused(AuthenticationError):
    """A key was sent but refused; ``message`` says why."""

    def __init__(self, message: str):
        super().__init__(401, message)


class TooManyKeyFailures(AuthenticationError):
    """This client sent too many refused keys lately: it waits, key or not."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(429, message)
        self.retry_after = retry_after


def not_found_detail() -> str:
    return _("Không tìm thấy, hoặc bạn không có quyền xem.")


def status_detail(status: int) -> str:
    messages = {
        400: _("Không đọc được nội dung gửi lên: cần JSON hợp lệ."),
        401: _("Cần mã truy cập: gửi tiêu đề “Authorization: Bearer <mã>”."),
        403: _("Bạn không có quyền thực hiện thao tác này."),
        404: not_found_detail(),
        405: _("Phương thức này không được hỗ trợ tại địa chỉ này."),
        429: _("Quá nhiều yêu cầu; vui lòng thử lại sau."),
    }
    return messages.get(status, _("Yêu cầu không hợp lệ."))


# pydantic error type → what to tell the client
def _field_message(error: dict) -> str:
    kind = error.get("type", "")
    messages = {
        "missing": _("Thiếu giá trị bắt buộc."),
        "int_parsing": _("Phải là số nguyên."),
        "int_type": _("Phải là số nguyên."),
        "int_from_float": _("Phải là số nguyên."),
        "greater_than_equal": _("Nằm ngoài khoảng cho phép."),
        "less_than_equal": _("Nằm ngoài khoảng cho phép."),
        "string_pattern_mismatch": _("Không đúng định dạng."),
        "string_too_long": _("Quá dài."),
        "string_type": _("Phải là chuỗi ký tự."),
        "bool_type": _("Phải là true hoặc false."),
        "bool_parsing": _("Phải là true hoặc false."),
        "dict_type": _("Phải là một đối tượng JSON."),
        "model_attributes_type": _("Phải là một đối tượng JSON."),
        "json_invalid": _("JSON không hợp lệ."),
        "extra_forbidden": _("Không có trường này."),
    }
    return messages.get(kind, _("Giá trị không hợp lệ."))


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    detail: str,
    errors: dict[str, str] | None = None,
) -> HttpResponse:
    response = api.create_response(
        request, {"detail": detail, "errors": errors or {}}, status=status
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        return error_response(api, request, exc.status, exc.detail, exc.errors)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error_response(api, request, 404, not_found_detail())

    @api.exception_handler(TokenRefused)
    def token_refused(request, exc: TokenRefused):
        return error_response(api, request, 401, exc.message)

    @api.exception_handler(TooManyKeyFailures)
    def too_many(request, exc: TooManyKeyFailures):
        response = error_response(api, request, 429, exc.message)
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return error_response(api, request, exc.status_code, status_detail(exc.status_code))

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        errors: dict[str, str] = {}
        for error in exc.errors:
            parts = [str(part) for part in error.get("loc", ())]
            if parts[:1] == ["body"] and len(parts) > 1:
                del parts[1]  # the operation's parameter name says nothing to a client
            location = ".".join(parts)
            errors.setdefault(location, _field_message(error))
        return error_response(api, request, 422, _("Dữ liệu gửi lên không hợp lệ."), errors)

    @api.exception_handler(Exception)
    def server_error(request, exc):
        # Logged like Django's own 500s, answered as JSON like every other error.
        logger.error(
            "API error: %s %s",
            request.method,
            request.path,
            exc_info=exc,
            extra={"request": request},
        )
        return error_response(
            api, request, 500, _("Lỗi máy chủ. Vui lòng thử lại sau hoặc báo quản trị hệ thống.")
        )


def json_not_found(request, *args, **kwargs) -> HttpResponse:
    """Any other address under /api/v1/: the same JSON 404."""
    from lifelong_week.api.v1 import api

    return error_response(api, request, 404, not_found_detail())
