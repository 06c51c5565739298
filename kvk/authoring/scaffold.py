"""``kvk init``: a new, empty records repository.

The files it writes are one list, :data:`FILES`; a later feature (a pre-commit configuration, a
CI workflow behind an option) adds an entry, with a ``when`` condition on :class:`Settings` if
it is optional, rather than a new code path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .. import layout
from ..diagnostics import UsageError, WriteError
from ..io import git as gitutil
from ..io.files import check_writable, write_text
from ..layout import CONFIG_FILE
from ..models.schema import SCHEMA_DIR, modeline, schema_files
from .ci_files import github_workflow, pre_commit_config
from .lines import Lines


@dataclass(frozen=True)
class Settings:
    organisasjon: str
    maalform: str = "nb"
    ci: str | None = None  # "github": also write a GitHub Actions workflow


def _config(s: Settings) -> str:
    out = Lines(modeline(CONFIG_FILE, "kvk"))
    out.comment("The records repository's settings. 'kvk check' validates everything under data/.")
    out.field("organisasjon", s.organisasjon, "the name on letterheads")
    out.field("maalform", s.maalform, "nb (bokmål) or nn (nynorsk): the default for documents")
    out.field("innstilling_plassering", "slutt", "where a saksframlegg prints the innstilling: topp, slutt or begge")
    return out.text()


ORGANISATION = """\
# People and the bodies (utvalg) they sit in. Every id is a short slug: lower-case letters,
# digits and '-'. Records refer to people and bodies by these ids.
#
# personer:
#   - id: kari-nordmann
#     navn: Kari Nordmann
#     tittel: Rådmann              # stilling, printed under signatures
#     part: administrasjon         # folkevalgt, administrasjon, tillitsvalgt or annet
#   - id: ola-hansen
#     navn: Ola Hansen
#     part: folkevalgt
#     representerer: Ap
#
# utvalg:
#   - id: formannskapet
#     navn: Formannskapet
#     type: formannskap            # kommunestyre, formannskap, utvalg, styringsgruppe, …
#     medlemmer:
#       - {person: ola-hansen, rolle: leder}
#       - {person: kari-nordmann, rolle: sekretaer}
personer: []
utvalg: []
"""

TEMPLATES_README = """\
# Templates

kvk renders documents (saksframlegg, sakskart, referat) with its built-in Jinja templates. To
change one for this repository, copy the built-in file of the same name into this folder and
edit the copy: a file here replaces the built-in template of that name, and every template you
do not copy keeps working as shipped.

Templates are sandboxed and strict: a variable that does not exist is an error, not a blank.
"""

GITIGNORE = """\
# rendered documents and editor leftovers; records and schemas are committed
/out/
*.tmp
.*.yaml.*.tmp
__pycache__/
.DS_Store
"""

KEEP = "# keeps this folder in git until it holds its first record\n"

Producer = Callable[[Settings], str]


@dataclass(frozen=True)
class ScaffoldFile:
    path: str  # relative to the new repository
    produce: Producer
    when: Callable[[Settings], bool] = lambda _settings: True


def _fixed(text: str) -> Producer:
    return lambda _settings: text


def _schema(name: str) -> Producer:
    return lambda _settings: schema_files()[name]


#: every file kvk init may write, in order
FILES: list[ScaffoldFile] = [
    ScaffoldFile(CONFIG_FILE, _config),
    ScaffoldFile(layout.ORGANISATION_FILE,
                 lambda _s: modeline(layout.ORGANISATION_FILE, "organisasjon") + ORGANISATION),
    ScaffoldFile(f"{layout.CASES}/.gitkeep", _fixed(KEEP)),
    ScaffoldFile(f"{layout.MEETINGS}/.gitkeep", _fixed(KEEP)),
    ScaffoldFile(f"{layout.INDICATORS}/.gitkeep", _fixed(KEEP)),
    ScaffoldFile(f"{layout.TEMPLATES}/README.md", _fixed(TEMPLATES_README)),
    ScaffoldFile(".gitignore", _fixed(GITIGNORE)),
    ScaffoldFile(".pre-commit-config.yaml", lambda _s: pre_commit_config()),
    ScaffoldFile(".github/workflows/kvk.yml", lambda _s: github_workflow(), when=lambda s: s.ci == "github"),
    *[ScaffoldFile(f"{SCHEMA_DIR}/{name}", _schema(name)) for name in schema_files()],
]


def planned(settings: Settings) -> list[ScaffoldFile]:
    """The files kvk init writes for these settings."""
    return [f for f in FILES if f.when(settings)]


@dataclass
class InitResult:
    root: Path
    written: list[str]
    git_initialised: bool
    git_missing: bool


def init_repository(folder: Path, settings: Settings, *, use_git: bool = True) -> InitResult:
    """Write :data:`FILES` into ``folder``; refuse before writing anything if the folder already
    holds a repository or any of the files."""
    folder = folder.resolve()
    if (folder / CONFIG_FILE).exists():
        raise UsageError(f"{folder} already holds a {CONFIG_FILE}; not touched")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder")
    if not settings.organisasjon.strip():
        raise UsageError("--organisasjon: the organisation needs a name")
    if settings.maalform not in ("nb", "nn"):
        raise UsageError(f"--maalform: '{settings.maalform}' is not nb or nn")
    files = planned(settings)
    taken = [f.path for f in files if (folder / f.path).exists()]
    if taken:
        raise WriteError(f"{folder / taken[0]} already exists; nothing was written (kvk init never overwrites)")
    check_writable(folder)
    contents = [(f.path, f.produce(settings)) for f in files]
    for rel, text in contents:
        write_text(folder / rel, text, root=folder)
    git_missing = use_git and not gitutil.available()
    git_initialised = False
    if use_git and not git_missing and not gitutil.inside_work_tree(folder):
        gitutil.init(folder)
        git_initialised = True
    return InitResult(folder, [rel for rel, _ in contents], git_initialised, git_missing)
