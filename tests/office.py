"""A real office suite for the document tests: LibreOffice converts .docx to
PDF and ``pdftotext -layout`` reads back what a clerk would see printed.

Skipped with a reason on a machine without LibreOffice; in CI a missing office
suite is a failure, never a skip.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
MISSING = (
    "LibreOffice (soffice) and pdftotext are needed: apt-get install -y --no-install-recommends "
    "libreoffice-writer-nogui fonts-liberation2 poppler-utils"
)


def require_office() -> None:
    if SOFFICE and PDFTOTEXT:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {MISSING}", pytrace=False)
    pytest.skip(MISSING)


def convert_to_pdf(sources: list[Path], folder: Path) -> list[Path]:
    """One LibreOffice run with its own profile, so parallel runs do not fight
    over ~/.config/libreoffice."""
    require_office()
    profile = f"file:///tmp/lo_{uuid.uuid4().hex}"
    # Fixed executable found on PATH, arguments built here: no untrusted input.
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
    return [folder / f"{Path(source).stem}.pdf" for source in sources]


def pdf_text(pdf, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        [PDFTOTEXT, "-layout", *pages, str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return result.stdout


def flat(text: str) -> str:
    """The text with all runs of whitespace made single spaces."""
    return re.sub(r"\s+", " ", text)
