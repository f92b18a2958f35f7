"""Moved to ``ipm_lib.course.lecture``. This name stays so that old imports keep working: it is the very
same module object, so ``ipm_lib.lecture.X`` and ``ipm_lib.course.lecture.X`` are one and the same."""

import sys

from .course import lecture as _module

sys.modules[__name__] = _module
