from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from lifelong_week.orgs.importer import UnitImportError, import_units
from lifelong_week.orgs.models import OrgUnit
from tests.factories import OrgUnitFactory

HEADER_VI = "Mã,Tên đơn vị,Tên viết tắt,Loại,Cấp,Mã cấp trên,Hiệu lực đến,Ký hiệu văn bản,Địa danh"


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_csv_with_vietnamese_headers_builds_the_tree(tmp_path):
    path = write(
        tmp_path,
        "don-vi.csv",
        "\n".join(
            [
                HEADER_VI,
                "80,Ủy ban nhân dân tỉnh Long An,UBND tỉnh,Ủy ban nhân dân,Cấp tỉnh,,,UBND,Long An",
                "803,Ủy ban nhân dân huyện Bến Lức,UBND huyện Bến Lức,peoples_committee,district,80,30/06/2025,UBND,Bến Lức",
            ]
        ),
    )

    result = import_units(path)

    assert result.created == ["80", "803"]
    ben_luc = OrgUnit.objects.get(code="803")
    assert ben_luc.parent.code == "80"
    assert ben_luc.path == "/80/803/"
    assert ben_luc.depth == 1
    assert ben_luc.valid_to == dt.date(2025, 6, 30)
    assert ben_luc.place_name == "Bến Lức"


@pytest.mark.django_db
def test_xlsx_import_updates_existing_units_and_moves_them(tmp_path):
    province = OrgUnitFactory(code="80", name="UBND tỉnh")
    other = OrgUnitFactory(code="81", name="UBND tỉnh khác")
    OrgUnitFactory(code="803", name="Tên cũ", parent=other)
    OrgUnitFactory(code="80301", name="Xã con", parent=OrgUnit.objects.get(code="803"))
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name", "kind", "admin_level", "parent_code", "email"])
    sheet.append(
        ["803", "UBND huyện Bến Lức", "peoples_committee", "district", "80", "ubnd@benluc.gov.vn"]
    )
    path = tmp_path / "units.xlsx"
    book.save(path)

    result = import_units(path)

    assert result.updated == ["803"]
    moved = OrgUnit.objects.get(code="803")
    assert (moved.name, moved.parent, moved.email) == (
        "UBND huyện Bến Lức",
        province,
        "ubnd@benluc.gov.vn",
    )
    assert OrgUnit.objects.get(code="80301").path == "/80/803/80301/"


@pytest.mark.django_db
def test_bad_file_is_refused_with_one_message_per_problem_and_nothing_changes(tmp_path):
    OrgUnitFactory(code="80", name="UBND tỉnh Long An")
    before = list(OrgUnit.objects.values_list("code", "name", "path"))
    path = write(
        tmp_path,
        "loi.csv",
        "\n".join(
            [
                "code,name,kind,admin_level,parent_code,Ghi chú lạ",
                "803,UBND huyện Bến Lức,peoples_committee,district,80,",
                "803,UBND huyện Bến Lức (trùng),peoples_committee,district,80,",
                "999,UBND huyện Không Có,peoples_committee,district,XYZ,",
                "A1,Đơn vị A,other,commune,B1,",
                "B1,Đơn vị B,other,commune,A1,",
            ]
        ),
    )

    with pytest.raises(UnitImportError) as refused:
        import_units(path)

    messages = [str(p) for p in refused.value.problems]
    assert messages == [
        "Dòng 1: cột “Ghi chú lạ” không được hỗ trợ. Các cột hợp lệ: code, name, short_name, "
        "kind, admin_level, parent_code, valid_from, valid_to, governing_body, issuing_name, "
        "doc_symbol, place_name, head_title, head_name, address, email, phone.",
        "Dòng 3: mã đơn vị “803” bị trùng (đã có ở dòng 2).",
        "Dòng 4: đơn vị cấp trên “XYZ” không tồn tại.",
        "Dòng 5: quan hệ cấp trên tạo thành vòng lặp: A1 → B1 → A1.",
    ]
    assert list(OrgUnit.objects.values_list("code", "name", "path")) == before


@pytest.mark.django_db
def test_missing_required_column_and_bad_values_are_named(tmp_path):
    path = write(
        tmp_path,
        "thieu.csv",
        "code,name,kind,admin_level\n80,Tỉnh,peoples_committee,province\n",
    )
    with pytest.raises(UnitImportError) as refused:
        import_units(path)
    assert [str(p) for p in refused.value.problems] == ["Dòng 1: thiếu cột bắt buộc “parent_code”."]

    path = write(
        tmp_path,
        "gia-tri.csv",
        "code,name,kind,admin_level,parent_code,valid_from,email\n"
        "80 x,Tỉnh,loại lạ,province,,31/02/2021,khong-phai-email\n",
    )
    with pytest.raises(UnitImportError) as refused:
        import_units(path)
    assert [str(p) for p in refused.value.problems] == [
        "Dòng 2: mã đơn vị “80 x” không hợp lệ.",
        "Dòng 2: loại đơn vị “loại lạ” không có trong danh mục.",
        "Dòng 2: ngày “31/02/2021” không đúng dạng ngày/tháng/năm.",
        "Dòng 2: địa chỉ thư “khong-phai-email” không hợp lệ.",
    ]
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_a_file_that_is_not_a_spreadsheet_is_refused(tmp_path):
    path = tmp_path / "units.xlsx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(UnitImportError) as refused:
        import_units(path)
    assert [str(p) for p in refused.value.problems] == [
        "Tệp units.xlsx không phải tệp Excel (.xlsx) hợp lệ."
    ]


