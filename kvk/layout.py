"""Where everything lives in a records repository: the one module that knows the paths.

Every path a record can have, and the reverse (a path's record kind and the id its name
promises), is decided here; every command finds records through these functions, so a case
written by ``new-case`` is the case ``render-case``, ``log`` and ``check --changed`` look for.

::

    kvk.yaml                                  the repository's settings (its root)
    data/organisasjon.yaml                    the organisation: people and bodies, one file …
    data/organisasjon/*.yaml                  … or a folder of such files (or both)
    data/saker/<år>/<år>-<nr>[-<slug>].yaml   one case per file, named after its saksnr
    data/moter/<år>/<dato>-<utvalg>.yaml      one meeting per file, named after its id
    data/indikatorer/**.yaml                  indicators, measurements and claims
    templates/                                the repository's own templates (optional)
    schemas/                                  JSON Schemas for editors (kvk schema)

All paths here are relative to the repository root and '/'-separated, whatever the system.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .diagnostics import Diagnostic
from .i18n import _

CONFIG_FILE = "kvk.yaml"
DATA = "data"
TEMPLATES = "templates"
SCHEMAS = "schemas"
CASES = f"{DATA}/saker"
MEETINGS = f"{DATA}/moter"
INDICATORS = f"{DATA}/indikatorer"
ORGANISATION_FILE = f"{DATA}/organisasjon.yaml"
ORGANISATION_FOLDER = f"{DATA}/organisasjon"

#: record kinds: a case, a meeting, an indicator file, (part of) the organisation
SAK, MOETE, INDIKATORER, ORGANISASJON = "sak", "moete", "indikatorer", "organisasjon"
KINDS = (ORGANISASJON, SAK, MOETE, INDIKATORER)

#: the top folder (or file) under data/ -> the kind of record it holds
_KIND_OF_TOP = {"saker": SAK, "moter": MOETE, "indikatorer": INDIKATORER,
                "organisasjon": ORGANISASJON, "organisasjon.yaml": ORGANISASJON}
_FOLDER_OF_KIND = {SAK: CASES, MOETE: MEETINGS, INDIKATORER: INDICATORS}
_YAML = (".yaml", ".yml")

#: a case file is named after its saksnr, optionally followed by a slug of its title
#: (2009-0017-budsjett-2010.yaml): two branches that hand out the same number then write two
#: files, which merge cleanly and are reported as a duplicate id, instead of a git conflict
CASE_FILE = re.compile(r"^(?P<year>\d{4})-(?P<seq>\d{4,7})(?:-(?P<slug>[a-z0-9][a-z0-9-]*))?\.ya?ml$")
#: a meeting's id: its date and its body's id; the file is named after it
MEETING_ID = re.compile(r"^(?P<date>(?P<year>\d{4})-\d{2}-\d{2})-(?P<body>[a-z0-9][a-z0-9_-]{0,63})$")
#: a meeting's own id (``id:``, when its date is not stated): any id; one that starts with a year
#: (2013-kommunestyre-39) lives in that year's folder, any other in data/moter/udatert/
MEETING_OWN_ID = re.compile(r"^(?!\d{4}-\d{2}-\d{2}$)(?:(?P<year>\d{4})-)?[a-z0-9][a-z0-9_-]{0,63}$")
UNDATED = "udatert"
_SAKSNR = re.compile(r"^(?P<year>\d{4})/(?P<seq>\d{1,7})$")


# --- path -> kind and id ---------------------------------------------------------------------

def kind_of(rel: str | os.PathLike) -> str | None:
    """What kind of record lives at ``rel``, or None when it is not a place for a record."""
    parts = str(rel).replace(os.sep, "/").split("/")
    if len(parts) < 2 or parts[0] != DATA or not parts[-1].endswith(_YAML):
        return None
    if len(parts) == 2:
        return ORGANISASJON if parts[1] == "organisasjon.yaml" else None
    return _KIND_OF_TOP.get(parts[1])


def is_organisation(rel: str) -> bool:
    """Is ``rel`` (part of) the organisation, which every record may refer to?"""
    return kind_of(rel) == ORGANISASJON


def id_of(rel: str) -> str | None:
    """The id a record file's name promises: data/saker/2009/2009-0017-x.yaml -> 2009/17,
    data/moter/2009/2009-10-30-styringsgruppa.yaml -> 2009-10-30-styringsgruppa."""
    kind = kind_of(rel)
    name = posixpath.basename(str(rel))
    if kind == SAK:
        m = CASE_FILE.match(name)
        if m and int(m["seq"]):
            return f"{int(m['year'])}/{int(m['seq'])}"
    elif kind == MOETE:
        stem = name.rsplit(".", 1)[0]
        # an own id names the file only where that id lives: data/moter/2009/referat.yaml is not
        # meeting 'referat' (which lives in udatert/)
        return stem if MEETING_OWN_ID.match(stem) and meeting_path(stem) == str(rel).replace(os.sep, "/") else None
    return None


# --- cases -------------------------------------------------------------------------------------

def saksnr_parts(saksnr: str) -> tuple[int, int]:
    """'2009/17' -> (2009, 17); the saksnr must already be valid (models parse it)."""
    m = _SAKSNR.match(saksnr)
    if m is None:
        raise ValueError(f"not a saksnr: {saksnr!r}")
    return int(m["year"]), int(m["seq"])


def case_folder(year: int | str) -> str:
    return f"{CASES}/{int(year)}"


def case_file_name(saksnr: str, slug: str = "") -> str:
    year, seq = saksnr_parts(saksnr)
    return f"{year}-{seq:04d}" + (f"-{slug}" if slug else "") + ".yaml"


def case_path(saksnr: str, slug: str = "") -> str:
    """Where case ``saksnr`` is written: its number, then a slug of its title if given."""
    return f"{case_folder(saksnr_parts(saksnr)[0])}/{case_file_name(saksnr, slug)}"


def case_slug(rel: str) -> str:
    """The title slug in a case file's name ('' when it has none)."""
    m = CASE_FILE.match(posixpath.basename(rel))
    return (m["slug"] or "") if m else ""


