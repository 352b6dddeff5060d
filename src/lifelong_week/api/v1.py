"""Version 1 of the JSON API: /api/v1/ (schema at openapi.json, docs at docs)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Swagger
from ninja.renderers import JSONRenderer

from lifelong_week.api.auth import BearerToken
from lifelong_week.api.endpoints import router
from lifelong_week.api.errors import install_error_handlers

DESCRIPTION = _(
    "Dữ liệu kế hoạch, báo cáo và số liệu tổng hợp của Tuần lễ hưởng ứng học tập suốt đời, "
    "cho các hệ thống khác (như của Bộ GD&ĐT).\n\n"
    "**Xác thực:** mỗi yêu cầu gửi tiêu đề `Authorization: Bearer <mã truy cập>`. "
    "Tạo mã tại trang *Mã truy cập API* sau khi đăng nhập. Mã hoạt động đúng như tài khoản "
    "đã tạo nó: chỉ thấy và sửa những gì tài khoản đó thấy và sửa được trên trang web.\n\n"
    '**Lỗi:** luôn là JSON `{"detail": "…", "errors": {…}}`. Dữ liệu ngoài phạm vi của '
    "bạn trả về 404, giống như không tồn tại."
)


class Utf8JSONRenderer(JSONRenderer):
    # Vietnamese stays readable in the answers instead of \uXXXX escapes.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title=_("API Tuần lễ hưởng ứng học tập suốt đời"),
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=BearerToken(),
    renderer=Utf8JSONRenderer(),
    # Bundled Swagger UI (ninja is in INSTALLED_APPS, so no CDN); no call to
    # the public swagger.io validator either.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": True}),
    openapi_extra={
        "tags": [
            {"name": "campaigns", "description": _("Chiến dịch và số liệu tổng hợp")},
            {"name": "steps", "description": _("Tình hình nộp báo cáo theo bước")},
            {"name": "reports", "description": _("Báo cáo của đơn vị: xem, nhập số liệu, gửi")},
        ]
    },
)
install_error_handlers(api)
api.add_router("", router)
