"""Write files whole or not at all: write a temporary file beside the target, then rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from stance.errors import InputError, StanceError

__all__ = ["write_bytes", "write_text", "writable_folder", "replacing", "source_date_epoch"]


@contextmanager
def replacing(path: str | Path, mode: str = "wb", **open_options) -> Iterator[IO]:
    """Open a temporary file beside ``path`` for writing; on success it replaces
    ``path``, on any error it is removed and ``path`` is left as it was.

    Parameters
    ----------
    path : str or Path
    mode : str, default "wb"
        A writing mode of :func:`open`.
    **open_options
        Passed to :func:`open` (``encoding``, ``newline``).

    Raises
    ------
    stance.StanceError
        When the folder does not exist or cannot be written.
    """
    target = Path(path)
    directory = writable_folder(target)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise StanceError(f"{target}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, mode, **open_options) as handle:
            yield handle
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; give it the usual mode
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`replacing`).

    Parameters
    ----------
    path : str or Path
    data : bytes

    Returns
    -------
    Path

    Raises
    ------
    stance.StanceError
        When the folder does not exist or cannot be written.
    """
    with replacing(path) as handle:
        handle.write(data)
    return Path(path)


def writable_folder(path: str | Path) -> Path:
    """The folder that ``path`` would be written into, checked to exist.

    Raises
    ------
    stance.StanceError
        When the folder does not exist.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise StanceError(f"{target}: cannot write: folder {directory} does not exist")
    return directory


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically; see :func:`write_bytes`."""
    return write_bytes(path, text.encode("utf-8"))


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) as a number of seconds
    since 1970-01-01 UTC, or None when it is not set.

    Raises
    ------
    stance.InputError
        When it is set but not a whole number of seconds.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return None
    if not value.strip().isdigit():
        raise InputError("SOURCE_DATE_EPOCH", f"is {value!r}; expected a whole number of seconds since "
                                              "1970-01-01 UTC, or the variable unset")
    return int(value)
