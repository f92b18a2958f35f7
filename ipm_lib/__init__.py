"""Data, computations, charts and widgets for teaching interventional pain management.

Educational use only: nothing here is clinical advice. Every figure in ``data/`` points at a
row of ``data/sources.csv``; every patient case is synthetic.

Submodules are imported on demand so that ``import ipm_lib`` stays light.
"""

__version__ = "0.1.0"

DISCLAIMER = (
    "Educational use only. This course teaches medical students about interventional pain "
    "management; it is not clinical advice and must not guide the care of a real patient. "
    "All patient cases are synthetic. Check current guidelines and a qualified specialist "
    "before any clinical decision."
)

__all__ = ["DISCLAIMER", "__version__"]
