"""Under CI=true a missing browser fails the browser tests instead of skipping them (a skip would
count as green and hide that nothing was tested in a real browser)."""

import pytest

from .browser import conftest as browser


@pytest.mark.parametrize("ci", ["true", "1"])
def test_a_missing_browser_fails_on_ci(monkeypatch, tmp_path, ci):
    monkeypatch.setattr(browser, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="must run"):
        browser.need_chromium()


def test_a_missing_browser_is_a_skip_on_a_student_machine(monkeypatch, tmp_path):
    monkeypatch.setattr(browser, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="make browser-deps"):
        browser.need_chromium()
