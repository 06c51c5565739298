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
from ..i18n import N_, _, translator
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
    #: the language of the comments and the templates/ README (kvk.i18n.file_language)
    lang: str = "en"

    @property
    def say(self) -> Callable[[str], str]:
        return translator(self.lang)


def _config(s: Settings) -> str:
    out = Lines(modeline(CONFIG_FILE, "kvk"), s.say)
    out.comment(N_("The records repository's settings. 'kvk check' validates everything under data/."))
    out.field("organisasjon", s.organisasjon, N_("the name on letterheads"))
    out.field("maalform", s.maalform, N_("nb (bokmål) or nn (nynorsk): the default for documents"))
    out.field("innstilling_plassering", "slutt",
              N_("where a saksframlegg prints the innstilling: topp, slutt or begge"))
    return out.text()


#: the commented example of data/organisasjon.yaml: (line, its comment); uncommented, it is valid
EXAMPLE_COLUMN = 35  # the column of the example's own comments, right of the widest line
ORGANISATION_EXAMPLE = (
    ("personer:", ""),
    ("  - id: kari-nordmann", ""),
    ("    navn: Kari Nordmann", ""),
    ("    tittel: Rådmann", N_("stilling, printed under signatures")),
    ("    part: administrasjon", N_("folkevalgt, administrasjon, tillitsvalgt or annet")),
    ("  - id: ola-hansen", ""),
    ("    navn: Ola Hansen", ""),
    ("    part: folkevalgt", ""),
    ("    representerer: Ap", ""),
    ("", ""),
    ("utvalg:", ""),
    ("  - id: formannskapet", ""),
    ("    navn: Formannskapet", ""),
    ("    type: formannskap", N_("kommunestyre, formannskap, utvalg, styringsgruppe, …")),
    ("    medlemmer:", ""),
    ("      - {person: ola-hansen, rolle: leder}", ""),
    ("      - {person: kari-nordmann, rolle: sekretaer}", ""),
)


def _organisation(s: Settings) -> str:
    out = Lines(modeline(layout.ORGANISATION_FILE, "organisasjon"), s.say)
    out.comment(N_("People and the bodies (utvalg) they sit in. Every id is a short slug: lower-case letters,\n"
                   "digits and '-'. Records refer to people and bodies by these ids."))
    out.comment("")
    for line, comment in ORGANISATION_EXAMPLE:
        text = f"# {line}".rstrip()
        out.lines.append(text.ljust(EXAMPLE_COLUMN - 1) + f" # {s.say(comment)}" if comment else text)
    out.field("personer", raw="[]").field("utvalg", raw="[]")
    return out.text()


#: templates/README.md (Markdown, in the repository's language)
TEMPLATES_README = N_("""\
# Templates

kvk renders documents (saksframlegg, sakskart, referat) with its built-in Jinja templates. To
change one for this repository, copy the built-in file of the same name into this folder and
edit the copy: a file here replaces the built-in template of that name, and every template you
do not copy keeps working as shipped.

Templates are sandboxed and strict: a variable that does not exist is an error, not a blank.
""")

GITIGNORE = """\
/out/
*.tmp
.*.yaml.*.tmp
__pycache__/
.DS_Store
"""
GITIGNORE_COMMENT = N_("rendered documents and editor leftovers; records and schemas are committed")

KEEP = N_("keeps this folder in git until it holds its first record")

Producer = Callable[[Settings], str]


@dataclass(frozen=True)
class ScaffoldFile:
    path: str  # relative to the new repository
    produce: Producer
    when: Callable[[Settings], bool] = lambda _settings: True


def _fixed(text: str) -> Producer:
    return lambda _settings: text


def _said(text: str) -> Producer:
    """A text marked with N_, in the settings' language."""
    return lambda settings: settings.say(text)


def _commented(comment: str, text: str = "") -> Producer:
    """``text`` under a comment marked with N_, in the settings' language."""
    return lambda settings: f"# {settings.say(comment)}\n{text}"


def _schema(name: str) -> Producer:
    return lambda _settings: schema_files()[name]


#: every file kvk init may write, in order
FILES: list[ScaffoldFile] = [
    ScaffoldFile(CONFIG_FILE, _config),
    ScaffoldFile(layout.ORGANISATION_FILE, _organisation),
    ScaffoldFile(f"{layout.CASES}/.gitkeep", _commented(KEEP)),
    ScaffoldFile(f"{layout.MEETINGS}/.gitkeep", _commented(KEEP)),
    ScaffoldFile(f"{layout.INDICATORS}/.gitkeep", _commented(KEEP)),
    ScaffoldFile(f"{layout.TEMPLATES}/README.md", _said(TEMPLATES_README)),
    ScaffoldFile(".gitignore", _commented(GITIGNORE_COMMENT, GITIGNORE)),
    ScaffoldFile(".pre-commit-config.yaml", lambda s: pre_commit_config(s.say)),
    ScaffoldFile(".github/workflows/kvk.yml", lambda s: github_workflow(say=s.say), when=lambda s: s.ci == "github"),
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
        raise UsageError(_("{folder} already holds a {file}; not touched").format(folder=folder, file=CONFIG_FILE))
    if folder.exists() and not folder.is_dir():
        raise UsageError(_("{folder} is a file, not a folder").format(folder=folder))
    if not settings.organisasjon.strip():
        raise UsageError(_("--organisasjon: the organisation needs a name"))
    if settings.maalform not in ("nb", "nn"):
        raise UsageError(_("--maalform: '{value}' is not nb or nn").format(value=settings.maalform))
    files = planned(settings)
    taken = [f.path for f in files if (folder / f.path).exists()]
    if taken:
        raise WriteError(_("{path} already exists; nothing was written (kvk init never overwrites)").format(
            path=folder / taken[0]))
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
