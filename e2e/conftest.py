"""Browser tests: Debian's Chromium driven by Playwright against the live test server.

Chromium comes from the machine (`make install-browser` installs Debian's package); no
browser is ever downloaded. Under CI=true a browser that cannot start fails the run instead
of skipping the tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop; Django refuses ORM calls from one unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (make install-browser)")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
            )
        except Exception as error:
            _unavailable(f"Chromium did not start: {error}")
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    # axe is injected as a script, which the page's Content-Security-Policy would block:
    # the test context bypasses CSP; the application's policy stays as strict as it is.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    opened = context.new_page()
    yield opened
    context.close()


def axe_violations(page: object) -> list[dict[str, object]]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the page; return its violations."""
    if not AXE.exists():
        _unavailable("axe-core is missing (npm ci)")
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    result = page.evaluate(  # type: ignore[attr-defined]
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"][:5]],
        }
        for violation in result["violations"]
    ]


def log_in(page: object, live_server: object, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")  # type: ignore[attr-defined]
    page.fill("#id_username", username)  # type: ignore[attr-defined]
    page.fill("#id_password", password)  # type: ignore[attr-defined]
    page.click("form.login-form button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_url(f"{live_server.url}/")  # type: ignore[attr-defined]
