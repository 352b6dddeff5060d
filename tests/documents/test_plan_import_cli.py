"""The real ``lifelong-week plan-import`` command, run as a separate process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.documents.test_planparser_seed import EXPECTED, SEED


def _run(tmp_path, *args):
    env = {**os.environ, "LIFELONG_WEEK_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [sys.executable, "-m", "lifelong_week", "plan-import", *map(str, args)],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_seed_gives_one_json_object_equal_to_the_expected_extract(tmp_path):
    result = _run(tmp_path, SEED, "--json")

    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert json.loads(result.stdout.decode("utf-8")) == EXPECTED
    assert result.stdout.decode("utf-8").count("\n") == 1  # one object, one line


def test_summary_without_json_is_readable_vietnamese(tmp_path):
    result = _run(tmp_path, SEED)

    assert result.returncode == 0
    summary = result.stdout.decode("utf-8")
    assert "Cơ quan ban hành: UBND tỉnh Long An (suy ra từ nội dung)" in summary
    assert "Chủ đề: Chuyển đổi số và cơ hội học tập suốt đời" in summary
    assert "Người ký: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Phạm Tấn Hòa" in summary


def _assert_refused(result, message):
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert result.stdout == b""
    assert stderr.strip() == message
    assert len(stderr.strip().splitlines()) == 1
    assert "Traceback" not in stderr


def test_missing_file_exits_2_with_one_line(tmp_path):
    result = _run(tmp_path, tmp_path / "khong-co.txt", "--json")

    _assert_refused(result, "Không tìm thấy tệp “khong-co.txt”.")


def test_binary_file_exits_2_with_one_line(tmp_path):
    path = tmp_path / "anh.txt"
    path.write_bytes(bytes(range(256)) * 64)

    result = _run(tmp_path, path, "--json")

    _assert_refused(
        result, "Tệp không phải là văn bản (có vẻ là tệp nhị phân hoặc định dạng chưa hỗ trợ)."
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("hong.docx", b"PK\x03\x04broken", "Tệp Word (.docx) bị hỏng hoặc không đúng định dạng."),
        ("hong.pdf", b"%PDF-1.4\n\x00\x01", "Tệp PDF bị hỏng hoặc không đúng định dạng."),
    ],
)
def test_corrupt_files_exit_2_with_one_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)

    _assert_refused(_run(tmp_path, path, "--json"), message)


def test_directory_exits_2_with_one_line(tmp_path):
    folder = tmp_path / "thu-muc"
    folder.mkdir()

    _assert_refused(
        _run(tmp_path, folder, "--json"), "“thu-muc” là một thư mục, không phải tệp văn bản."
    )


def test_fixture_documents_through_the_cli(tmp_path):
    path = Path(__file__).parent / "plans" / "cong-van-bo-gddt-2023.txt"

    result = _run(tmp_path, path, "--json")

    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout.decode("utf-8")) == expected
