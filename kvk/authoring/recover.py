"""``kvk recover``: finish what an interrupted writing command left half done."""

from __future__ import annotations

from ..i18n import _
from ..io import lock, transaction
from ..repository import Repository


def recover(repo: Repository) -> list[str]:
    """Clear a write lock whose process is gone, finish an interrupted change to several files
    (KVK018) and remove the temporary files interrupted writes left. Returns what was done
    (nothing on a repository that needs nothing)."""
    done = []
    if lock.clear_stale(repo.root):
        done.append(_("removed the write lock {lock}, left by a kvk command that is no longer running").format(
            lock=f"{lock.STATE_FOLDER}/{lock.LOCK_NAME}"))
    with lock.write_lock(repo.root, "kvk recover"):
        done += transaction.recover(repo.root)
    return done
