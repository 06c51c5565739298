"""The one Jinja environment every document is rendered in (saksframlegg, innkalling, protokoll
and the scorecard): template lookup, Norwegian filters, and the translation of template
failures into one-line messages that name the file and line.

Lookup order: the repository's own ``templates/`` first, then the built-in defaults. The
defaults are also reachable as ``default/<name>`` so that an override can ``{% extends %}`` the
very file it replaces.
"""

from __future__ import annotations

import os
import traceback
from datetime import date, time
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from .. import layout
from ..diagnostics import Diagnostic, TemplateError
from .labels import MONTHS, WEEKDAYS, label

FORMATS = ("md", "html")
DEFAULT_PREFIX = "default"


def builtin_templates() -> Path:
    """The shipped templates: inside the installed package, or the checkout's folder when kvk is
    installed in editable mode (the wheel force-includes ``templates/`` as ``kvk/templates``)."""
    package = Path(__file__).resolve().parent.parent  # kvk/ (a namespace package: no kvk.__file__)
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parent / "templates"


# --- filters: Norwegian forms, independent of the machine's locale ------------------------------

def _as_date(value: Any) -> date:
    if not isinstance(value, date):
        raise TypeError(f"expected a date, got {type(value).__name__}")
    return value


def dato(value: Any) -> str:
    """02.11.2009"""
    d = _as_date(value)
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def dato_lang(value: Any) -> str:
    """30. oktober 2009"""
    d = _as_date(value)
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def dato_full(value: Any, maalform: str = "nb") -> str:
    """fredag 30. oktober 2009"""
    d = _as_date(value)
    return f"{WEEKDAYS[maalform][d.weekday()]} {dato_lang(d)}"


def kl(value: Any) -> str:
    """kl. 13.15 (the period is the official form of the 2008–09 documents)."""
    if not isinstance(value, time):
        raise TypeError(f"expected a time, got {type(value).__name__}")
    return f"kl. {value.hour:02d}.{value.minute:02d}"


def tall(value: Any, desimaler: int = 0, space: str = " ") -> str:
    """10 000 and 10,4: space between thousands, decimal comma."""
    text = f"{float(value):,.{desimaler}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", space)


def prosent(value: Any, desimaler: int = 1, space: str = " ") -> str:
    """10,4 %"""
    return f"{tall(value, desimaler, space)}{space}%"


# --- record Markdown -------------------------------------------------------------------------

_markdown = None


def _md():
    global _markdown
    if _markdown is None:
        from markdown_it import MarkdownIt

        # raw HTML in a record is shown as text, never passed through to the document
        _markdown = MarkdownIt("commonmark", {"html": False})
    return _markdown


def markdown_html(text: str | None) -> Markup:
    return Markup(_md().render(text or ""))


def markdown_html_inline(text: str | None) -> Markup:
    return Markup(_md().renderInline(text or ""))


def _identity(text: Any) -> Any:
    return "" if text is None else text  # a text not stated prints as nothing, never "None"


