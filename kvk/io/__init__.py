"""Talking to the outside world: YAML text (``yaml``), files (``files``), git (``git``) and the
worker processes (``pool``). Nothing here knows what a case or a meeting is."""
