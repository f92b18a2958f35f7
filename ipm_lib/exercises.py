"""Moved to ``ipm_lib.course.exercises``. This name stays so that old imports keep working: it is the very
same module object, so ``ipm_lib.exercises.X`` and ``ipm_lib.course.exercises.X`` are one and the same."""

import sys

from .course import exercises as _module

sys.modules[__name__] = _module
