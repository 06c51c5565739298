"""Fault injection, bounded for the normal suite: kill -9 at random moments of every writing
command, concurrent new-case pairs, a full disk (``python -m tests.attack.faults`` for the
local figures)."""

from __future__ import annotations

import os

from ..conftest import needs
from . import faults


def test_kill_9_at_random_moments_leaves_a_state_check_passes_or_names():
    tally = faults.kill_runs(int(os.environ.get("KVK_KILL_RUNS", "24")), seed=int(os.environ.get("KVK_KILL_SEED", "7")))
    assert set(tally.tried) == {f"kill -9 {name}" for name in faults.COMMANDS}
    assert not tally.failed, "\n".join(tally.failures)


def test_concurrent_new_case_pairs_get_two_numbers():
    tally = faults.concurrent_pairs(int(os.environ.get("KVK_PAIRS", "4")))
    assert not tally.failed, "\n".join(tally.failures)


def test_a_full_disk_stops_every_writing_command_cleanly():
    tally, skipped = faults.disk_full()
    if skipped:
        needs(f"a full disk cannot be simulated: {skipped}")
    assert sum(tally.refused.values()) >= len(faults.COMMANDS)  # the disk really was full
    assert not tally.failed, "\n".join(tally.failures)
