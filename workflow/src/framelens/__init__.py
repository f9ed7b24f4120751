"""framelens: measure how news outlets frame the same story.

The library behind the framelens Snakemake workflow. Every workflow step is one
``framelens`` CLI subcommand (:mod:`framelens.cli`) that calls pure functions
from one module per concept; only :mod:`framelens.io` touches files.
"""

# The one place the version is written: pyproject.toml reads it from here (setuptools' dynamic
# version), so a job never asks importlib.metadata at start-up (about 70 ms per job, measured).
__version__ = "0.1.0"

__all__ = ["__version__"]
