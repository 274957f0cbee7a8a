"""The web page in Debian's chromium, driven by Playwright, over a real server: filters,
map and table agreement, the timeline brush, an event's highlighted evidence, and an
article whose markup must never run. Screenshots go to test-artifacts/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_serve_support import EVIL_SENTENCE, served

from newsevents.serve.loadtest import CHROMIUM, CHROMIUM_ARGS
from newsevents.serve.vendor import find_node_modules

__all__ = ["served"]  # the fixture, imported for pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
pytestmark = pytest.mark.slow


def _need(ok: bool, why: str) -> None:
    if ok:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why} (CI must have it: .ci/run installs chromium, make installs web/)")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _need(CHROMIUM.exists(), f"browser tests need Debian's chromium at {CHROMIUM}")
    _need(find_node_modules() is not None, "browser tests need web/node_modules: run make setup")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, served: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(served + "/")
    pg.wait_for_selector("body[data-ready='1']", timeout=30_000)
    yield pg
    context.close()
    assert errors == []


def _ids(pg) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    table = sorted(
        pg.eval_on_selector_all("#events tbody tr", "rows => rows.map(r => r.dataset.id)")
    )
    on_map = sorted(pg.get_attribute("#map-status", "data-ids").split())
    return table, on_map


def _wait_total(pg, n: int) -> None:  # type: ignore[no-untyped-def]
    pg.wait_for_function(
        f"""() => document.querySelector('#table-status').dataset.total === '{n}'
            && document.querySelector('#map-status').dataset.total === '{n}'""",
        timeout=15_000,
    )


def test_filter_keeps_map_and_table_in_agreement(page) -> None:  # type: ignore[no-untyped-def]
    _wait_total(page, 3)
    table, on_map = _ids(page)
    assert len(table) == 3 and table == on_map
    assert page.locator("#credits").inner_text().count("GeoNames") == 1
    page.select_option("select[name=country]", "SYR")
    page.click("#apply")
    _wait_total(page, 2)
    table, on_map = _ids(page)
    assert len(table) == 2 and table == on_map
    assert "country=SYR" in page.url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-map-filtered.png"))


def test_confidence_filter_narrows_map_and_table(page, served: str) -> None:  # type: ignore[no-untyped-def]
    import httpx

    items = httpx.get(served + "/api/events", timeout=20).json()["items"]
    top = max(e["confidence"] for e in items)
    sure = sorted(e["event_id"] for e in items if e["confidence"] >= top)
    assert 0 < len(sure) < len(items)
    _wait_total(page, len(items))
    page.fill("input[name=min_confidence]", str(top))
    page.click("#apply")
    _wait_total(page, len(sure))
    table, on_map = _ids(page)
    assert sorted(table) == sure and sorted(on_map) == sure
    assert f"min_confidence={top}" in page.url


def test_timeline_brush_sets_the_date_range(page) -> None:  # type: ignore[no-untyped-def]
    _wait_total(page, 3)
    box = page.locator("#timeline .u-over").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    # The x axis runs from January 2018 to March 2019: the first third holds 2018 only.
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
    page.mouse.up()
    _wait_total(page, 1)
    assert page.input_value("input[name=since]").startswith("2018-01")
    assert page.locator("#events tbody tr td").nth(1).inner_text().endswith("Peaceful protest")


def test_event_page_highlights_roles_and_never_runs_article_markup(page) -> None:  # type: ignore[no-untyped-def]
    _wait_total(page, 3)
    page.locator("#events tbody tr", has_text="Attack").click()
    page.wait_for_selector("#evidence mark.sentence", timeout=15_000)
    sentence = page.locator("#evidence mark.sentence").first
    assert sentence.text_content() == EVIL_SENTENCE
    roles = dict(
        page.eval_on_selector_all(
            "#evidence .role", "spans => spans.map(s => [s.dataset.role, s.textContent])"
        )
    )
    assert roles == {
        "trigger": "attacked",
        "perpetrator": "Islamic State fighters",
        "victim": "civilians",
        "place": "Hajin",
        "time": "Friday",
    }
    text = page.locator("#evidence .article-text").first.text_content() or ""
    assert "<script>window.__pwned = 1</script>" in text  # shown as text ...
    assert page.locator("#event img, #event script, #events img").count() == 0  # ... not as markup
    assert page.evaluate("window.__pwned") is None
    facts = page.locator("#event-facts").inner_text()
    assert "Gunmen" in facts and "<img" in facts
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-event-evidence.png"))
    page.click("#back")
    page.wait_for_selector("#event", state="hidden")
    assert page.evaluate("window.__pwned") is None
