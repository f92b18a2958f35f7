"""The patient card with the most content prints on exactly one A4 page in Chromium, and reads at
1280x720 on screen (the screenshot goes to artifacts/screenshots/ to be looked at)."""

from __future__ import annotations

import re

import pytest

from ipm_lib import card_view, data

from .conftest import screenshot

pytestmark = pytest.mark.browser


def fullest_procedure() -> str:
    """The procedure whose card holds the most text (the hardest to fit on one page)."""
    ids = data.load("procedures")["procedure_id"]
    return max(ids, key=lambda pid: len(re.sub(r"<[^>]+>", "", str(card_view.card_html(pid)))))


def test_fullest_card_prints_on_one_a4_page_and_reads_on_screen(browser, tmp_path):
    procedure = fullest_procedure()
    saved = card_view.card_html(procedure).save(tmp_path / "card.html")
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(f"file://{saved}")
        pdf = page.pdf(format="A4", print_background=True)
        pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
        assert len(pages) == 1, f"the card of {procedure} prints on {len(pages)} pages, not one"
        boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
        width, height = (float(v) for v in boxes[0])
        assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 in points
        # on screen: the print button shows, the heading is large enough to read
        assert page.locator("button.ipm-card-print").is_visible()
        size = page.eval_on_selector(
            ".ipm-card li", "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        assert size >= 12
        screenshot(page, f"patient_card_{procedure}")
    finally:
        context.close()


def test_dashboard_card_tab_follows_the_dropdown_and_prints_the_card_alone(voila, page):
    base, _ = voila
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{base}/")
    page.wait_for_selector(".widget-tab", timeout=90_000)
    page.get_by_role("tab", name="Patient card").click()
    heading = page.locator(".ipm-card h1")
    heading.wait_for(timeout=30_000)
    assert heading.inner_text() == "Spinal cord stimulation, permanent implant: a card for patients"
    select = page.locator(".widget-dropdown select:visible", has_text="Medial branch block").first
    select.select_option(label="Medial branch block")
    page.wait_for_function(
        "() => document.querySelector('.ipm-card h1').innerText.startsWith('Medial branch block')",
        timeout=20_000,
    )
    assert "Not reported in the course's sources." in page.locator(".ipm-card").inner_text()
    screenshot(page, "voila_patient_card")
    # the button survives the widget's HTML (its handler is kept) and opens the card on its own
    with page.expect_popup(timeout=20_000) as popup_info:
        page.get_by_role("button", name="Print this card").click()
    popup = popup_info.value
    popup.wait_for_load_state()
    assert popup.locator(".ipm-card h1").inner_text().startswith("Medial branch block")
    assert popup.locator(".widget-tab").count() == 0  # only the card, not the dashboard
    popup.close()
