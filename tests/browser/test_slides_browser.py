"""Slides at 1280x720 in Chromium: opened with the real menu item, every slide fits the screen, with no
horizontal overflow and no code; opening the slideshow page directly does not save the notebook."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from tools import slides

from .conftest import ARTIFACTS, ROOT, screenshot

pytestmark = pytest.mark.browser

NOTEBOOK = "04_risks.ipynb"

# What the present (sub-)slide holds, measured in the slideshow's own page.
MEASURE = """() => {
  const present = [...document.querySelectorAll('.reveal .slides section.present')].pop();
  if (!present) return null;
  const W = innerWidth, H = innerHeight;
  // the content of a closed <details> (a folded table's whole version) is not on screen, although
  // Chromium still lays it out (content-visibility: hidden)
  const folded = el => { const d = el.closest('details:not([open])');
    return d !== null && !el.closest('summary'); };
  const shown = el => { const s = getComputedStyle(el);
    return el.offsetParent !== null && s.visibility !== 'hidden' && s.display !== 'none' && !folded(el); };
  const outside = [];
  for (const el of present.querySelectorAll('.jp-Cell:not(.reveal-skip) *')) {
    if (!shown(el)) continue;
    const b = el.getBoundingClientRect();
    if (b.width === 0 || b.height === 0) continue;
    let cut = false;  // rows below a cut table's note (the only content that may be cut)
    const table = el.closest('div:has(> table.dataframe)');
    if (table && present.contains(table)) {
      const tb = table.getBoundingClientRect();
      cut = b.top >= tb.bottom - 1;
    }
    if (!cut && (b.right > W + 1 || b.bottom > H + 1 || b.left < -1 || b.top < -1))
      outside.push(`${el.tagName}.${el.className} ${(el.textContent || '').slice(0, 60)}`);
  }
  const scrollers = [present, ...present.querySelectorAll('.jp-OutputArea-output, .jp-RenderedHTMLCommon')]
    .filter(e => shown(e) && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'hidden');
  // content an output area cuts off (overflow hidden), and tables cut short without their note
  const clipped = [...present.querySelectorAll('.jp-OutputArea-output')].filter(shown)
    .filter(e => !e.querySelector('table.dataframe'))
    .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
    .map(e => (e.textContent || '').slice(0, 60));
  const silentCuts = [...present.querySelectorAll('div:has(> table.dataframe)')].filter(shown)
    .filter(d => d.scrollHeight > d.clientHeight + 1)
    .filter(d => !getComputedStyle(d, '::after').content.includes('more rows'))
    .map(d => (d.textContent || '').slice(0, 60));
  return {
    id: present.id,
    clipped: clipped.concat(silentCuts),
    cells: present.querySelectorAll('.jp-Cell:not(.reveal-skip)').length,
    outside: outside.slice(0, 5),
    tooTall: present.scrollHeight > present.clientHeight + 1,
    horizontal: document.documentElement.scrollWidth > W || scrollers.length > 0,
    code: [...present.querySelectorAll('.jp-CodeCell .jp-InputArea, .jp-CodeCell .jp-InputPlaceholder, .cm-editor')]
      .filter(shown).length,
  };
}"""
PRESENT = "() => ([...document.querySelectorAll('.reveal .slides section.present')].pop() || {}).id"


@pytest.fixture
def slides_copy():
    """The notebook with the slide metadata `tools/slides.py` gives it, and the course's rise.css, in a
    git-ignored folder: opening slides saves the notebook, which must not touch the course's files."""
    folder = ARTIFACTS.parent / "slides"
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(ROOT / "notebooks" / NOTEBOOK, as_version=4)
    slides.apply(nb)
    nbformat.write(nb, folder / NOTEBOOK)
    shutil.copy(ROOT / "notebooks" / "rise.css", folder / "rise.css")
    return folder / NOTEBOOK


@pytest.fixture
def screen(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    yield context
    context.close()


def step_through(page, name: str) -> list[dict]:
    """Press Space (next) until the last slide; measure and photograph each one."""
    seen = []
    page.locator(".reveal").click(position={"x": 640, "y": 700})  # focus the slideshow, not a cell
    for _ in range(200):
        page.wait_for_timeout(250)
        measured = page.evaluate(MEASURE)
        assert measured, "no slide is shown"
        seen.append(measured)
        screenshot(page, f"{name}_{measured['id']}")
        page.keyboard.press("Space")
        try:
            page.wait_for_function(f"() => ({PRESENT})() !== {measured['id']!r}", timeout=3_000)
        except Exception:  # noqa: BLE001 - Playwright's timeout: no next slide
            break
    return seen


def test_every_slide_fits_720p_without_code(lab, screen, slides_copy):
    base, token, _ = lab
    path = slides_copy.relative_to(ROOT).as_posix()
    page = screen.new_page()
    page.set_default_timeout(90_000)
    page.goto(f"{base}/lab/tree/{path}?reset&token={token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    # the real menu item, as the README names it
    page.get_by_text("View", exact=True).first.click()
    page.get_by_text("Render as Reveal Slideshow", exact=True).click()
    frame = page.frame_locator(f"iframe[src*='/rise/{path}']")
    frame.locator(".reveal .slides section.present").first.wait_for()
    assert frame.locator(".reveal .slides section").count() > 3
    screenshot(page, "slides_beside_the_notebook")
    # The panel beside the notebook is narrow; a lecture shows the same page full screen (View ->
    # Full screen slideshow). Open that page at 1280x720, as the browser's full screen shows it.
    slideshow = screen.new_page()
    slideshow.set_default_timeout(90_000)
    slideshow.goto(f"{base}/rise/{path}?activeCellIndex=0&token={token}")
    slideshow.wait_for_selector(".reveal .slides section.present")
    slideshow.wait_for_timeout(1500)
    seen = step_through(slideshow, "slides_" + Path(NOTEBOOK).stem)
    nb = nbformat.read(slides_copy, as_version=4)
    kinds = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
    assert len(seen) == sum(k in ("slide", "subslide") for k in kinds), (
        "not every slide was visited"
    )
    problems = [
        s
        for s in seen
        if s["outside"] or s["clipped"] or s["tooTall"] or s["horizontal"] or s["code"]
    ]
    assert problems == [], f"slides that do not fit 1280x720 or show code: {problems}"


def test_the_slideshow_page_opened_directly_does_not_save_the_notebook(lab, screen, slides_copy):
    """The safe route of the instructor guide: the slides of the saved file, without saving it."""
    base, token, _ = lab
    before = slides_copy.read_bytes(), slides_copy.stat().st_mtime_ns
    path = slides_copy.relative_to(ROOT).as_posix()
    page = screen.new_page()
    page.set_default_timeout(90_000)
    page.goto(f"{base}/rise/{path}?activeCellIndex=0&token={token}")
    page.wait_for_selector(".reveal .slides section.present")
    page.keyboard.press("Space")
    page.wait_for_timeout(3000)
    assert (slides_copy.read_bytes(), slides_copy.stat().st_mtime_ns) == before
