"""`make screens`: pictures of each demo role's main pages, at 1366 px and at 390 px wide.

Seeds a scratch SQLite database (var/screens/demo.sqlite3; --reuse keeps an earlier one),
serves it with `runserver` on a free port, logs in through the login page as each demo role
in headless Chromium, and writes one PNG per page and width to docs/screens/
(<role>-<page>-<width>.png), reduced to a 256-colour palette so that the committed files stay
small. The pages are listed in PAGES below; the login page is taken once, before any login.

Needs chromium and chromedriver on the PATH (as the browser tests do).
"""

import argparse
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screens"
SCRATCH = ROOT / "var" / "screens"
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
MAX_HEIGHT = {"desktop": 1800, "phone": 2600}  # a long page is cut: the top is what matters
PASSWORD = "demo12345"


def pages(role):
    """(name, url) of the role's main pages, looked up in the seeded database."""
    from django.urls import reverse

    from emulation.models import EvaluationCycle
    from plans.models import ActionPlan, MonthlyCheck
    from union.models import Member

    member = Member.objects.select_related("union", "group").filter(
        user__username=role).first()
    union = member.union if member else None
    home = [("home", reverse("home"))]
    if role == "chutich":
        plan = ActionPlan.objects.filter(union=union).order_by("-year").first()
        cycle = EvaluationCycle.objects.filter(union=union).order_by("-year").first()
        return home + [
            ("dashboard", reverse("plans:dashboard", args=[union.pk])),
            ("plan", plan.get_absolute_url()),
            ("members", reverse("union:member-list", args=[union.pk])),
            ("evaluation", cycle.get_absolute_url()),
        ]
    if role == "totruong":
        check = MonthlyCheck.objects.filter(group=member.group).order_by("-year", "-month").first()
        return home + [
            ("group-work", reverse("plans:group-work", args=[member.group_id])),
            ("check", check.get_absolute_url()),
            ("tasks", reverse("plans:task-list", args=[union.pk])),
        ]
    if role == "doanvien":
        return home + [
            ("my-work", reverse("plans:my-work")),
            ("movements", reverse("emulation:movement-list", args=[union.pk])),
            ("profile", reverse("union:profile")),
        ]
    if role == "capten":
        year = EvaluationCycle.objects.order_by("-year").values_list("year", flat=True).first()
        return home + [
            ("unions", reverse("union:union-list")),
            ("rollup", reverse("emulation:rollup", args=[union.pk, year])),
        ]
    if role == "khac":
        return home + [("union", union.get_absolute_url())]
    return home + [("unions", reverse("union:union-list"))]  # admin


ROLES = ["chutich", "totruong", "doanvien", "capten", "khac", "admin"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_database(env, reuse):
    database = SCRATCH / "demo.sqlite3"
    if database.exists() and reuse:
        return
    SCRATCH.mkdir(parents=True, exist_ok=True)
    database.unlink(missing_ok=True)
    for command in (["migrate", "-v0"], ["seed_demo"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)


def serve(env, port):
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the development server did not start")


def browser(width, height):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", "--lang=vi", f"--window-size={width},{height}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    # The window's size includes no browser frame in headless mode; the CSS viewport is
    # pinned to the exact width so that 390 means 390 CSS pixels.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
    return driver


def shoot(driver, path, kind):
    from PIL import Image

    width = WIDTHS[kind][0]
    height = min(driver.execute_script("return document.documentElement.scrollHeight"),
                 MAX_HEIGHT[kind])
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    import base64

    image = Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def log_in(driver, base, username):
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(base + "/login/")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    time.sleep(0.3)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded database")
    parser.add_argument("--roles", nargs="*", default=ROLES)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{SCRATCH / 'demo.sqlite3'}", "DEBUG": "1",
           "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("REDIS_URL", None)
    prepare_database(env, args.reuse)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    port = free_port()
    server = serve(env, port)
    base = f"http://127.0.0.1:{port}"
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        for kind, (width, height) in WIDTHS.items():
            driver = browser(width, height)
            try:
                driver.get(base + "/login/")
                path = args.out / f"login-{width}.png"
                shoot(driver, path, kind)
                written.append(path)
                for role in args.roles:
                    log_in(driver, base, role)
                    for name, url in pages(role):
                        driver.get(base + url)
                        path = args.out / f"{role}-{name}-{width}.png"
                        shoot(driver, path, kind)
                        written.append(path)
            finally:
                driver.quit()
    finally:
        server.terminate()
        server.wait()
    total = sum(path.stat().st_size for path in written)
    print(f"{len(written)} ảnh, {total // 1024} KB, trong {args.out}/")


if __name__ == "__main__":
    main()
