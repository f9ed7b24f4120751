"""framelens: measure how news outlets frame the same story.

The library behind the framelens Snakemake workflow. Every workflow step is one
``framelens`` CLI subcommand (:mod:`framelens.cli`) that calls pure functions
from one module per concept; only :mod:`framelens.io` touches files.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("framelens")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
