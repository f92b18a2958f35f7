"""Build step that pyproject.toml cannot express: ship the course's data and solutions in the wheel.

``data/`` and ``notebooks/solutions/`` stay where students and maintainers look for them in the
repository; the wheel gets copies inside the package (``ipm_lib/_data``, ``ipm_lib/_solutions``),
which ``ipm_lib.data`` and ``ipm_lib.course.solutions`` use when they are there. An editable install
(``make setup``) reads the repository's folders directly. Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = {"data": "ipm_lib/_data", "notebooks/solutions": "ipm_lib/_solutions"}


class BuildWithCourseFiles(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for source, target in SHIPPED.items():
            if not (HERE / source).is_dir():
                raise FileNotFoundError(
                    f"{source}/ is missing: the wheel would have no course files"
                )
            shutil.copytree(
                HERE / source,
                Path(self.build_lib) / target,
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"),
                dirs_exist_ok=True,
            )


setup(cmdclass={"build_py": BuildWithCourseFiles})