def is_case_path(saksnr: str, rel: str) -> bool:
    """Is ``rel`` a right place for case ``saksnr`` (as the models write it: 2009/17): its folder
    and number, with or without a slug, the number with at least four digits, as kvk writes it.
    Asked once for every case of a check, so without the regular expression for the saksnr."""
    year, _, seq = saksnr.partition("/")
    folder, _, name = str(rel).rpartition("/")
    if folder != f"{CASES}/{year}":
        return False
    m = CASE_FILE.match(name)
    return (m is not None and m["year"] == year and int(m["seq"]) == int(seq)
            and len(m["seq"]) == max(4, len(seq)))


class Folders:
    """The names in record folders, each folder listed once: a question about many records
    (the cases on a year's agendas) asks about the same few folders again and again. For one
    command's use: a folder listed is not listed again, so make a new one for the next."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._names: dict[str, list[str]] = {}
        self._cases: dict[str, dict[tuple[int, int], list[str]]] = {}

    def names(self, folder: str) -> list[str]:
        names = self._names.get(folder)
        if names is None:
            try:
                names = sorted(os.listdir(self.root / folder))
            except OSError:
                names = []
            self._names[folder] = names
        return names

    def cases(self, folder: str) -> dict[tuple[int, int], list[str]]:
        """(year, sequence number) -> the names of the case files in ``folder`` named for it."""
        found = self._cases.get(folder)
        if found is None:
            found = self._cases[folder] = {}
            for name in self.names(folder):
                m = CASE_FILE.match(name)
                if m:
                    found.setdefault((int(m["year"]), int(m["seq"])), []).append(name)
        return found


def case_files(root: Path, saksnr: str, folders: Folders | None = None) -> list[str]:
    """The files in the repository that may hold case ``saksnr`` (more than one after two
    branches took the same number). ``folders``: listings to reuse across many questions."""
    year, seq = saksnr_parts(saksnr)
    folder = case_folder(year)
    names = (folders or Folders(root)).cases(folder).get((year, seq), ())
    return [f"{folder}/{n}" for n in names if is_case_path(saksnr, f"{folder}/{n}")]


def case_sequence_numbers(root: Path, year: int) -> set[int]:
    """The sequence numbers the year's case files are named after. A file's name follows its
    saksnr (kvk check enforces it, KVK204), so the names are enough: no file is read."""
    try:
        names = os.listdir(Path(root) / case_folder(year))
    except OSError:
        return set()
    found = set()
    for name in names:
        m = CASE_FILE.match(name)
        if m and int(m["year"]) == year:
            found.add(int(m["seq"]))
    return found


def case_years(root: Path) -> list[int]:
    return _numbered_folders(Path(root) / CASES)


# --- meetings ----------------------------------------------------------------------------------

def meeting_id(moetedato_iso: str, body: str) -> str:
    return f"{moetedato_iso}-{body}"


def is_meeting_id(text: str) -> bool:
    """A dated id (2009-10-30-styringsgruppa) or an own id that starts with a year
    (2013-kommunestyre-39); an undated own id is told from a person's or body's id only by its
    file (:func:`meeting_path`)."""
    m = MEETING_OWN_ID.match(text)
    return m is not None and m["year"] is not None


def meeting_body(ident: str) -> str | None:
    """The body id in a dated meeting id; None for a meeting's own id, which need not name it."""
    m = MEETING_ID.match(ident)
    return m["body"] if m is not None else None


