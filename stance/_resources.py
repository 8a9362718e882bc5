"""Locate the data files that ship with stance.

In a wheel, ``features/`` and ``models/`` are installed as ``stance/_data/…`` and read
with :mod:`importlib.resources`. In a source checkout (including an editable install)
they are read from the top of the repository.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["data_dir"]


def data_dir(name: str) -> Path:
    """Return the directory that holds the shipped ``features`` or ``models`` data.

    Parameters
    ----------
    name : {"features", "models"}
        Which data directory to find.

    Returns
    -------
    pathlib.Path
        An existing directory.

    Raises
    ------
    FileNotFoundError
        If neither the installed nor the source-checkout directory exists.
    """
    if name not in {"features", "models"}:
        raise ValueError(f"data directory must be 'features' or 'models', got {name!r}")
    installed = resources.files("stance").joinpath("_data", name)
    if installed.is_dir():
        return Path(str(installed))
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"stance data directory {name!r} not found: looked in {installed} and {checkout}"
    )
