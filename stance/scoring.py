"""Articles → scored pairs: the model applied to every paragraph and country pair.

:func:`score` runs the whole reading half and the model over articles, a batch of
articles at a time, and returns two tables: one row per paragraph and pair, with the
evidence sentence, and one row per article and pair, aggregated.
"""

from __future__ import annotations

from contextlib import ExitStack, contextmanager
from itertools import chain
from typing import NamedTuple

import numpy as np
import pandas as pd

from stance._gc import collector_paused
from stance.model import (PROBABILITY_COLUMNS, decide_labels, paragraph_weights, predict_pairs, resolve_model,
                          temperature_of)

__all__ = ["score", "score_stream", "score_batches", "score_pairs", "aggregate_articles", "Scores",
           "PARAGRAPH_SCORE_COLUMNS", "ARTICLE_SCORE_COLUMNS"]

_PROBABILITIES = list(PROBABILITY_COLUMNS)
#: Columns of :attr:`Scores.paragraphs`.
PARAGRAPH_SCORE_COLUMNS = ["article_id", "paragraph_id", "country_a", "country_b", "label", "temperature",
                           *_PROBABILITIES, "evidence"]
#: Columns of :attr:`Scores.articles`.
ARTICLE_SCORE_COLUMNS = ["article_id", "country_a", "country_b", "label", "temperature", *_PROBABILITIES,
                         "n_paragraphs"]


class Scores(NamedTuple):
    """The two tables of :func:`score`."""

    paragraphs: pd.DataFrame
    articles: pd.DataFrame


def score_pairs(pairs: pd.DataFrame, model=None) -> pd.DataFrame:
    """Score rows of :func:`stance.build_pairs`.

    Parameters
    ----------
    pairs : pandas.DataFrame
    model : fitted pipeline, or path to a ``.skops`` file, optional
        By default the model shipped with stance.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PARAGRAPH_SCORE_COLUMNS`.
    """
    model = resolve_model(model)
    predicted = predict_pairs(model, pairs)
    frame = pd.concat([pairs[["article_id", "paragraph_id", "country_a", "country_b"]], predicted,
                       pairs[["evidence"]]], axis=1)
    return frame[PARAGRAPH_SCORE_COLUMNS].reset_index(drop=True)


def aggregate_articles(scored: pd.DataFrame) -> pd.DataFrame:
    """One row per article and pair from paragraph scores.

    A paragraph weighs by how much it says about the relation
    (:func:`stance.model.paragraph_weights`: ``1 - p_neutral``, at least 0.05), so
    that a pair's one substantive paragraph is not drowned by paragraphs where the two
    merely appear together.

    Parameters
    ----------
    scored : pandas.DataFrame
        Columns :data:`PARAGRAPH_SCORE_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ARTICLE_SCORE_COLUMNS`.
    """
    if scored.empty:
        return pd.DataFrame({c: pd.Series(dtype=float if c.startswith("p_") or c == "temperature" else object)
                             for c in ARTICLE_SCORE_COLUMNS})
    weight = paragraph_weights(scored["p_neutral"].to_numpy())
    weighted = scored[_PROBABILITIES].to_numpy(dtype=float) * weight[:, None]
    keys = ["article_id", "country_a", "country_b"]
    # each article and pair, numbered in order of first appearance (as groupby with
    # sort=False), by factorising one key column at a time: a pandas groupby on three
    # string columns cost a batch of one article more than its classifier
    group = np.zeros(len(scored), dtype=np.int64)
    for key in keys:
        codes, uniques = pd.factorize(scored[key], use_na_sentinel=False)
        group, _ = pd.factorize(group * len(uniques) + codes)
    n_groups = int(group.max()) + 1
    # pandas sums by the integer groups as it summed by the keys (with compensated
    # summation: the same bits)
    totals = pd.DataFrame(np.column_stack([weighted, weight])).groupby(group, sort=True).sum().to_numpy()
    probabilities = totals[:, :-1] / totals[:, -1:]
    _, first = np.unique(group, return_index=True)
    # one frame built at once: pandas inserts a column at a time slowly
    columns = {key: scored[key].array.take(first) for key in keys}
    columns["label"] = pd.array(decide_labels(probabilities), dtype=scored["label"].dtype)
    columns["temperature"] = temperature_of(probabilities)
    columns.update((column, probabilities[:, j]) for j, column in enumerate(_PROBABILITIES))
    columns["n_paragraphs"] = np.bincount(group, minlength=n_groups).astype("int64")
    return pd.DataFrame(columns)[ARTICLE_SCORE_COLUMNS]