def meeting_folder(year: int | str) -> str:
    return f"{MEETINGS}/{int(year)}"


def meeting_path(ident: str) -> str:
    """Where meeting ``ident`` is written: data/moter/<year>/<id>.yaml for an id that starts with
    its year (2009-10-30-styringsgruppa, 2013-kommunestyre-39), data/moter/udatert/<id>.yaml
    for any other."""
    m = MEETING_OWN_ID.match(ident)
    if m is None:
        raise ValueError(f"not a meeting id: {ident!r}")
    folder = meeting_folder(m["year"]) if m["year"] else f"{MEETINGS}/{UNDATED}"
    return f"{folder}/{ident}.yaml"


def meeting_files(root: Path, body: str | None = None) -> list[str]:
    """The meeting files, found by their names (none is read); only ``body``'s when given."""
    found = []
    folders = [meeting_folder(year) for year in _numbered_folders(Path(root) / MEETINGS)]
    for folder in folders + [f"{MEETINGS}/{UNDATED}"]:
        try:
            names = sorted(os.listdir(Path(root) / folder))
        except OSError:
            continue
        for name in names:
            ident = name.rsplit(".", 1)[0] if name.endswith(_YAML) else ""
            if not MEETING_OWN_ID.match(ident) or meeting_path(ident) != f"{folder}/{name}":
                continue
            # an own id need not name its body: found only when all are asked for
            if body is None or meeting_body(ident) == body:
                found.append(f"{folder}/{name}")
    return found


def closest_meeting(root: Path, ident: str) -> str:
    """' (did you mean 'x'?)' naming the meeting whose id is closest to ``ident`` (a misspelt
    body, a date one day off), read off the file names; '' when none is close. (Not for case
    numbers: 2009/513 is as close to 2009/530 as to 2009/512, and a guessed number misleads.)"""
    from .diagnostics import did_you_mean

    return did_you_mean(ident, [i for i in (id_of(rel) for rel in meeting_files(root)) if i])


def _numbered_folders(folder: Path) -> list[int]:
    try:
        return sorted(int(n) for n in os.listdir(folder) if n.isdigit() and len(n) == 4)
    except OSError:
        return []


# --- the organisation, indicators, templates, schemas -----------------------------------------

def organisation_files(root: Path) -> list[str]:
    """The organisation's files: data/organisasjon.yaml, and every file under
    data/organisasjon/ (a large organisation may keep people and bodies apart)."""
    root = Path(root)
    found = [ORGANISATION_FILE] if os.path.lexists(root / ORGANISATION_FILE) else []
    if (root / ORGANISATION_FOLDER).is_dir():
        found += [rel for rel, kind in walk(root, [ORGANISATION_FOLDER], [])]
    return found


def record_folder(kind: str, year: int | None = None) -> str:
    """The folder records of ``kind`` live in (that year's, for cases and meetings)."""
    folder = _FOLDER_OF_KIND[kind]
    return folder if year is None else f"{folder}/{int(year)}"


def templates_dir(root: Path) -> Path:
    return Path(root) / TEMPLATES


def schema_file(kind: str) -> str:
    return f"{SCHEMAS}/{kind}.schema.json"


def schema_link(record_rel: str, kind: str) -> str:
    """The schema of ``kind`` as seen from the folder of ``record_rel`` (a relative link, so
    it works in every clone)."""
    folder = posixpath.dirname(record_rel) or "."
    return posixpath.relpath(schema_file(kind), folder)


# --- walking the record folders ---------------------------------------------------------------

@dataclass(frozen=True)
class Found:
    """Record files found under some paths, and what was found there that is not one."""

    files: list[tuple[str, str]]  # (path, kind)
    stray: list[Diagnostic]


