"""The dashboard server's Voila settings (share/jupyter/config/voila.py): one cache of compiled page
templates shared by every page Voila renders, which must never change what a page shows."""

import runpy

import jinja2
import pytest
from nbconvert.exporters.templateexporter import TemplateExporter

from .conftest import ROOT

CONFIG = ROOT / "share" / "jupyter" / "config" / "voila.py"


@pytest.fixture
def settings(monkeypatch):
    """The config file read as Voila reads it (twice, as a server may), undone afterwards."""
    monkeypatch.setattr(
        TemplateExporter, "_create_environment", TemplateExporter._create_environment
    )
    monkeypatch.setattr(TemplateExporter, "_ipm_shared_cache", False, raising=False)
    first = runpy.run_path(str(CONFIG))
    runpy.run_path(str(CONFIG))
    return first


@pytest.fixture
def parses(monkeypatch):
    """How many times Jinja parsed a template source (a cache hit parses nothing)."""
    count = {"n": 0}
    parse = jinja2.Environment._parse

    def counting(self, *args, **kwargs):
        count["n"] += 1
        return parse(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "_parse", counting)
    return count


def exporter(folder, asynchronous=False) -> TemplateExporter:
    ex = TemplateExporter(template_file="page.j2", extra_template_paths=[str(folder)])
    ex.enable_async = asynchronous
    return ex


def render(ex: TemplateExporter, **context) -> str:
    template = ex.environment.get_template("page.j2")
    if ex.enable_async:
        import asyncio
        from concurrent.futures import ThreadPoolExecutor

        # a thread of its own: another test's event loop may still be running in this one
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, template.render_async(**context)).result()
    return template.render(**context)


def test_a_second_page_reuses_the_compiled_template(tmp_path, settings, parses):
    (tmp_path / "page.j2").write_text("Hello {{ name }}")
    first, second = exporter(tmp_path), exporter(tmp_path)
    assert first.environment is not second.environment  # Voila's case: a new environment per page
    assert render(first, name="a") == "Hello a"
    assert parses["n"] == 1
    assert render(second, name="b") == "Hello b"
    assert parses["n"] == 1, "the second environment compiled the template again"


def test_reading_the_settings_twice_patches_once(tmp_path, settings, parses):
    (tmp_path / "page.j2").write_text("x")
    assert exporter(tmp_path).environment.bytecode_cache is settings["TEMPLATE_CACHE"]


def test_an_edited_template_is_compiled_again(tmp_path, settings, parses):
    page = tmp_path / "page.j2"
    page.write_text("old {{ name }}")
    assert render(exporter(tmp_path), name="a") == "old a"
    page.write_text("new {{ name }}")
    assert render(exporter(tmp_path), name="a") == "new a"
    assert parses["n"] == 2


def test_asynchronous_and_plain_environments_keep_their_own_code(tmp_path, settings, parses):
    """Voila renders asynchronously; code compiled for one mode must never run in the other."""
    (tmp_path / "page.j2").write_text("{% for i in items %}{{ i }}{% endfor %}")
    assert render(exporter(tmp_path, asynchronous=True), items=[1, 2]) == "12"
    assert render(exporter(tmp_path), items=[3, 4]) == "34"
    assert render(exporter(tmp_path, asynchronous=True), items=[5]) == "5"
    assert parses["n"] == 2  # one per mode, the third page reused the asynchronous code