class Batch(NamedTuple):
    """What :func:`score_batches` yields for one batch of articles."""

    paragraphs: pd.DataFrame
    mentions: pd.DataFrame
    scored: pd.DataFrame
    done: int  # articles read so far


def score_batches(articles, model, batch_size: int = 500, n_jobs: int = 1):
    """Read and score ``articles`` a batch at a time.

    The sentiment of each sentence is remembered across batches (in each worker
    process, with ``n_jobs``), so repeated text is scored once.

    Parameters
    ----------
    articles : pandas.DataFrame, or iterable of pandas.DataFrame
        As returned by :func:`stance.read_articles`, cut into batches of
        ``batch_size``; or batches of such articles already cut, as
        :func:`stance.iter_articles` yields them, each scored as it comes.
    model : fitted pipeline, or path to a ``.skops`` file, or None for the shipped model
    batch_size : int, default 500
        Articles per batch, for a DataFrame.
    n_jobs : int, default 1
        Worker processes that score batches side by side: 1 scores them in this
        process, -1 uses every core this process may run on. The batches come back in
        their order, with the same numbers as in one process. Each worker starts a
        Python interpreter and receives the model (a second or two), which pays off
        from a few thousand articles. Workers are started with ``spawn``: a script
        that calls this must guard its top level with ``if __name__ == "__main__":``.

    Yields
    ------
    Batch
        The batch's paragraphs, mentions and paragraph scores
        (:data:`PARAGRAPH_SCORE_COLUMNS`); at least one batch, empty for no articles.
    """
    workers = _check_batching(batch_size, n_jobs)
    model = resolve_model(model)  # a path is loaded once, not once per batch
    if isinstance(articles, pd.DataFrame):
        begins = range(0, max(len(articles), 1), batch_size)
        workers = min(workers, len(begins))
        batches = (articles.iloc[begin:begin + batch_size] for begin in begins)
    else:
        batches = iter(articles)
    if workers > 1:
        yield from _score_in_workers(batches, model, workers)
        return
    yield from _score_here(batches, model)


def _score_here(batches, model):
    """:func:`score_batches` in this process."""
    from stance.sentiment import SentimentScorer

    scorer = SentimentScorer()
    done = 0
    for batch in batches:
        done += len(batch)
        yield Batch(*_score_batch(batch, model, scorer), done)


def _score_batch(articles: pd.DataFrame, model, scorer) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The paragraphs, mentions and paragraph scores of one batch of articles."""
    from stance.mentions import find_mentions
    from stance.pairs import build_pairs
    from stance.paragraphs import split_paragraphs

    with collector_paused():  # not while the caller holds the batch
        paragraphs = split_paragraphs(articles)
        mentions = find_mentions(paragraphs)
        pairs = build_pairs(paragraphs, mentions, scorer=scorer)
        scored = score_pairs(pairs, model)
        # the pair rows hold most of the batch's small tuples: freed now, while the
        # collector is paused, so that its first pass afterwards need not walk them
        # (about 30 ms of the 1.2 s of benchmarks/pipeline_speed.py)
        del pairs
    return paragraphs, mentions, scored


def _check_batching(batch_size, n_jobs) -> int:
    """Check :func:`score_batches`' ``batch_size`` and ``n_jobs`` before any work, and
    return how many processes ``n_jobs`` asks for.

    Raises
    ------
    ValueError
        When either is not a whole number in its range.
    """
    from stance.articles import check_batch_size

    check_batch_size(batch_size)
    return _workers(n_jobs)


def _workers(n_jobs) -> int:
    """How many processes ``n_jobs`` asks for: itself, or every usable core for -1."""
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, (int, np.integer)) or not (n_jobs >= 1 or n_jobs == -1):
        raise ValueError(f"n_jobs must be a whole number of at least 1, or -1 for every core; got {n_jobs!r}")
    if n_jobs == -1:
        import os

        try:
            return len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            return os.cpu_count() or 1
    return int(n_jobs)


@contextmanager
def _interrupts_ignored():
    """Ignore SIGINT (Ctrl-C) for the block, in the main thread, where Python handles
    signals; the processes started meanwhile inherit it."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


