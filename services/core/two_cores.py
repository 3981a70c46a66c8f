"""Pure work on both of a workstation's cores (issue 17: the import's cleaning and writing).

    results = map_on_two_cores(clean, rows)  # == [clean(r) for r in rows], in order
    with produced_on_second_core(make) as items:  # the items of make(), worked out by the other core
        for item in items: ...                     # while this one uses them (writes them)

map_on_two_cores: the second half is worked out by a forked child process, which inherits the function and the items as
they are in memory (nothing is sent to it), and sends its results back pickled; meanwhile this process
works out the first half. produced_on_second_core: a forked child runs the generator and sends each
item as soon as it is made. Fork is taken only where it is safe: on Linux, from a process that runs one
thread (the command line; Linux's count of the process's threads, Qt's native ones included). The
window's import runs in a thread, where a fork could inherit a lock another thread holds: there, and
anywhere the child cannot start or fails, the work is done here, the same way — the results never depend
on where they were worked out.

`func` and `make` must be pure (no database, no file written, no shared state changed): the child's
changes to anything are lost with it. make() must give the same items each time it is called (when the
child stops halfway, the rest is made here from where it stopped).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from itertools import islice
from multiprocessing.connection import Connection
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, starting a process costs more than it saves (a fork and 100,000 cleaned rows
# sent back pickled: 0.3 s).
MIN_ITEMS = 20_000


def can_fork() -> bool:
    """Linux, and this process runs one thread: Python's own and the native ones (Qt's) alike; not when
    WEBLEADS_ONE_CORE is set (a machine whose second core is busy elsewhere; the benchmark's comparison)."""
    if sys.platform != "linux" or threading.active_count() != 1 or os.environ.get("WEBLEADS_ONE_CORE"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def map_on_two_cores(
    func: Callable[[T], R],
    items: Sequence[T],
    progress: Callable[[int], object] | None = None,
    every: int = 5000,
    min_items: int | None = None,
) -> list[R]:
    """[func(x) for x in items], the second half worked out by a forked child when that is safe.

    `progress(done)` is called here every `every` items (the child's half is counted as moving with this
    one's); an exception it raises (Cancel) stops the work and the child."""
    if len(items) < (MIN_ITEMS if min_items is None else min_items) or not can_fork():
        return _here(func, items, 0, progress, every, 1)
    middle = len(items) // 2
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_second_half, args=(func, items, middle, sending, receiving), daemon=True)
    try:
        child.start()
    except OSError as exc:  # no process left, no memory to fork
        log.info("second cœur indisponible : %s", exc)
        receiving.close()
        sending.close()
        return _here(func, items, 0, progress, every, 1)
    sending.close()  # the child's end: receiving sees EOF if the child dies
    try:
        first = _here(func, items[:middle], 0, progress, every, 2)
        second = _received(receiving)
    except BaseException:  # Cancel, or func failing on this half: the child's half is not wanted
        child.terminate()
        raise
    finally:
        receiving.close()
        child.join()
    if second is None or len(second) != len(items) - middle:
        return [*first, *_here(func, items[middle:], middle, progress, every, 1)]
    return [*first, *second]


def _here(
    func: Callable[[T], R],
    items: Sequence[T],
    offset: int,
    progress: Callable[[int], object] | None,
    every: int,
    scale: int,
) -> list[R]:
    if progress is None:
        return [func(x) for x in items]
    out = []
    for i, x in enumerate(items):
        if i % every == 0:
            progress(offset + i * scale)
        out.append(func(x))
    return out


def _second_half(
    func: Callable[[Any], Any], items: Sequence[Any], middle: int, sending: Connection, receiving: Connection
) -> None:
    receiving.close()  # the parent's end, inherited: kept open here, a send would wait forever if it dies
    try:
        sending.send([func(x) for x in items[middle:]])
    except BaseException as exc:  # told to the parent, which then works it out itself
        _tell(sending, f"{type(exc).__name__}: {exc}")
    finally:
        sending.close()


def _tell(sending: Connection, what: object) -> None:
    """The child's failure, told to the parent if it is still there (else the child just ends)."""
    with suppress(OSError):
        sending.send(what)


def _received(receiving: Connection) -> list[Any] | None:
    try:
        answer = receiving.recv()
    except (EOFError, OSError) as exc:  # the child died (killed, out of memory)
        log.warning("le second cœur s'est arrêté (%s) : travail refait ici", exc)
        return None
    if isinstance(answer, str):
        log.warning("le second cœur a échoué (%s) : travail refait ici", answer)
        return None
    return answer


@contextmanager
def produced_on_second_core(make: Callable[[], Iterator[T]], size: int) -> Iterator[Iterator[T]]:
    """The items make() yields, in order, made by a forked child while this process uses them (each sent
    as soon as it is made; the child is at most one item ahead). `size`: how much work (rows) they hold,
    below MIN_ITEMS made here. Leaving the block stops the child."""
    if size < MIN_ITEMS or not can_fork():
        yield make()
        return
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_produce, args=(make, sending, receiving), daemon=True)
    try:
        child.start()
    except OSError as exc:
        log.info("second cœur indisponible : %s", exc)
        receiving.close()
        sending.close()
        yield make()
        return
    sending.close()
    try:
        yield _consumed(make, receiving)
    finally:
        receiving.close()
        if child.is_alive():
            child.terminate()  # left early (an error, Cancel): its items are not wanted
        child.join()


def _produce(make: Callable[[], Iterator[Any]], sending: Connection, receiving: Connection) -> None:
    receiving.close()  # the parent's end, inherited: kept open here, a send would wait forever if it dies
    try:
        for item in make():
            sending.send(("item", item))
        sending.send(("done", None))
    except BaseException as exc:  # told to the parent, which then makes the rest itself
        _tell(sending, ("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sending.close()


def _consumed(make: Callable[[], Iterator[T]], receiving: Connection) -> Iterator[T]:
    n = 0
    while True:
        try:
            kind, item = receiving.recv()
        except (EOFError, OSError) as exc:  # the child died (killed, out of memory)
            log.warning("le second cœur s'est arrêté (%s) : suite faite ici", exc)
            break
        if kind == "done":
            return
        if kind == "error":
            log.warning("le second cœur a échoué (%s) : suite faite ici", item)
            break
        n += 1
        yield item
    yield from islice(make(), n, None)
