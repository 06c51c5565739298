"""kvk cache: what kvk keeps in .kvk/cache/, and clearing it."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer

from ..i18n import _, ngettext

from .app import RepoOption, app, handle_errors, open_repo

cache_app = typer.Typer(
    help="The cache in .kvk/cache/: what kvk worked out from each record file, kept by the file's "
         "content (a changed file is always read again). Safe to delete at any time.\n\n"
         "Example:\n\n    kvk cache info\n\n    kvk cache clear",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None)
app.add_typer(cache_app, name="cache")


class Format(str, Enum):
    text = "text"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


@cache_app.command("clear")
@handle_errors
def clear(format: FormatOption = Format.text, repo: RepoOption = None) -> None:
    """Delete the cache; the next command reads every file again (and fills it anew).

    Example:

        kvk cache clear
    """
    repository = open_repo(repo)
    cleared = repository.clear_cache()
    if format is Format.json:
        json.dump({"cleared": cleared}, sys.stdout)
        sys.stdout.write("\n")
    else:
        print(_("cache cleared") if cleared else _("no cache to clear"))


@cache_app.command("info")
@handle_errors
def info(format: FormatOption = Format.text, repo: RepoOption = None) -> None:
    """Where the cache is, and how many files and bytes it holds.

    Example:

        kvk cache info --format json
    """
    repository = open_repo(repo)
    folder, packs, size = repository.cache_info()
    if format is Format.json:
        json.dump({"folder": folder, "packs": packs, "bytes": size}, sys.stdout)
        sys.stdout.write("\n")
    else:
        print(f"{folder}: " + ngettext("{n} pack", "{n} packs", packs).format(n=packs) + f", {size / 1024:.0f} KiB")
