"""The language of kvk's own words on the command line (issue 14, point 5).

    from kvk.i18n import _
    raise UsageError(_("missing {option}").format(option="--tittel"))

Every message, prompt, hint, summary, table header and ``--help`` text is written in English
and marked: ``_()`` translates at once, :func:`N_` only marks a text kept in a constant (it is
translated where it is shown; :func:`NC_` the same with a context), :func:`ngettext` chooses by a number and :func:`pgettext` takes
a context (the record field a value label belongs to). Codes (KVK…), record field names and ids
are never translated.

* **Catalogues.** ``kvk/locale/{nb,nn,en}/LC_MESSAGES/kvk.po`` (English msgids; ``en`` is the
  identity: its entries stay empty), extracted from the source with Babel (``pybabel extract &&
  pybabel update``, configured in pyproject.toml; :mod:`kvk.i18n_extract` also takes the
  ``help=`` texts and the commands' docstrings) and read at run time with the standard
  :mod:`gettext` module.
* **Compiled, never committed.** A built package carries ``kvk.mo`` beside each ``kvk.po``
  (hatch_build.py compiles them). A source or editable checkout compiles a catalogue on first
  use into the user's cache folder (``$XDG_CACHE_HOME/kvk/locale`` or ``~/.cache/kvk/locale``,
  mode 0700), named by the BLAKE2b hash of the ``.po``'s bytes, so an edited ``.po`` is compiled
  again and an old one is never read. Every ``.mo`` carries the hash of its source in its
  header (``X-Kvk-Source-Hash``): a ``.mo`` that does not match its ``.po`` is not used.
* **Lazy.** Choosing the language reads the environment and at most one small file; the
  catalogue is read the first time a text is actually translated.
* **The language**, chosen once per command by :func:`choose`: ``KVK_LANG``, else the
  ``maalform`` of the repository's kvk.yaml, else the locale (``LC_ALL``, ``LC_MESSAGES``,
  ``LANG``), else bokmål.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

#: the languages kvk speaks: bokmål, nynorsk, English
LANGUAGES = ("nb", "nn", "en")
DEFAULT = "nb"
DOMAIN = "kvk"
LOCALE = Path(__file__).resolve().parent / "locale"
#: the header field of a compiled catalogue naming the hash of the .po it was compiled from
SOURCE_HASH = "X-Kvk-Source-Hash"

_ALIASES = {"nb": "nb", "no": "nb", "nob": "nb", "nn": "nn", "nno": "nn", "en": "en", "eng": "en"}
_MAALFORM = re.compile(r"^maalform:[ \t]*['\"]?(nb|nn)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)

_language: str | None = None
_catalogues: dict[str, object] = {}


def normalise(value: str | None) -> str | None:
    """``nb``, ``nn`` or ``en`` for a language or locale name (``nn``, ``nb_NO.UTF-8``,
    ``no_NO``, ``en_GB``), or None for anything else (``C``, ``POSIX``, ``de_DE``, empty)."""
    if not value:
        return None
    head = re.split(r"[._@-]", value.strip().lower(), maxsplit=1)[0]
    return _ALIASES.get(head)


def choose(environ: dict | None = None, start: Path | None = None) -> str:
    """The language of this command: ``KVK_LANG`` (a value kvk does not speak is passed over),
    else the ``maalform`` of the nearest kvk.yaml (``KVK_REPO`` or upward from ``start``), else
    the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set (when it names nb, no, nn or
    en), else bokmål."""
    env = os.environ if environ is None else environ
    chosen = normalise(env.get("KVK_LANG"))
    if chosen:
        return chosen
    maalform = repository_maalform(env, start)
    if maalform:
        return maalform
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return normalise(env[name]) or DEFAULT
    return DEFAULT


def repository_maalform(environ: dict | None = None, start: Path | None = None) -> str | None:
    """The ``maalform`` of the repository's kvk.yaml, read as one line of text (no YAML parser,
    no records: this runs before every command); None outside a repository or without one.
    The repository is found as :func:`kvk.repository.find_root` finds it."""
    env = os.environ if environ is None else environ
    explicit = env.get("KVK_REPO")
    try:
        if explicit:
            candidates = [Path(explicit).expanduser() / "kvk.yaml"]
        else:
            here = (start or Path.cwd()).resolve()
            candidates = [folder / "kvk.yaml" for folder in (here, *here.parents)]
        for config in candidates:
            if config.is_file():
                with open(config, "rb") as handle:
                    text = handle.read(65536).decode("utf-8", "replace")
                found = _MAALFORM.search(text)
                return found.group(1) if found else None
    except OSError:
        pass
    return None


def language() -> str:
    """The language chosen for this command (chosen on first use, until :func:`reset`)."""
    global _language
    if _language is None:
        _language = choose()
    return _language


def reset(lang: str | None = None) -> None:
    """Choose again on next use (each command, each test), or use ``lang`` from now on."""
    global _language
    _language = normalise(lang) if lang else None


def file_language(maalform: str | None, environ: dict | None = None) -> str:
    """The language of the comments in a file kvk writes into a repository (a new case, a new
    meeting, what ``kvk init`` writes): ``KVK_LANG`` when it is set (``KVK_LANG=en`` asks for
    English), else the repository's ``maalform`` (the file is shared by everyone who edits it,
    whatever their own locale), else the language of the command."""
    env = os.environ if environ is None else environ
    return normalise(env.get("KVK_LANG")) or normalise(maalform) or language()


def translator(lang: str) -> Callable[[str], str]:
    """``_()`` in the language ``lang`` rather than the command's (for a file's comments)."""
    return catalogue(lang).gettext


def _(message: str) -> str:
    """``message`` (English, the catalogues' msgid) in the user's language."""
    return catalogue().gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogues without translating it: for texts kept in constants
    and translated with ``_()`` where they are shown."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` for the catalogues (translated with :func:`pgettext`)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for the number ``n``."""
    return catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the context ``context`` (the same English word can need two Norwegian ones)."""
    return catalogue().pgettext(context, message)


def catalogue(lang: str | None = None):
    """The :class:`gettext.GNUTranslations` of ``lang`` (default: :func:`language`), read once."""
    lang = lang or language()
    found = _catalogues.get(lang)
    if found is None:
        found = _catalogues[lang] = _load(lang)
    return found


def po_file(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def source_hash(po: bytes) -> str:
    import hashlib

    return hashlib.blake2b(po, digest_size=16).hexdigest()


def _load(lang: str):
    import gettext
    import io

    po = po_file(lang)
    try:
        source = po.read_bytes()
    except OSError:
        return gettext.NullTranslations()  # a broken installation: English rather than no kvk
    key = source_hash(source)
    for mo in (po.with_suffix(".mo"), user_cache_dir() / "locale" / f"{lang}-{key}.mo"):
        try:
            translations = gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
        except (OSError, ValueError, UnicodeDecodeError):  # missing, unreadable or not a catalogue
            continue
        if translations.info().get(SOURCE_HASH.lower()) == key:
            return translations
    data = compile_po(source)
    _keep(user_cache_dir() / "locale", f"{lang}-{key}.mo", data)
    return gettext.GNUTranslations(io.BytesIO(data))


def compile_po(source: bytes) -> bytes:
    """A .po file's bytes compiled to .mo bytes with Babel, the source's hash in the header.
    A fuzzy entry is left out (it is not a translation yet), as msgfmt does."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(source))
    messages = list(catalog)
    # the header entry comes first: Babel's Catalog keeps only the header fields it knows, so
    # the source's hash is added to the header's text as the catalogue is written
    messages[0].string = messages[0].string.rstrip("\n") + f"\n{SOURCE_HASH}: {source_hash(source)}\n"

    class Written:  # what write_mo reads of a catalogue: its messages and its charset
        charset = catalog.charset

        def __iter__(self):
            return iter(messages)

    out = io.BytesIO()
    write_mo(out, Written(), use_fuzzy=False)
    return out.getvalue()


def user_cache_dir() -> Path:
    """kvk's folder in the user's cache: ``$XDG_CACHE_HOME/kvk``, else ``~/.cache/kvk``."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "kvk"


#: how a compiled catalogue is written to the user's cache: kvk.io.files (the one writer) sets
#: it when it is imported. This module lies below every layer (any of them may mark a message),
#: so it cannot import the writer; without one the catalogue is compiled again next time.
keeper: Callable[[Path, bytes], None] | None = None


def _keep(folder: Path, name: str, data: bytes) -> None:
    """Keep a compiled catalogue in the user's cache (atomically, 0700 folders); a cache that
    cannot be written is no reason to fail: the catalogue is compiled again next time."""
    if keeper is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.is_symlink() or folder.parent.is_symlink():
            return
        keeper(folder / name, data)
    except Exception:  # noqa: BLE001 - a read-only home, a full disk: compiled again next time
        pass
