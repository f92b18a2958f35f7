"""Moved to ``ipm_lib.course.progress``. This name stays so that old imports keep working: it is the very
same module object, so ``ipm_lib.progress.X`` and ``ipm_lib.course.progress.X`` are one and the same."""

import sys

from .course import progress as _module

sys.modules[__name__] = _module
