"""kvk export: the machine-readable outputs into one folder, built aside and moved into place.

    fiks/      the KS Fiks eInnsyn messages (fiks.py)
    popolo.json  open data (popolo.py)
    kalender/  iCalendar per body and for all, protokoller.atom (feeds.py)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import feeds, fiks, output, popolo
from .source import Published, public_records

WHAT = ("fiks", "popolo", "kalender", "alt")


@dataclass
class Result:
    folder: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)  # meetings whose minutes are a draft: not published

    def to_json(self) -> dict:
        return {"folder": str(self.folder), "written": self.written, "unchanged": self.unchanged,
                "removed": self.removed, "drafts_left_out": self.drafts}


def files(pub: Published, what: str) -> dict[str, bytes]:
    """{relative path: content} of one export; every KS Fiks message validated first."""
    out: dict[str, bytes] = {}
    if what in ("fiks", "alt"):
        for rel, _, message in fiks.messages(pub):
            out[f"fiks/{rel}"] = fiks.dumps(message).encode("utf-8")
    if what in ("popolo", "alt"):
        out["popolo.json"] = (json.dumps(popolo.popolo(pub), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if what in ("kalender", "alt"):
        out.update(feeds.calendars(pub))
        out["kalender/protokoller.atom"] = feeds.atom(pub, link="../moter/{id}.html")
    return out


def drafts(pub: Published) -> list[str]:
    return [m.id for m in pub.meetings() if m.dokumenttype != "innkalling" and not pub.minutes_published(m)]


def write(target: Path, made: dict[str, bytes], pub: Published) -> Result:
    with output.build(target) as out:
        for rel, data in sorted(made.items()):
            out.write(rel, data)
    return Result(folder=out.target, written=sorted(out.written), unchanged=sorted(out.unchanged),
                  removed=out.removed_files, drafts=drafts(pub))


def export(repo: Any, what: str, target: Path) -> Result:
    """Check the repository, build the export ``what`` in memory (validated), then write it."""
    if what not in WHAT:
        raise ValueError(what)
    if what in ("fiks", "alt"):
        fiks.avsender(repo.config)  # refuse before the check, which takes longer
    output.check_replaceable(Path(target).absolute())
    pub = public_records(repo)
    return write(target, files(pub, what), pub)
