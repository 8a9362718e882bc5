"""Pausing CPython's cyclic garbage collector while a batch is read."""

from __future__ import annotations

import gc
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused():
    """Pause the cyclic garbage collector for the block, then restore it as it was.

    Reading a batch makes hundreds of thousands of small tuples and lists (a match, a
    mention, a pair row, a cue), none of them in a reference cycle, and the collector
    would walk the live ones again and again: a sixth of the time of mention finding
    on dense text, and of the whole pipeline on ``benchmarks/pipeline_speed.py``.
    Reference counting frees memory as usual meanwhile; cyclic garbage made in the
    block is collected once the collector runs again. Nothing changes if the
    collector was already off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
