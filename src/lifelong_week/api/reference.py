"""The API's reference as a Vietnamese page, read from its OpenAPI schema.

Swagger UI (``/api/v1/docs``) is for developers trying calls; its interface
is English. Officials who open "tài liệu API" from their home page read
this page instead: every endpoint with its parameters, body fields and
answers, in Vietnamese, server-rendered like every other page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lifelong_week.api.errors import status_detail

METHODS = ("get", "post", "put", "patch", "delete")


def _type_name(schema: dict) -> str:
    names = {
        "string": _("chuỗi ký tự"),
        "integer": _("số nguyên"),
        "number": _("số"),
        "boolean": _("true/false"),
        "object": _("đối tượng"),
        "array": _("danh sách"),
        "null": _("null"),
    }
    if "$ref" in schema:
        return _("đối tượng")
    if "anyOf" in schema:
        return _(" hoặc ").join(dict.fromkeys(_type_name(s) for s in schema["anyOf"]))
    if schema.get("type") == "array" and "items" in schema:
        return _("danh sách %s") % _type_name(schema["items"])
    return names.get(schema.get("type", ""), schema.get("type", ""))


@dataclass
class Field:
    name: str
    type: str
    required: bool
    description: str
    where: str = ""  # for parameters: path or query


@dataclass
class Answer:
    status: str
    meaning: str
    fields: list[Field] = field(default_factory=list)


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    tag: str  # the group's description, e.g. "Chiến dịch và số liệu tổng hợp"
    parameters: list[Field]
    body: list[Field]
    answers: list[Answer]

    @property
    def anchor(self) -> str:
        return f"{self.method.lower()}-" + "".join(
            c if c.isalnum() else "-" for c in self.path
        ).strip("-")


def _fields(schema: dict, components: dict) -> list[Field]:
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    required = set(schema.get("required", ()))
    return [
        Field(name, _type_name(prop), name in required, prop.get("description", ""))
        for name, prop in schema.get("properties", {}).items()
    ]


def _meaning(status: str) -> str:
    code = int(status)
    if code == 200:
        return _("Thành công.")
    if code == 201:
        return _("Đã tạo mới.")
    if code == 409:
        return _("Xung đột: trạng thái của báo cáo không cho phép thao tác này.")
    if code == 422:
        return _("Dữ liệu gửi lên không hợp lệ; lỗi theo từng trường trong “errors”.")
    return status_detail(code)


def operations(schema: dict) -> list[Operation]:
    components = schema.get("components", {}).get("schemas", {})
    tags = {tag["name"]: tag.get("description", tag["name"]) for tag in schema.get("tags", ())}
    result = []
    for path, methods in schema.get("paths", {}).items():
        for method in METHODS:
            op = methods.get(method)
            if op is None:
                continue
            where = {"path": _("đường dẫn"), "query": _("tham số truy vấn")}
            parameters = [
                Field(
                    p["name"],
                    _type_name(p.get("schema", {})),
                    p.get("required", False),
                    p.get("description", "") or p.get("schema", {}).get("description", ""),
                    where.get(p.get("in", ""), p.get("in", "")),
                )
                for p in op.get("parameters", ())
            ]
            body = []
            content = op.get("requestBody", {}).get("content", {}).get("application/json")
            if content:
                body = _fields(content["schema"], components)
            answers = []
            for status, answer in sorted(op.get("responses", {}).items()):
                answer_schema = answer.get("content", {}).get("application/json", {}).get("schema")
                fields = []
                if answer_schema and str(status).startswith("2"):
                    fields = _fields(answer_schema, components)
                answers.append(Answer(str(status), _meaning(str(status)), fields))
            result.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    tag=tags.get((op.get("tags") or [""])[0], ""),
                    parameters=parameters,
                    body=body,
                    answers=answers,
                )
            )
    return result
