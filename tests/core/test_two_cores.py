"""services.core.two_cores: the same results, in the same order, wherever the work was done."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.core import two_cores
from services.core.two_cores import map_on_two_cores, produced_on_second_core

needs_fork = pytest.mark.skipif(sys.platform != "linux", reason="fork only on Linux")


@pytest.fixture(autouse=True)
def _fork_allowed(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite's process may run other threads (the window tests' Qt): the fork is allowed all the same
    here, where the work is pure; what can_fork() itself says is tested on its own."""
    if request.node.name != "test_with_another_thread_running_no_fork_is_made":
        monkeypatch.setattr(two_cores, "can_fork", lambda: sys.platform == "linux")


def _square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


@needs_fork
def test_the_second_half_is_worked_out_by_another_process_in_order() -> None:
    items = list(range(1000))
    out = map_on_two_cores(_square_and_pid, items, min_items=10)
    assert [v for v, _ in out] == [x * x for x in items]
    pids = [p for _, p in out]
    assert set(pids[:500]) == {os.getpid()}
    assert len(set(pids[500:])) == 1 and pids[500] != os.getpid()


def test_a_short_list_stays_in_this_process() -> None:
    out = map_on_two_cores(_square_and_pid, list(range(100)), min_items=1000)
    assert out == [(x * x, os.getpid()) for x in range(100)]


def test_with_another_thread_running_no_fork_is_made() -> None:
    if sys.platform == "linux" and len(os.listdir("/proc/self/task")) == 1:
        assert two_cores.can_fork()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        out = map_on_two_cores(_square_and_pid, list(range(100)), min_items=10)
        assert not two_cores.can_fork()
    finally:
        stop.set()
        other.join()
    assert {p for _, p in out} == {os.getpid()}


class _FailsInChild:
    def __init__(self) -> None:
        self.parent = os.getpid()

    def __call__(self, x: int) -> int:
        if os.getpid() != self.parent:
            raise MemoryError("plus de mémoire")
        return x + 1


@needs_fork
def test_a_child_that_fails_leaves_the_work_to_this_process() -> None:
    out = map_on_two_cores(_FailsInChild(), list(range(200)), min_items=10)
    assert out == [x + 1 for x in range(200)]


class _DiesInChild(_FailsInChild):
    def __call__(self, x: int) -> int:
        if os.getpid() != self.parent:
            os._exit(9)  # killed: nothing sent back
        return x + 1


@needs_fork
def test_a_child_that_dies_leaves_the_work_to_this_process() -> None:
    out = map_on_two_cores(_DiesInChild(), list(range(200)), min_items=10)
    assert out == [x + 1 for x in range(200)]


@needs_fork
def test_an_error_of_the_work_itself_is_raised_as_without_the_second_core() -> None:
    def fails_on_150(x: int) -> int:
        if x == 150:
            raise ValueError("ligne 150")
        return x

    with pytest.raises(ValueError, match="ligne 150"):  # the child's half: done again here, same error
        map_on_two_cores(fails_on_150, list(range(200)), min_items=10)
    with pytest.raises(ValueError, match="ligne 150"):
        map_on_two_cores(fails_on_150, list(range(200)), min_items=1000)


@needs_fork
def test_progress_moves_to_the_whole_and_cancel_stops_the_child() -> None:
    seen: list[int] = []
    map_on_two_cores(_square_and_pid, list(range(1000)), seen.append, every=100, min_items=10)
    assert seen == list(range(0, 1000, 200))  # both halves move together

    class Cancel(Exception):
        pass

    def cancel_at_400(done: int) -> None:
        if done >= 400:
            raise Cancel

    before = {t.pid for t in multiprocessing.active_children()}
    with pytest.raises(Cancel):
        map_on_two_cores(_square_and_pid, list(range(1000)), cancel_at_400, every=100, min_items=10)
    assert {t.pid for t in multiprocessing.active_children()} == before


def _made(n: int) -> Iterator[tuple[int, int]]:
    for i in range(n):
        yield i, os.getpid()


@needs_fork
def test_items_made_by_the_other_core_arrive_in_order() -> None:
    with produced_on_second_core(lambda: _made(50), size=10**6) as items:
        got = list(items)
    assert [i for i, _ in got] == list(range(50))
    assert {p for _, p in got} != {os.getpid()}


def test_little_work_is_made_here() -> None:
    with produced_on_second_core(lambda: _made(5), size=10) as items:
        assert list(items) == [(i, os.getpid()) for i in range(5)]


@needs_fork
def test_a_producer_that_fails_halfway_is_taken_over_from_where_it_stopped() -> None:
    parent = os.getpid()

    def make() -> Iterator[int]:
        for i in range(10):
            if i == 4 and os.getpid() != parent:
                raise OSError("disque plein")
            yield i

    with produced_on_second_core(make, size=10**6) as items:
        assert list(items) == list(range(10))


@needs_fork
def test_leaving_early_stops_the_producer() -> None:
    before = {p.pid for p in multiprocessing.active_children()}
    with pytest.raises(KeyError), produced_on_second_core(lambda: _made(10**6), size=10**6) as items:
        for i, _ in items:
            if i == 3:
                raise KeyError("Annulé")
    assert {p.pid for p in multiprocessing.active_children()} == before


@needs_fork
def test_what_was_printed_before_the_fork_is_printed_once() -> None:
    """`import --json` into a pipe: text waiting in the buffer at the fork must not come out twice."""
    code = (
        "from services.core.two_cores import map_on_two_cores, produced_on_second_core\n"
        "print('avant')\n"
        "map_on_two_cores(abs, list(range(100)), min_items=10)\n"
        "with produced_on_second_core(lambda: iter(range(5)), size=10**6) as items:\n"
        "    list(items)\n"
        "print('après')\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert out.stdout == "avant\naprès\n"


@needs_fork
@pytest.mark.parametrize("which", ["map", "produce"])
def test_a_child_whose_parent_is_killed_ends_too(which: str) -> None:
    """kill -9 of the command (a power cut, the task manager) leaves no process behind: the child's sends
    find nobody to read them and it ends."""
    code = (
        "import os, sys, time\n"
        "from services.core.two_cores import map_on_two_cores, produced_on_second_core\n"
        "parent = os.getpid()\n"
        "def slow_here(x):\n"
        "    if os.getpid() == parent:\n"
        "        time.sleep(0.01)\n"
        "    return 'x' * 10_000\n"
        "def make():\n"
        "    for i in range(1000):\n"
        "        yield 'y' * 100_000\n"
        "print('prêt', flush=True)\n"
        f"if {which!r} == 'map':\n"
        "    map_on_two_cores(slow_here, list(range(2000)), min_items=10)\n"
        "else:\n"
        "    with produced_on_second_core(make, size=10**6) as items:\n"
        "        for _ in items:\n"
        "            time.sleep(10)\n"
    )
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "prêt\n"
        time.sleep(1.5)  # the child has made its part and waits to send it
        children = _children(proc.pid)
        assert children, "the child was not started"
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 10
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(c) for c in children)
    finally:
        proc.kill()


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(c) for c in f.read().split()]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False
