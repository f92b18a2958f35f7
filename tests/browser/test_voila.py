"""The dashboard under Voila: rendered with code hidden, and a widget responds."""

from __future__ import annotations

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_dashboard_renders_without_code_and_responds(voila, page):
    base, _ = voila
    page.goto(f"{base}/")
    page.wait_for_selector(".widget-tab", timeout=90_000)
    page.wait_for_selector(
        ".widget-output .ipm-chart", timeout=60_000
    )  # the risk explorer's squares
    assert page.locator(".jp-InputArea-editor, .cm-editor").count() == 0, "code is visible in Voila"
    assert "Educational use only" in page.inner_text("body")
    chart = page.locator(".widget-output .ipm-chart").first
    before = chart.inner_text()
    assert "in 1,000 affected" in before
    page.locator(".widget-dropdown select").first.select_option(index=3)
    page.wait_for_function(
        "before => document.querySelector('.widget-output .ipm-chart').innerText !== before",
        arg=before,
        timeout=20_000,
    )
    screenshot(page, "voila_dashboard")


def test_a_tab_builds_its_explorer_when_first_opened(voila, page):
    base, _ = voila
    page.goto(f"{base}/")
    page.wait_for_selector(".widget-output .ipm-chart", timeout=90_000)
    assert page.locator(".widget-output .ipm-chart").count() == 1, (
        "only the first tab is built at first"
    )
    page.get_by_role("tab", name="Pathway").click()
    page.wait_for_function(
        "() => document.querySelectorAll('.widget-output .ipm-chart').length === 2", timeout=30_000
    )
    assert "Treatment-pathway simulator" in page.inner_text("body")
    assert "How many procedures each patient had" in page.inner_text("body")
    screenshot(page, "voila_pathway_tab")


def test_procedure_comparison_switches_views_as_html_charts(voila, page):
    base, _ = voila
    page.goto(f"{base}/")
    page.wait_for_selector(".widget-output .ipm-chart", timeout=90_000)
    page.get_by_role("tab", name="Compare procedures").click()
    chart = page.locator(".widget-output .ipm-chart", has_text="Complication rates")
    chart.first.wait_for(timeout=30_000)
    assert "Complication rates reported in the sources" in chart.first.inner_text()
    lines = chart.first.locator("svg[role=img]")
    assert lines.count() > 5 and "per 1,000" in (lines.first.get_attribute("aria-label") or "")
    page.get_by_role("button", name="Payments for one procedure").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-output .ipm-chart')]"
        ".some(c => c.innerText.includes('Payment for one procedure'))",
        timeout=20_000,
    )
    screenshot(page, "voila_procedure_comparison")
