"""Screenshots of the support app on demo data, in real headless Chromium (Debian's `chromium` package driven by
Playwright; `playwright install` is never needed). The browser tests use the same launcher and demo server.

    python -m fulfillment.tools.screenshots [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from aiohttp import web

from fulfillment.adapters.sqlite.handoff import HandoffStore
from fulfillment.apps.server import create_server
from fulfillment.apps.support.config import SupportConfig
from fulfillment.apps.support.models import Role
from fulfillment.apps.support.services import open_services
from fulfillment.settings import Settings
from fulfillment.tools.support_demo import ScriptedNlu, seed_demo
from fulfillment.wiring import ShopHome, open_home

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASSWORD = "demo-password-1"
USERS = {"alex": Role.AGENT, "sofia": Role.SUPERVISOR, "ada": Role.ADMIN}
"""Demo users, all with PASSWORD."""


@asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    """A headless Chromium browser (playwright's Browser)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            await browser.close()


@asynccontextmanager
async def serve(config: Settings, shop: ShopHome, app_keys: dict[Any, Any] | None = None) -> AsyncIterator[str]:
    """Emma's real app on 127.0.0.1 and a free port; yields its base URL."""
    app = create_server(config, shop=shop, nlu=ScriptedNlu(), purge=False)
    for key, value in (app_keys or {}).items():
        app[key] = value
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        await runner.cleanup()


def add_demo_users(shop: ShopHome, config: Settings) -> None:
    auth = open_services(shop.db, SupportConfig.from_settings(config)).auth
    for name, role in USERS.items():
        auth.add_user(name, role, PASSWORD)


async def log_in(page: Any, base: str, name: str) -> None:
    await page.goto(f"{base}/support/login")
    await page.fill("input[name=name]", name)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")


async def take(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with tempfile.TemporaryDirectory(prefix="emma-shots-") as tmp:
        config = Settings(home=Path(tmp))
        shop = open_home(config)
        try:
            sessions = await seed_demo(shop, config.home / "audio")
            add_demo_users(shop, config)
            async with serve(config, shop) as base, chromium() as browser:
                page = await browser.new_page(viewport={"width": 1280, "height": 860})

                async def shot(name: str, url: str | None = None, full: bool = True) -> None:
                    if url:
                        await page.goto(base + url)
                    path = out / f"{name}.png"
                    await page.screenshot(path=str(path), full_page=full)
                    shots.append(path)

                await shot("login", "/support/login", full=False)
                await log_in(page, base, "sofia")
                await shot("conversations", "/support/conversations")
                await shot("conversation", "/support/conversations/" + next(s for s in reversed(sessions) if "lena" in s
                                                                             and s.startswith("audio")))
                await page.click("article:has-text('the blue won') >> text=Annotate")
                await page.select_option("select[name=intent]", "select_option")
                await page.fill("input[name=text]", "the blue one")
                await page.fill("input[name=tags]", "asr-error")
                await shot("annotate")
                await shot("kpi", "/support/kpi")
                await shot("handoff-queue", "/support/tickets")
                await page.goto(f"{base}/support/tickets/{_ticket_with_cart(shop)}")
                await page.click("text=Claim this ticket")
                await page.fill("textarea[name=note]", "Called the shopper back; she wants the jacket in navy.")
                await page.click("text=Add note")
                await shot("ticket")
                await page.set_viewport_size({"width": 820, "height": 1180})  # a tablet in portrait
                await shot("conversations-tablet", "/support/conversations?fallback=1", full=False)
        finally:
            shop.close()
    return shots


def _ticket_with_cart(shop: ShopHome) -> str:
    queue = HandoffStore(shop.db)
    return next(t["id"] for t in queue.list("open") if (queue.get(t["id"]) or {}).get("cart", {}).get("items"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    for path in asyncio.run(take(parser.parse_args().out)):
        print(path)


if __name__ == "__main__":
    main()
