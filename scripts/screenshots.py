"""Take the README's screenshots from a running demo.

uv run lifelong-week demo --port 8765 &
uv run python scripts/screenshots.py http://localhost:8765
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SEED_PLAN = next((ROOT / "src/lifelong_week/campaigns/seed").glob("*.txt"))
# The password the demo prints at start (demo/accounts.py).
PASSWORD = os.environ.get("DEMO_PASSWORD", "hoctap-2021")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/tai-khoan/")


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    executable = shutil.which("chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        desktop = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page = desktop.new_page()
        page.goto(base)
        page.screenshot(path=OUT / "public-home.png", full_page=True)
        page.goto(f"{base}/tai-khoan/dang-nhap/")
        page.screenshot(path=OUT / "sign-in.png")

        sign_in(page, base, "benluc.baocao")
        page.screenshot(path=OUT / "reporter-home.png", full_page=True)
        page.context.clear_cookies()

        sign_in(page, base, "canduoc.baocao")
        page.locator("ul.owed a").first.click()
        page.wait_for_load_state()
        page.screenshot(path=OUT / "report.png")
        page.context.clear_cookies()

        sign_in(page, base, "sogd.dieuphoi")
        page.screenshot(path=OUT / "coordinator-home.png", full_page=True)
        page.goto(f"{base}/ke-hoach/long-an-2021/")
        page.screenshot(path=OUT / "campaign.png", full_page=True)
        page.goto(base + "/tai-khoan/")
        page.locator("table a").last.click()
        page.wait_for_load_state()
        page.screenshot(path=OUT / "step-monitor.png", full_page=True)
        page.goto(f"{base}/ke-hoach/nhap/")
        page.set_input_files("input[type=file]", str(SEED_PLAN))
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state()
        page.locator("textarea, input[type=text]").nth(3).focus()
        page.screenshot(path=OUT / "plan-import.png")
        page.goto(f"{base}/tai-khoan/api/")
        page.screenshot(path=OUT / "api-tokens.png", full_page=True)
        page.goto(f"{base}/don-vi/")
        page.screenshot(path=OUT / "org-tree.png", full_page=True)
        page.goto(f"{base}/don-vi/?q=ben+luc")
        page.screenshot(path=OUT / "org-search.png")

        page.context.clear_cookies()
        sign_in(page, base, "bo.theodoi")
        page.goto(f"{base}/bao-cao/ke-hoach/bo-gddt-2021/cac-tinh/")
        page.screenshot(path=OUT / "ministry.png", full_page=True)

        phone = browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, locale="vi-VN"
        )
        mobile = phone.new_page()
        mobile.goto(base)
        mobile.screenshot(path=OUT / "phone-home.png")
        sign_in(mobile, base, "benluc.baocao")
        mobile.screenshot(path=OUT / "phone-reporter.png", full_page=True)
        browser.close()
    print(f"Screenshots written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8765")
