"""Checking records, like a compiler: every record against its model (at loading), each record
with the rules of its kind, and the records against each other.

* :mod:`.engine` — the whole check, and the facts pass across records;
* :mod:`.facts` — what one record contributes, computed where it is loaded;
* :mod:`.rules` — the rules, small registered functions, one or a few codes each;
* :mod:`.subset` — checking chosen files with their related records as context;
* :mod:`.changed` — ``kvk check --changed``: what a branch touched and what that can break.
"""

from .engine import check_repository

__all__ = ["check_repository"]
