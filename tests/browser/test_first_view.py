"""The dashboard's first view: the page and the first explorer's chart are there before Voila's
front end has loaded, and give way to the live explorer when it has (no timings asserted here:
they are measured by `python -m benchmarks.browser`)."""

from __future__ import annotations

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_first_chart_and_text_are_shown_without_the_front_end(voila_dashboard, page):
    base, _ = voila_dashboard
    # Voila's front end never loads: what shows is the page as it arrives.
    page.route("**/voila/static/voila.js", lambda route: route.abort())
    page.goto(f"{base}/", timeout=120_000)
    first_view = page.locator(".ipm-first-view")
    first_view.wait_for(state="visible", timeout=120_000)
    assert page.get_by_text("Educational use only").first.is_visible()
    chart = first_view.locator(".ipm-chart")
    assert chart.is_visible() and "in 1,000 affected" in chart.inner_text()
    assert "Procedure:" in first_view.inner_text()
    assert page.locator(".widget-tab").count() == 0, "no live widget without the front end"
    screenshot(page, "voila_first_view")


def test_the_live_explorer_replaces_the_first_view_and_responds(voila_dashboard, page):
    base, _ = voila_dashboard
    page.goto(f"{base}/", timeout=120_000)
    page.locator(".ipm-first-view .ipm-chart").wait_for(state="visible", timeout=120_000)
    live = page.locator(".widget-output .ipm-chart").first
    live.wait_for(state="visible", timeout=120_000)
    assert page.locator(".ipm-first-view").is_hidden()
    before = live.inner_text()
    page.locator(".widget-dropdown select").nth(1).select_option(index=2)
    page.wait_for_function(
        "before => document.querySelector('.widget-output .ipm-chart').innerText !== before",
        arg=before,
        timeout=30_000,
    )