# the model and the memory of scored sentences of a worker process
_WORKER: dict = {}


def _start_worker(model: str, size: int) -> None:
    """Set up a worker process of :func:`_score_in_workers`: the model is the pickle of
    ``size`` bytes in the shared memory block named ``model``."""
    import pickle
    import signal
    from multiprocessing.shared_memory import SharedMemory

    from stance.sentiment import SentimentScorer

    # Ctrl-C reaches every process of the terminal's group: the caller stops the pool,
    # and the workers do not each print a traceback (they are born ignoring it when
    # the caller runs in its main thread)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    block = SharedMemory(name=model)
    try:
        data = bytes(block.buf[:size])
    finally:
        block.close()
    _WORKER["model"] = pickle.loads(data)
    _WORKER["scorer"] = SentimentScorer()


def _work(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Score one batch in a worker process."""
    return _score_batch(articles, _WORKER["model"], _WORKER["scorer"])


def _score_in_workers(batches, model, workers: int):
    """:func:`score_batches` over ``workers`` processes, the batches yielded in order.

    At most two batches per worker are handed out ahead of the one yielded, so memory
    grows with the number of workers, not with the input. An input of one batch is
    scored here, with no process started.
    """
    import multiprocessing
    import pickle
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from itertools import islice
    from multiprocessing.shared_memory import SharedMemory

    from stance.errors import StanceError

    ahead = list(islice(batches, 2))
    if len(ahead) < 2:  # one batch, or none: no process to start
        yield from _score_here(ahead, model)
        return
    batches = chain(ahead, batches)
    # the model reaches the workers through a block of shared memory, pickled once
    # (multiprocessing pickles whatever it sends): handed to each worker as it starts,
    # it would be written down a pipe while the worker starts, and a worker that
    # failed to start would leave that write waiting for ever
    payload = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    size = len(payload)
    with ExitStack() as cleanup:  # on an error, or when the caller stops early
        block = SharedMemory(create=True, size=size)
        cleanup.callback(block.unlink)
        cleanup.callback(block.close)
        block.buf[:size] = payload
        del payload
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(block.name, size))
        # the batches not begun are dropped; the pool is shut before the block goes
        cleanup.callback(pool.shutdown, wait=True, cancel_futures=True)
        pending: deque = deque()
        handed = 0  # articles handed out

        def hand_out() -> None:
            nonlocal handed
            batch = next(batches, None)  # reading the next batch may raise: the pool is shut
            if batch is not None:
                pending.append((handed, handed + len(batch), pool.submit(_work, batch)))
                handed += len(batch)

        # the first batches start the workers: they are born ignoring Ctrl-C, which
        # reaches every process of the terminal's group, so that this process alone
        # stops the pool and none of them prints a traceback while it starts
        with _interrupts_ignored():
            for _ in range(2 * workers):
                hand_out()
        while pending:
            first, last, future = pending.popleft()
            try:
                result = future.result()
            except BrokenProcessPool as exc:
                raise StanceError(
                    f"a worker process stopped unexpectedly while scoring articles {first + 1} to "
                    f"{last}: it ran out of memory, was killed, or could "
                    f"not start (a script that scores with n_jobs above 1 must guard its top level with "
                    f"'if __name__ == \"__main__\":', and cannot be read from standard input); with "
                    f"n_jobs=1 stance scores in one process") from exc
            hand_out()
            yield Batch(*result, last)


def score(source, *, model=None, batch_size: int = 500, n_jobs: int = 1, **read_options) -> Scores:
    """Score every paragraph and country pair of some articles.

    Parameters
    ----------
    source : path, list of paths, or pandas.DataFrame
        Files, folders or ``"-"`` for standard input, read with
        :func:`stance.iter_articles`; or an articles DataFrame already read.
    model : fitted pipeline, or path to a ``.skops`` file, optional
        By default the model shipped with stance (see :func:`stance.load_model`).
    batch_size : int, default 500
        Articles read and scored together. The tables returned grow with the input;
        :func:`score_stream` returns them a batch at a time, for inputs too large to
        hold.
    n_jobs : int, default 1
        Worker processes that score batches side by side; -1 for every core (see
        :func:`score_batches`). The scores are the same as in one process.
    **read_options
        Passed to :func:`stance.iter_articles` (``on_error``, ``text_column``, …).

    Returns
    -------
    Scores
        ``paragraphs``: one row per paragraph and pair (:data:`PARAGRAPH_SCORE_COLUMNS`),
        with ``country_a`` < ``country_b`` (ISO3), the label, the temperature from -100
        to +100, the five probabilities and the evidence sentence. ``articles``: one
        row per article and pair (:data:`ARTICLE_SCORE_COLUMNS`). Both carry
        ``attrs["skipped"]``, the inputs skipped with ``on_error="skip"``.

    Raises
    ------
    stance.InputError
        With ``on_error="raise"``, at the first bad file or record (see
        :func:`stance.read_articles`).
    """
    parts, skipped = [], []
    for scored, told in _scored(source, model, batch_size, n_jobs, read_options):
        parts.append(scored)
        skipped += told
    scored = pd.concat(parts, ignore_index=True)
    # pooled over the whole input, so that an article id that a DataFrame repeats in
    # two batches is one article, as it always was
    by_article = aggregate_articles(scored)
    scored.attrs["skipped"] = skipped
    by_article.attrs["skipped"] = list(skipped)
    return Scores(scored, by_article)


def score_stream(source, *, model=None, batch_size: int = 500, n_jobs: int = 1, **read_options):
    """Score some articles a batch at a time, reading the files as they are needed.

    For inputs too large to hold: a folder of a million articles is read file by file,
    a JSON Lines, CSV or TSV file line by line, and only the batches being scored are
    held (other files are read whole: see :func:`stance.iter_articles`). ``stance score -o FILE``
    writes each batch as it comes.

    Parameters
    ----------
    source, model, batch_size, n_jobs, **read_options
        As for :func:`score`.

    Yields
    ------
    Scores
        The two tables of :func:`score` for each batch of articles, in order; joined,
        they are :func:`score`'s tables (each article's paragraphs are in one batch,
        and articles read from files have distinct ids). Both carry
        ``attrs["skipped"]``: the inputs skipped while that batch was read. At least
        one batch.

    Raises
    ------
    stance.InputError
        With ``on_error="raise"``, when the first bad file or record is reached, after
        the batches before it.
    ValueError
        When ``batch_size`` or ``n_jobs`` is out of range: raised by the call, before
        anything is read.
    """
    return _stream(_scored(source, model, batch_size, n_jobs, read_options))


def _stream(scored):
    """The batches of :func:`score_stream`."""
    for paragraphs, skipped in scored:
        by_article = aggregate_articles(paragraphs)
        paragraphs.attrs["skipped"] = skipped
        by_article.attrs["skipped"] = list(skipped)
        yield Scores(paragraphs, by_article)


def _scored(source, model, batch_size: int, n_jobs: int, read_options: dict):
    """Check the arguments and load the model now; then a generator of each batch's
    paragraph scores and what was skipped while it was read."""
    from collections import deque

    from stance.articles import _article_batches

    _check_batching(batch_size, n_jobs)
    model = resolve_model(model)
    articles = _article_batches(source, batch_size, read_options)  # checks the reading options now
    told = deque()  # what was skipped while each batch was read, in their order (workers return scores only)

    def read():
        for batch in articles:
            told.append(list(batch.attrs.get("skipped", [])))
            yield batch

    return ((batch.scored, told.popleft()) for batch in score_batches(read(), model, batch_size, n_jobs))
