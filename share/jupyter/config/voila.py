"""Voila settings for `make dashboard` (found through JUPYTER_CONFIG_PATH, which the Makefile sets).

One shared cache of compiled page templates. Voila builds a new nbconvert exporter, and so a new
Jinja environment, for every page it renders, including the page it renders ahead for the next
visitor when it refills its pool of preheated kernels. Each new environment parsed and compiled the
templates again (about 0.13 s on the test machine, 0.25 s when it was busy) inside the server's one
event loop, so every open dashboard's widget messages waited behind it: a click then took 200-250 ms
to draw instead of about 50 ms (docs/performance.md). Jinja's bytecode cache keeps the compiled code,
keyed on each template's name and file and on the environment's compile settings (asynchronous or
not, extensions, delimiters), and checked against its source, so an edited template is compiled
again; what a page shows is unchanged.
"""

import jinja2
from nbconvert.exporters.templateexporter import TemplateExporter


def compile_settings(env: jinja2.Environment) -> tuple:
    """What, besides the source, decides the code Jinja compiles a template into."""
    return (
        env.is_async,
        env.optimized,
        repr(env.autoescape),
        env.finalize is not None,
        tuple(sorted(env.extensions)),
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
    )


class SharedTemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the server process."""

    def __init__(self):
        self.compiled: dict[tuple, bytes] = {}

    def _key(self, bucket: jinja2.bccache.Bucket) -> tuple:
        return (compile_settings(bucket.environment), bucket.key)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(self._key(bucket))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[self._key(bucket)] = bucket.bytecode_to_string()


TEMPLATE_CACHE = SharedTemplateCache()

if not getattr(TemplateExporter, "_ipm_shared_cache", False):  # once, however often this is read
    _create_environment = TemplateExporter._create_environment

    def _with_shared_cache(self):
        environment = _create_environment(self)
        environment.bytecode_cache = TEMPLATE_CACHE
        return environment

    TemplateExporter._create_environment = _with_shared_cache
    TemplateExporter._ipm_shared_cache = True