def _md_cell(text: Any) -> str:
    """A value inside a Markdown table row: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


# --- the environment -------------------------------------------------------------------------

def repository_templates(root: Path | None) -> Path | None:
    return layout.templates_dir(root) if root is not None else None


class RepositoryTemplates(jinja2.BaseLoader):
    """The repository's own templates, read by the records' rule: a link that leads out of the
    repository is refused (KVK007) and only regular files are read (a FIFO would hang, a
    device never end, ``/proc/self/environ`` would land in a public document)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.root = self.folder.parent

    def get_source(self, environment: jinja2.Environment, template: str):
        from ..diagnostics import RecordError
        from ..io.files import read_record

        pieces = jinja2.loaders.split_template_path(template)
        path = self.folder.joinpath(*pieces)
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        display = path.relative_to(self.root).as_posix()
        real = os.path.realpath(path)
        if not Path(real).is_relative_to(os.path.realpath(self.root)):
            raise TemplateError(diagnostics=[Diagnostic.make(
                "KVK007", display, 1, 1, f"the template '{display}' is a link to '{real}', outside the repository; "
                                         "not read")])
        if os.path.isdir(path):
            raise jinja2.TemplateNotFound(template)
        try:
            raw, st = read_record(path, display)  # non-blocking open, regular files only
        except RecordError as err:
            raise TemplateError(diagnostics=[err.diagnostic]) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise TemplateError(diagnostics=[Diagnostic.make(
                "KVK303", display, raw.count(b"\n", 0, err.start) + 1, 1,
                "the template is not UTF-8")]) from None
        mtime = st.st_mtime
        return text, str(path), lambda: os.path.exists(path) and os.path.getmtime(path) == mtime

    def list_templates(self) -> list[str]:
        return sorted(p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*.j2"))


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once and kept in this user's cache folder (``~/.cache/kvk/templates``),
    so a single render does not spend a third of its time compiling the same templates again.

    An entry is found by the template's name and file and by everything of the environment
    that changes the compiled code (its class, its options, the names of its filters and
    tests); Jinja itself stores its own version, Python's, and a hash of the template's source
    in the entry, and compiles afresh when any of them differs, so an edited template is never
    answered from the cache. A truncated or corrupt entry is compiled afresh too. Entries are
    written atomically (:func:`kvk.io.files.write_bytes`). The folder is the user's own, never
    the repository's: an entry is code, and a repository from elsewhere must not be able to
    bring its own (:func:`kvk.io.cache.user_folder`). ``KVK_NO_CACHE=1`` turns it off."""

    def __init__(self, folder: Path, env: jinja2.Environment):
        self.folder = folder
        from .. import __version__

        self.salt = "|".join(map(str, (
            __version__, type(env).__module__, type(env).__qualname__, env.autoescape, env.trim_blocks,
            env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence, env.optimized,
            env.block_start_string, env.variable_start_string, env.comment_start_string,
            sorted(env.extensions), sorted(env.filters), sorted(env.tests))))

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{self.salt}|{name}", filename)

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.jinja"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with open(self._file(bucket), "rb") as f:
                bucket.load_bytecode(f)  # checks Jinja's magic and the source's checksum
        except (OSError, EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from ..diagnostics import KvkError
        from ..io.files import write_bytes

        try:
            write_bytes(self._file(bucket), bucket.bytecode_to_string(), overwrite=True, sync=False)
        except (KvkError, OSError):
            pass  # a cache that cannot be written costs the next run a compilation, nothing more


def compiled_templates(env: jinja2.Environment) -> CompiledTemplates | None:
    from ..io import cache

    if not cache.wanted():
        return None
    folder = cache.user_folder("templates")
    return CompiledTemplates(folder, env) if folder is not None else None


def make_environment(fmt: str, maalform: str, repo_templates: Path | None,
                     profile: Any = None) -> jinja2.Environment:
    """``profile`` (a :class:`kvk.render.profile.Profile`; None: the kvk preset) decides every
    format and label the filters and ``t`` print."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    builtin = str(builtin_templates())
    own = [RepositoryTemplates(repo_templates)] if repo_templates and repo_templates.is_dir() else []
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader({DEFAULT_PREFIX: jinja2.FileSystemLoader(builtin)}),
        *own,
        jinja2.FileSystemLoader(builtin),
    ])
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,  # a missing value is an error, never a blank
        autoescape=fmt == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during one run
    )
    space = "\u00a0" if fmt == "html" else " "  # keep "10 000" and "10,4 %" on one printed line
    if profile is None:
        from .profile import Profile

        profile = Profile.of(None)
    env.filters.update(profile_filters(profile, maalform))
    env.filters.update(
        tall=lambda v, desimaler=0: tall(v, desimaler, space),
        prosent=lambda v, desimaler=1: prosent(v, desimaler, space),
        md=markdown_html if fmt == "html" else _identity,
        md_inline=markdown_html_inline if fmt == "html" else _identity,
        cell=_identity if fmt == "html" else _md_cell,
    )
    env.globals.update(t=lambda key, **values: profile.t(key, maalform, **values), maalform=maalform,
                       profil=profile.as_template_value(), tom=profile.get("tom"),
                       tidsrom=lambda start, slutt: tidsrom(profile, start, slutt),
                       profil_navn=None)  # kvk.render.Renderer names the profile of one of profiler
    env.bytecode_cache = compiled_templates(env)
    return env


def embedder(environment_of: Any, fmt: str) -> Any:
    """``innebygd_dokument(doc)`` for the templates: the minutes ``doc`` of another body rendered
    in that body's own profile and målform (``doc.profil_navn``, ``doc.maalform``), in the
    environment ``environment_of(fmt, maalform, profile name)`` gives, and placed as it is."""
    @jinja2.pass_context
    def innebygd_dokument(context: Any, doc: dict) -> Any:
        env = environment_of(fmt, doc["maalform"], doc["profil_navn"])
        template = env.get_template(f"protokoll.{fmt}.j2")
        text = template.render(doc=doc, public=context.get("public"), brev=context.get("brev"), innebygd=True)
        return Markup(text) if fmt == "html" else text
    return innebygd_dokument


def make_docx_environment() -> jinja2.Environment:
    """The environment docxtpl renders a Word template in: sandboxed, strict, and escaping
    every value (a record's "<" or "&" must reach Word's XML as text, never as markup)."""
    return ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True,
                                         auto_reload=False)


# --- the profile's formats as filters: templates name a role, the profile holds the pattern -----

#: the date roles a template may ask for: {{ d|dato("innkalling") }}
DATE_ROLES = {"dato": "dato", "kort": "dato", "innkalling": "dato_innkalling", "lang": "dato_lang"}