def walk(root: Path, folders: Iterable[str], stray: list[Diagnostic]) -> Iterator[tuple[str, str | None]]:
    """(path, record kind) of the YAML files under each of ``folders`` (relative to ``root``),
    in a stable order. os.walk with plain strings, and the kind worked out once per folder: on
    23,000 files pathlib's rglob costs more than a second. Linked folders are not followed: one
    inside the repository would be read twice, one leading outside is reported (KVK007) into
    ``stray`` and never read."""
    root_s = os.path.normpath(str(root))
    real_root = os.path.realpath(root_s)

    def unreadable(err: OSError) -> None:
        # a folder that cannot be listed is an error, never skipped in silence; one that is
        # not there (a new repository has no data/saker yet) is nothing to report
        if err.errno == errno.ENOENT:
            return
        rel = os.path.relpath(err.filename, root_s).replace(os.sep, "/") if err.filename else "."
        if err.errno == errno.ENOTDIR:
            stray.append(Diagnostic.make("KVK016", rel, 1, 1, _("'{path}' is a file where a folder of records "
                                                               "belongs; nothing in it was read").format(path=rel)))
            return
        stray.append(Diagnostic.make("KVK015", rel, 1, 1, _("cannot read the folder '{path}': {reason}; the records "
                                                           "in it were not read").format(path=rel, reason=err.strerror)))

    for start in folders:
        for here, dirs, names in os.walk(os.path.join(root_s, start) if start != "." else root_s,
                                         onerror=unreadable):
            rel_here = os.path.relpath(here, root_s).replace(os.sep, "/")
            if rel_here == ".":
                dirs[:] = [d for d in dirs if d == DATA]  # records live in data/; not in .git
            dirs.sort()
            prefix = "" if rel_here == "." else rel_here + "/"
            deep = prefix.count("/") > 1
            for name in dirs:
                path = os.path.join(here, name)
                if os.path.islink(path) and not _inside(os.path.realpath(path), real_root):
                    stray.append(outside_link(prefix + name, path))
            # below data/<folder>/ the folder decides the kind; in data/ itself, the file's name
            folder_kind = kind_of(prefix + "x.yaml") if deep else None
            for name in sorted(names):
                if name.endswith(_YAML):
                    rel = prefix + name
                    yield rel, folder_kind if deep else kind_of(rel)
                elif prefix and is_miscased(name):
                    stray.append(miscased(prefix + name))


def is_miscased(name: str) -> bool:
    """A file named like a record but for the case of its extension ('2009-0020.YAML')."""
    return name.lower().endswith(_YAML) and not name.endswith(_YAML)


def miscased(rel: str) -> Diagnostic:
    name = rel.rsplit("/", 1)[-1]
    return Diagnostic.make("KVK017", rel, 1, 1, _("'{path}' is not read: record files end in lower-case '.yaml'").format(
        path=rel), _("rename it to '{name}'").format(name=f"{name[:name.rfind('.')]}.yaml"))


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def outside_link(rel: str, path: str) -> Diagnostic:
    return Diagnostic.make("KVK007", rel.replace(os.sep, "/"), 1, 1, outside_message(rel, os.readlink(path)))


def outside_message(rel: str, target: str) -> str:
    """What a finding says of a link out of the repository (KVK007), a file's or a folder's."""
    return _("'{path}' is a link to '{target}', outside the repository; not read").format(path=rel, target=target)


def leaves(root: Path, path: str) -> bool:
    """Does ``path`` (a folder) resolve to somewhere outside the repository?"""
    return not _inside(os.path.realpath(path), os.path.realpath(str(root)))


def relative(root: Path, path: str | os.PathLike) -> str | None:
    """``path`` (absolute, or relative to the current folder) relative to the root, through
    links in the path if need be (a checkout reached through a linked folder is still inside);
    None when it is outside."""
    absolute = os.path.abspath(path)
    root_s = str(root)
    if absolute.startswith(root_s + os.sep):  # the usual case, without pathlib's cost
        return absolute[len(root_s) + 1:].replace(os.sep, "/")
    if absolute == root_s:
        return "."
    parent = os.path.realpath(os.path.dirname(absolute))
    real_root = os.path.realpath(root_s)
    if _inside(parent, real_root):
        return os.path.relpath(os.path.join(parent, os.path.basename(absolute)), real_root).replace(os.sep, "/")
    return None

