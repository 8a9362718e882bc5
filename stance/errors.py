"""Exceptions raised by stance.

Every error the library raises on purpose derives from :class:`StanceError`, so
callers can catch the library's own failures without catching programming errors.
"""

from __future__ import annotations

__all__ = ["StanceError", "InputError", "DataError"]


class StanceError(Exception):
    """Base class of every error raised by stance on purpose."""


class InputError(StanceError):
    """An input file or stream cannot be read as articles.

    Parameters
    ----------
    source : str
        The file path, ``"<stdin>"`` or another name for where the input came from.
    problem : str
        What is wrong, written for a person: what was received and what was expected.
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")

    def __reduce__(self):
        # rebuilt from its two parts, as it crosses from a worker process
        return type(self), (self.source, self.problem)


class DataError(StanceError):
    """A data file shipped with stance (gazetteer, lexicon, model) is malformed."""