def profile_filters(profile: Any, maalform: str) -> dict[str, Any]:
    from . import formats

    def dato_role(value: Any, role: str = "dato") -> str:
        if role not in DATE_ROLES:
            raise ValueError(f"dato: no date role '{role}' (roles: {', '.join(DATE_ROLES)})")
        if value is None:  # not stated: printed as the profile says (a blank by default)
            return profile.get("tom")
        return formats.fmt_date(_as_date(value), profile.fmt(DATE_ROLES[role]), maalform)

    def klokkeslett(value: Any, prefiks: bool = True) -> str:
        if value is None:
            return profile.get("tom")
        if not isinstance(value, time):
            raise TypeError(f"expected a time, got {type(value).__name__}")
        text = formats.fmt_time(value, profile.fmt("klokkeslett"))
        return f"{profile.fmt('klokkeslett_prefiks')}{text}" if prefiks else text

    def saksnr(value: Any) -> str:
        return formats.fmt_saksnr(str(value), profile.fmt("saksnr")) if value else profile.get("tom")

    def utvalgssaksnr(value: Any, role: str = "overskrift") -> str:
        roles = profile.fmt("utvalgssaksnr")
        if role not in roles:
            raise ValueError(f"utvalgssaksnr: no role '{role}' (roles: {', '.join(roles)})")
        return formats.fmt_item_nr(str(value), roles[role]) if value else ""

    return {
        "dato": dato_role,
        "dato_lang": lambda v: dato_role(v, "lang"),
        "dato_full": lambda v: dato_role(v, "innkalling"),
        "kl": klokkeslett,
        "saksnr": saksnr,
        "utvalgssaksnr": utvalgssaksnr,
    }


def tidsrom(profile: Any, start: Any, slutt: Any) -> str:
    """"kl. 17.00–20.10": the separator only when both ends are stated."""
    from . import formats

    pattern = profile.fmt("klokkeslett")
    prefix = profile.fmt("klokkeslett_prefiks")
    if start is None:
        return f"{prefix}{formats.fmt_time(slutt, pattern)}" if slutt is not None else ""
    if slutt is None:
        return f"{prefix}{formats.fmt_time(start, pattern)}"
    both = profile.fmt("tidsrom").format(start=formats.fmt_time(start, pattern), slutt=formats.fmt_time(slutt, pattern))
    return f"{prefix}{both}"


def _display(filename: str | None, root: Path | None) -> str:
    if not filename:
        return "<template>"
    path = Path(filename).resolve()
    if root is not None and path.is_relative_to(root.resolve()):
        return path.relative_to(root.resolve()).as_posix()
    builtin = builtin_templates().resolve()
    if path.is_relative_to(builtin):
        return f"kvk:templates/{path.relative_to(builtin).as_posix()}"
    return filename


def _template_frame(err: BaseException) -> tuple[str | None, int]:
    """The innermost traceback entry inside a template (Jinja rewrites frames to template lines)."""
    found: tuple[str | None, int] = (None, 0)
    for entry in traceback.extract_tb(err.__traceback__):
        if entry.filename.endswith(".j2"):
            found = (entry.filename, entry.lineno or 0)
    return found


def render_template(env: jinja2.Environment, name: str, root: Path | None, **context: Any) -> str:
    """Render ``name``; any template failure becomes a TemplateError naming file and line."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as err:
        raise _problem("KVK303", err.filename, err.lineno, err.message or str(err), root) from None
    except jinja2.TemplateNotFound as err:
        raise _problem("KVK305", None, 0, f"template '{err.name}' not found", root) from None
    try:
        return template.render(**context)
    except jinja2.TemplateSyntaxError as err:  # an {% include %} or {% extends %} target
        raise _problem("KVK303", err.filename, err.lineno, err.message or str(err), root) from None
    except jinja2.TemplateNotFound as err:
        filename, line = _template_frame(err)
        raise _problem("KVK305", filename, line, f"template '{err.name}' not found", root) from None
    except jinja2.UndefinedError as err:
        filename, line = _template_frame(err)
        raise _problem("KVK304", filename, line, str(err), root) from None
    except jinja2.exceptions.SecurityError as err:
        filename, line = _template_frame(err)
        raise _problem("KVK306", filename, line, f"not allowed in a template: {err}", root) from None
    except RecursionError as err:
        # a template that extends or includes itself, directly or round a circle
        filename, line = _template_frame(err)
        raise _problem("KVK306", filename, line, "the template extends or includes itself (directly or through "
                       "others); it would never end", root) from None
    except (OverflowError, MemoryError) as err:
        filename, line = _template_frame(err)
        raise _problem("KVK306", filename or name, line, f"the template asks for too much: {err}", root) from None
    except (TypeError, ValueError, KeyError, AttributeError, ZeroDivisionError) as err:
        filename, line = _template_frame(err)
        if filename is None:
            raise
        raise _problem("KVK306", filename, line, f"{type(err).__name__}: {err}", root) from None


def _problem(code: str, filename: str | None, line: int | None, message: str, root: Path | None) -> TemplateError:
    message = " ".join(message.split())  # one line, whatever the exception said
    return TemplateError(diagnostics=[Diagnostic.make(code, _display(filename, root), line or 0, 0, message)])
