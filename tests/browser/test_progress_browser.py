"""Progress survives a kernel restart, in a real JupyterLab in Chromium at 1280x720: a student answers a
self-check question, restarts the kernel and runs everything again, and finds the answer, its feedback
and the score still there; notebook 00 counts it and its download link gives the file.

A JupyterLab server of its own, with its own progress file, so that the answers given here do not show
up in the other browser tests (and theirs do not show up here). The download link is checked in Voila
too: a data: link needs no server route."""

from __future__ import annotations

import json
import os
import secrets
import sys

import pytest

from .conftest import _server, screenshot
from .test_jupyterlab import IDLE, open_and_run

pytestmark = pytest.mark.browser

NOTEBOOK = "06_specialist_role.ipynb"


@pytest.fixture
def lab_with_progress(tmp_path):
    progress_file = tmp_path / "ipm_course" / "progress.json"
    token = secrets.token_hex(16)
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", "--ServerApp.port={port}",
            "--IdentityProvider.token={token}", "--LabApp.workspaces_dir={workdir}",
            "--LabApp.user_settings_dir={workdir}/settings", "--ServerApp.root_dir=" + os.getcwd()]  # fmt: skip
    if os.geteuid() == 0:
        args.append("--allow-root")
    servers = _server(args, "/api/status", token, progress_file)
    yield from ((base, token, progress_file) for base, _ in servers)


@pytest.fixture
def small_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def quiz_widget(page):
    quiz = page.locator(".jp-OutputArea .widget-vbox", has_text="Self-check").last
    quiz.scroll_into_view_if_needed()
    return quiz


def test_progress_survives_a_kernel_restart(lab_with_progress, small_page, tmp_path):
    base, token, progress_file = lab_with_progress
    page = small_page
    open_and_run(page, base, token, NOTEBOOK)
    quiz = quiz_widget(page)
    assert "(0 answered)" in quiz.inner_text()

    # answer the first question: the option shown at the top (a radio button or a checkbox)
    quiz.locator(".widget-radio-box input, .widget-checkbox input").first.check()
    quiz.get_by_role("button", name="Check").click()
    page.wait_for_function("() => /\\(1 answered\\)/.test(document.body.innerText)", timeout=20_000)
    saved = json.loads(progress_file.read_text(encoding="utf-8"))
    (entry,) = saved["answers"]["06_specialist_role"].values()
    verdict = "Correct." if entry["correct"] else "Not quite."
    assert verdict in quiz.locator("b", has_text=verdict).first.inner_text()

    # restart the kernel and run every cell again; outputs drawn before are marked to tell them apart
    page.evaluate(
        "() => document.querySelectorAll('.jp-OutputArea-output').forEach(e => e.dataset.old = '1')"
    )
    page.get_by_text("Kernel", exact=True).first.click()
    page.get_by_text("Restart Kernel and Run All Cells…", exact=True).click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_function(
        """() => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                     .map(e => e.textContent.trim()).filter(t => t);
                   const quiz = [...document.querySelectorAll('.jp-OutputArea-output')]
                     .filter(e => e.innerText.includes('Self-check'));
                   return quiz.length > 0 && quiz.every(e => !e.dataset.old)
                     && p.every(t => /^\\[\\d+\\]:?$/.test(t)); }""",
        timeout=180_000,
    )
    page.wait_for_selector(IDLE, timeout=120_000)
    quiz = quiz_widget(page)
    page.wait_for_function("() => /\\(1 answered\\)/.test(document.body.innerText)", timeout=20_000)
    text = quiz.inner_text()
    assert "(1 answered)" in text and quiz.locator("b", has_text=verdict).count() == 1, text
    chosen = quiz.locator(".widget-radio-box input:checked, .widget-checkbox input:checked")
    assert chosen.count() >= 1, "the option chosen before the restart is not shown chosen"
    assert quiz.get_by_role("button", name="Check").is_disabled()
    screenshot(page, "progress_after_kernel_restart")

    # notebook 00 counts the answer, and its link downloads the progress file
    open_and_run(page, base, token, "00_start_here.ipynb")
    table = page.locator(
        ".jp-OutputArea-output table", has=page.locator("th", has_text="Exercises done")
    )
    row = table.locator("tr", has_text="06 The specialist's role")
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells[2] == "1", cells  # answered
    assert cells[3] == str(int(entry["correct"])), cells  # correct
    link = page.get_by_role("link", name="Download my progress")
    link.scroll_into_view_if_needed()
    screenshot(page, "progress_table_in_00")
    with page.expect_download(timeout=20_000) as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "ipm_progress.json"
    target = tmp_path / "downloaded.json"
    download.save_as(str(target))
    handed_in = json.loads(target.read_text(encoding="utf-8"))
    assert handed_in["answers"] == saved["answers"]
    assert any(
        r["Notebook"].endswith("The specialist's role") and r["Answered"] == 1
        for r in handed_in["summary"]
    )


@pytest.fixture
def voila_start_here(tmp_path, monkeypatch):
    progress_file = tmp_path / "ipm_course" / "progress.json"
    monkeypatch.setenv("IPM_PROGRESS_FILE", str(progress_file))
    args = [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1", "--port={port}",
            "notebooks/00_start_here.ipynb"]  # fmt: skip
    yield from ((base, progress_file) for base, _ in _server(args, "/", None, progress_file))


def test_download_link_works_in_voila(voila_start_here, small_page, tmp_path):
    from ipm_lib.course import bank as content
    from ipm_lib.course import progress

    base, progress_file = voila_start_here
    question = next(q for q in content.questions("04_risks") if q["kind"] == "single")
    # an answer saved before the page is opened (as by a quiz in another notebook)
    progress.record_answer("04_risks", question["id"], [0], question["options"][0]["correct"])
    assert progress_file.exists()
    page = small_page
    page.goto(f"{base}/")
    link = page.get_by_role("link", name="Download my progress")
    link.wait_for(timeout=90_000)
    with page.expect_download(timeout=20_000) as info:
        link.click()
    target = tmp_path / "from_voila.json"
    info.value.save_as(str(target))
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["answers"]["04_risks"][question["id"]]["chosen"] == [0]
    screenshot(page, "progress_in_voila")
