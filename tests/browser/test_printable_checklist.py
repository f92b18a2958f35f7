"""The printable safety checklist fits one A4 page when a real browser prints it."""

from __future__ import annotations

import re
import subprocess

import pytest

from ipm_lib import safety

from .conftest import CHROMIUM, CHROMIUM_ARGS, need_chromium

pytestmark = pytest.mark.browser


def test_checklist_prints_on_one_a4_page(tmp_path):
    need_chromium()
    page = safety.checklist_html().save(tmp_path / "checklist.html")
    pdf = tmp_path / "checklist.pdf"
    subprocess.run(
        [
            CHROMIUM,
            *CHROMIUM_ARGS,
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            f"file://{page}",
        ],  # fmt: skip
        check=True,
        capture_output=True,
        timeout=120,
    )
    raw = pdf.read_bytes()
    pages = re.findall(rb"/Type\s*/Page[^s]", raw)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", raw)
    assert len(pages) == 1, f"the checklist prints on {len(pages)} pages, not one"
    width, height = (float(v) for v in boxes[0])
    assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 in points
