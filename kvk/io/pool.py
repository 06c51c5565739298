"""The one process pool: work on many record files spread over the machine's CPUs.

Loading and checking a large archive is CPU-bound Python (YAML events, pydantic), so it runs in
worker processes; a few files are done in this process, where starting workers would cost more
than they save. Work is cut into many small chunks: the last chunk to finish leaves the other
workers idle, so it must be short.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: below this many items, worker processes cost more than they save
PARALLEL_THRESHOLD = 400
#: chunks per worker
CHUNKS_PER_JOB = 32


def default_jobs() -> int:
    return os.cpu_count() or 1


def in_workers(n: int, jobs: int | None = None) -> bool:
    """Will :func:`run` send ``n`` items to worker processes?"""
    jobs = default_jobs() if jobs is None else jobs
    return jobs > 1 and n >= PARALLEL_THRESHOLD


#: items done between two progress reports when working here, in this process
INLINE_STEP = 64

#: ``progress(done, total)``: how many of the items are done; the caller decides what to show
Progress = Callable[[int, int], None]


def run(work: Callable[..., list[R]], items: Sequence[T], *, jobs: int | None = None,
        initializer: Callable[..., None] | None = None, initargs: tuple = (),
        args: tuple = (), progress: Progress | None = None) -> list[R]:
    """``work(chunk, *args)`` over chunks of ``items``, in worker processes when there are many
    items, else here; the results of every chunk, in the order of ``items`` chunk by chunk.

    ``initializer(*initargs)`` runs once in every worker (and here, before working inline): it
    sets up what every chunk needs, such as the organisation. ``progress`` is called with the
    number of items done so far, as chunks finish."""
    jobs = default_jobs() if jobs is None else jobs
    if not in_workers(len(items), jobs):
        if initializer is not None:
            initializer(*initargs)
        if progress is None:
            return work(list(items), *args)
        out: list = []
        for start in range(0, len(items), INLINE_STEP):
            out.extend(work(list(items[start:start + INLINE_STEP]), *args))
            progress(min(start + INLINE_STEP, len(items)), len(items))
        return out
    n = min(len(items), jobs * CHUNKS_PER_JOB)
    chunks = [list(items[i::n]) for i in range(n)]
    return _parallel(work, chunks, jobs, initializer, initargs, args, progress)


def _parallel(work, chunks, jobs, initializer, initargs, args, progress) -> list:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    from .. import i18n

    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    # the findings made in the workers are worded in this command's language, however it was
    # chosen (KVK_LANG, kvk.yaml's maalform, the locale) and whether or not workers are forked
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_start_worker,
                             initargs=(i18n.language(), initializer, initargs)) as pool:
        sizes = {pool.submit(work, chunk, *args): len(chunk) for chunk in chunks if chunk}
        if progress is not None:
            total, done, pending = sum(sizes.values()), 0, set(sizes)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                done += sum(sizes[f] for f in finished)
                progress(done, total)
        out: list = []
        for future in sizes:  # in the order submitted
            out.extend(future.result())
        return out


def _start_worker(language: str, initializer: Callable[..., None] | None, initargs: tuple) -> None:
    from .. import i18n

    i18n.reset(language)
    # for the worker's whole life: it only loads records and dies
    tune_collector()
    if initializer is not None:
        initializer(*initargs)


def tune_collector() -> tuple[Any, ...]:
    """Loading and checking make millions of objects and hardly any garbage cycles, while the
    imported models and schemas, and the records or facts already read, are hundreds of
    thousands of long-lived ones. With the default thresholds the cycle collector keeps
    re-walking those: a tenth of a full check, and two thirds of loading 23,000 records to
    render from. So freeze what exists and collect rarely (as mypy does). Returns the old
    thresholds."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1_000)
    return threshold


_DEPTH = [0]  # fewer_collections() blocks open: only the outermost one restores


@contextmanager
def fewer_collections() -> Iterator[None]:
    """:func:`tune_collector` for the length of a block (blocks may nest)."""
    outermost = _DEPTH[0] == 0
    threshold = tune_collector() if outermost else None
    _DEPTH[0] += 1
    try:
        yield
    finally:
        _DEPTH[0] -= 1
        if outermost:
            # what the block made joins the old generation as it is: with the thresholds back
            # and these objects still young, the next allocation would walk all of them
            gc.freeze()
            gc.set_threshold(*threshold)
            gc.unfreeze()