@pytest.mark.django_db
def test_command_reports_every_problem_and_fails(tmp_path, capsys):
    path = write(
        tmp_path,
        "loi.csv",
        "code,name,kind,admin_level,parent_code\n1,A,other,commune,NOPE\n2,B,other,commune,NOPE\n",
    )
    with pytest.raises(
        CommandError, match=r"Không nhập được: 2 lỗi\. Cơ sở dữ liệu không thay đổi\."
    ):
        call_command("import_units", str(path))
    assert capsys.readouterr().err.splitlines() == [
        "Dòng 2: đơn vị cấp trên “NOPE” không tồn tại.",
        "Dòng 3: đơn vị cấp trên “NOPE” không tồn tại.",
    ]
    assert OrgUnit.objects.count() == 0


# --- files as offices really save them, and files that are not ------------------

HEADER = "code;name;kind;admin_level;parent_code"


@pytest.mark.django_db
def test_excel_doubled_quotes_keep_the_name_exact(tmp_path):
    # Excel (Vietnamese Windows: ";") quotes a field holding a quote and doubles it.
    path = write(
        tmp_path,
        "don-vi.csv",
        HEADER
        + '\r\n80;"Trung tâm ""Học tập cộng đồng"" xã An; Long An";other;province;\r\n'
        + '81;"Hội ""Khuyến học""";association;province;\r\n',
    )

    import_units(path)

    assert OrgUnit.objects.get(code="80").name == 'Trung tâm "Học tập cộng đồng" xã An; Long An'
    assert OrgUnit.objects.get(code="81").name == 'Hội "Khuyến học"'


@pytest.mark.django_db
def test_old_mac_line_endings_are_read(tmp_path):
    path = tmp_path / "don-vi.csv"
    path.write_bytes(
        "code,name,kind,admin_level,parent_code\r80,UBND tỉnh Long An,other,province,\r"
        "803,UBND huyện Bến Lức,other,district,80\r".encode()
    )

    assert import_units(path).created == ["80", "803"]


@pytest.mark.django_db
def test_a_field_too_large_for_a_csv_cell_is_a_problem_on_its_line(tmp_path):
    path = write(
        tmp_path,
        "don-vi.csv",
        "code,name,kind,admin_level,parent_code\n80,A,other,province,\n"
        + f'81,"{"x" * 200_000}",other,province,\n',
    )

    with pytest.raises(UnitImportError) as refused:
        import_units(path)

    (problem,) = refused.value.problems
    assert problem.line == 3
    assert "một ô quá dài" in problem.message
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_pasted_control_characters_are_cleaned_and_overlong_names_refused(tmp_path):
    path = write(
        tmp_path,
        "don-vi.csv",
        "code,name,kind,admin_level,parent_code,head_name\n"
        "80,UBND tỉnh\x0bLong An\x00,other,province,,Nguyễn\tVăn\x01 A\n"
        f"81,{'Đ' * 256},other,province,,\n",
    )

    with pytest.raises(UnitImportError) as refused:
        import_units(path)
    assert [str(p) for p in refused.value.problems] == [
        "Dòng 3: “tên đầy đủ” dài 256 ký tự, tối đa 255."
    ]

    path = write(
        tmp_path,
        "don-vi.csv",
        "code,name,kind,admin_level,parent_code,head_name\n"
        "80,UBND tỉnh\x0bLong An\x00,other,province,,Nguyễn\tVăn\x01 A\n",
    )
    import_units(path)
    unit = OrgUnit.objects.get(code="80")
    assert (unit.name, unit.head_name) == ("UBND tỉnh Long An", "Nguyễn Văn A")


@pytest.mark.django_db
def test_an_xlsx_that_inflates_far_beyond_a_unit_list_is_refused_unread(tmp_path):
    import zipfile

    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (250 * 1024 * 1024))

    with pytest.raises(UnitImportError) as refused:
        import_units(path)

    assert [str(p) for p in refused.value.problems] == [
        "Tệp bom.xlsx giải nén ra quá lớn, không phải danh sách đơn vị."
    ]
    assert path.stat().st_size < 1024 * 1024
