"""``kvk show ID``: one record with its references resolved to names.

The id says which file to read (a saksnr its case's files, a meeting id its file, a person or a
body the organisation), so showing a record costs the same in a small and in a large archive.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import PydanticCustomError

from .. import layout
from ..diagnostics import UsageError, did_you_mean
from ..models.common import parse_saksnr
from ..models.references import BODY, PERSON, references
from ..repository import Broken, Directory, Record, Repository, Scope
from .listing import body_name, person_name


def _as_saksnr(ident: str) -> str | None:
    try:
        return parse_saksnr(ident)
    except PydanticCustomError:
        return None


def _prune(value: Any) -> Any:
    """Drop empty values: a record shown to a person lists what is there."""
    if isinstance(value, dict):
        out = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def resolved(directory: Directory, model) -> dict:
    """The model as plain data, people and bodies by name."""
    data = model.model_dump(mode="json", by_alias=True)
    names = {PERSON: person_name, BODY: body_name}
    for target, value, loc in references(model):
        name = names.get(target)
        if name is None:
            continue
        node = data
        try:
            for part in loc[:-1]:
                node = node[part]
            node[loc[-1]] = name(directory, value)
        except (KeyError, IndexError, TypeError):  # a field dumped differently: keep the id
            continue
    return _prune(data)


def show(repo: Repository, ident: str) -> tuple[str, str, dict]:
    """(kind, path, resolved record) for a saksnr, meeting id, person id or body id."""
    ident = ident.strip()
    saksnr = _as_saksnr(ident)
    if saksnr is not None:
        return _one(repo, layout.case_files(repo.root, saksnr), "case", saksnr)
    if layout.is_meeting_id(ident):
        path = layout.meeting_path(ident)
        if (repo.root / path).exists():
            return _one(repo, [path], "meeting", ident)
        # only a meeting that is not there is compared with every other meeting's id
        return _one(repo, [], "meeting", ident, layout.closest_meeting(repo.root, ident))
    index = repo.load(Scope.organisation(), on_broken=Broken.FAIL, jobs=1).index()
    directory = Directory.of(r.model for r in index.records)
    if ident in index.people:
        rec, _, person = index.people[ident][0]
        data = resolved(directory, person)
        data["medlem_av"] = [{"utvalg": b.navn, "rolle": m.rolle} for _, _, b in index.all("bodies")
                             for m in b.medlemmer if m.person == ident]
        return "person", rec.path, _prune(data)
    if ident in index.bodies:
        rec, _, body = index.bodies[ident][0]
        data = resolved(directory, body)
        data["moeter"] = sorted(layout.id_of(p) for p in layout.meeting_files(repo.root, ident))
        return "body", rec.path, _prune(data)
    if layout.MEETING_OWN_ID.match(ident) and (repo.root / layout.meeting_path(ident)).exists():
        # a meeting's own id without a year (data/moter/udatert/): told from other ids by its file
        return _one(repo, [layout.meeting_path(ident)], "meeting", ident)
    close = did_you_mean(ident, [*index.people, *index.bodies])
    raise UsageError(f"nothing has the id '{ident}'" + (close or " (a saksnr 2009/17, a meeting id "
                     "2009-10-30-styringsgruppa, a person id or a body id)"))


def _one(repo: Repository, files: list[str], what: str, ident: str, close: str = "") -> tuple[str, str, dict]:
    if not files:
        raise UsageError(f"no {what} {ident} in this repository{close}")
    if len(files) > 1:
        raise UsageError(f"{what} {ident} is claimed by {' and '.join(files)} (run kvk check)")
    loaded = repo.load(Scope.files(files), on_broken=Broken.FAIL, jobs=1)
    record: Record = next(r for r in loaded.records if r.path == files[0])
    return what, record.path, resolved(loaded.directory, record.model)
