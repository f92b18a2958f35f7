"""Moved to ``ipm_lib.course.bank``. This name stays so that old imports keep working: it is the very
same module object, so ``ipm_lib.content.X`` and ``ipm_lib.course.bank.X`` are one and the same."""

import sys

from .course import bank as _module

sys.modules[__name__] = _module
