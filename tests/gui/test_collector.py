"""gui.collector: with the automatic collection off, the timer's collection frees what the thresholds say."""

from __future__ import annotations

import gc
import weakref

from gui.collector import collect_due


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_cycles_past_the_first_threshold_are_collected_on_the_timer() -> None:
    assert not gc.isenabled()  # off in the window tests, as in the window
    gc.collect()
    assert collect_due() == -1  # nothing due right after a collection
    nodes = [_Node() for _ in range(gc.get_threshold()[0] + 10)]
    watched = weakref.ref(nodes[0])
    del nodes
    assert watched() is not None  # nobody collected it by itself
    assert collect_due() >= 0
    assert watched() is None
