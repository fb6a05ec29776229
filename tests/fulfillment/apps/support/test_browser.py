"""The support app in real headless Chromium (Debian's `chromium`, driven by Playwright) against a real server."""

from __future__ import annotations

import pytest

from fulfillment.apps.support.web.keys import SUPPORT_CONFIG, SUPPORT_TRAINER
from fulfillment.tools.screenshots import CHROMIUM, chromium, serve
from tests.fulfillment.apps.support.conftest import ORDER, PASSWORD, talk

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"),
]


@pytest.fixture
async def site(config, shop, support_config, trainer):
    await talk(shop, "ordered", ORDER)
    await talk(shop, "handed", ["do you have rain jackets", "the second one", "add two in medium",
                                "talk to a person", "yes"], customer="lena", channel="alexa")
    await talk(shop, "confused", ["blorp fizzle", "do you have snowboards"])
    async with serve(config, shop, {SUPPORT_CONFIG: support_config, SUPPORT_TRAINER: trainer}) as base:
        yield base


@pytest.fixture
async def page(site):
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1024, "height": 768})
        page.set_default_timeout(10_000)
        yield page


async def log_in(page, base: str, name: str, password: str = PASSWORD) -> None:
    await page.goto(f"{base}/support/login")
    await page.fill("input[name=name]", name)
    await page.fill("input[name=password]", password)
    await page.click("button[type=submit]")


async def listed(page) -> set[str]:
    hrefs = await page.eval_on_selector_all("table.list td[data-label='Last activity'] a",
                                            "links => links.map(a => a.getAttribute('href'))")
    return {h.rsplit("/", 1)[1] for h in hrefs}


async def test_login_wrong_password_then_right_then_logout(page, site):
    await log_in(page, site, "alex", "not-the-password")
    assert "Wrong user name or password." in await page.inner_text("[role=alert]")
    await log_in(page, site, "alex")
    assert page.url == f"{site}/support/conversations"
    assert "alex" in await page.inner_text("header")
    await page.click("text=Log out")
    assert page.url.startswith(f"{site}/support/login")
    await page.goto(f"{site}/support/kpi")
    assert "/support/login?next=" in page.url


async def test_filtering_the_conversations(page, site):
    await log_in(page, site, "alex")
    assert await listed(page) == {"ordered", "handed", "confused"}
    await page.check("input[name=handoff]")
    await page.click("button:has-text('Filter')")
    assert await listed(page) == {"handed"}
    assert "handoff=1" in page.url
    await page.click("text=Clear")
    await page.fill("input[name=q]", "snowboard")
    await page.press("input[name=q]", "Enter")
    assert await listed(page) == {"confused"}
    await page.select_option("select[name=channel]", "alexa")
    await page.click("button:has-text('Filter')")
    assert await listed(page) == set()
    assert "No conversation matches" in await page.inner_text("main")


async def test_open_a_conversation_and_annotate_a_turn(page, site):
    await log_in(page, site, "alex")
    await page.click("a[href='/support/conversations/confused'] >> nth=0")
    assert "blorp fizzle" in await page.inner_text("main")
    await page.click("article:has-text('blorp fizzle') >> text=Annotate")
    await page.fill("input[name=text]", "blue rain jackets")
    await page.select_option("select[name=intent]", "search_product")
    await page.select_option("select[name=entity_0]", "product")
    await page.fill("input[name=value_0]", "rain jackets")
    await page.fill("input[name=tags]", "asr-error")
    await page.click("button:has-text('Save annotation')")
    assert "/support/conversations/confused?saved=" in page.url
    assert "Annotation saved." in await page.inner_text("[role=status]")
    assert "corrected: search_product" in await page.inner_text("article.saved")
    await page.click("nav >> text=Annotations")
    assert "blue rain jackets" in await page.inner_text("main")


async def test_a_supervisor_imports_and_sees_the_figures(page, site, trainer):
    await log_in(page, site, "sofia")
    await page.goto(f"{site}/support/conversations/confused")
    await page.click("article:has-text('blorp fizzle') >> text=Annotate")
    await page.fill("input[name=text]", "got any gaiters")
    await page.select_option("select[name=intent]", "search_product")
    await page.click("button:has-text('Save annotation')")
    await page.goto(f"{site}/support/annotations")
    await page.click("button:has-text('Import into the training data')")
    await page.wait_for_selector("#run-status:has-text('done')", timeout=20_000)  # the page refreshes itself
    assert "+5.0 pts" in await page.inner_text("table.figures")


async def test_the_handoff_flow(page, site):
    await log_in(page, site, "alex")
    await page.click("nav >> text=Handoff queue")
    await page.click("table.list tbody tr:first-child td[data-label=Ticket] a")
    assert "do you have rain jackets" in await page.inner_text("main")
    assert "€" in await page.inner_text("section:has-text('Cart')")
    await page.click("button:has-text('Claim this ticket')")
    assert await page.inner_text("#ticket-status") == "claimed"
    await page.fill("textarea[name=note]", "Rang her back about sizes.")
    await page.click("button:has-text('Add note')")
    assert "Rang her back about sizes." in await page.inner_text(".notes")
    await page.click("button:has-text('Mark resolved')")
    assert await page.inner_text("#ticket-status") == "resolved"
    await page.goto(f"{site}/support/tickets?status=open")
    assert "No open tickets." in await page.inner_text("main")


async def test_role_refusals(page, site):
    await log_in(page, site, "alex")
    assert await page.locator("nav >> text=Users").count() == 0
    response = await page.goto(f"{site}/support/users")
    assert response.status == 403
    assert "needs the admin role" in await page.inner_text("h1")
    response = await page.goto(f"{site}/support/conversations/confused?raw=1")
    assert response.status == 403
    await page.click("text=Log out")
    await log_in(page, site, "ada")
    response = await page.goto(f"{site}/support/users")
    assert response.status == 200 and "Add a user" in await page.inner_text("main")


async def test_the_kpi_dashboard_draws_its_charts(page, site):
    await log_in(page, site, "alex")
    await page.click("nav >> text=KPIs")
    assert await page.locator("svg.chart").count() >= 8
    assert "snowboards" in await page.inner_text("section:has-text('Searches with no result')")


async def test_a_german_browser_gets_german_pages_and_can_switch(site):
    async with chromium() as browser:
        page = await browser.new_page(locale="de-DE", viewport={"width": 1024, "height": 768})
        page.set_default_timeout(10_000)
        await page.goto(f"{site}/support/login")
        assert await page.get_attribute("html", "lang") == "de"
        await page.fill("input[name=name]", "alex")
        await page.fill("input[name=password]", PASSWORD)
        await page.click("button:has-text('Anmelden')")
        assert page.url == f"{site}/support/conversations"
        assert "3 Gespräche" in await page.inner_text("#result-count")
        await page.click("nav.languages >> text=English")
        assert page.url == f"{site}/support/conversations"
        assert "3 conversations" in await page.inner_text("#result-count")
        await page.click("text=Log out")
        assert await page.get_attribute("html", "lang") == "en"  # the choice outlasts the login
