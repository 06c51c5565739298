"""kvk diff and kvk log: records compared across git versions, in words a reviewer reads."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated, List, Optional

import typer

from ..i18n import _

from .app import NoPagerOption, RepoOption, app, emit, handle_errors, open_repo, progress, split_ref


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


class LogFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
@handle_errors
def diff(
    args: Annotated[Optional[List[str]], typer.Argument(
        metavar="[REF] [-- PATHS]...",
        help="The revision to compare the working tree with (default: where this branch left the main "
             "branch), then files or folders to limit the diff to.", show_default=False)] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="text, md (for a pull request "
                                                                      "description) or json.")] = DiffFormat.text,
    public: Annotated[Optional[bool], typer.Option(
        "--public/--internal", help="public: never quote exempt (skjermet) text or a reason for absence, for a "
                                    "pull request or a CI summary; internal: everything. [default: public for md, "
                                    "internal for text and json]", show_default=False)] = None,
    no_pager: NoPagerOption = False,
    repo: RepoOption = None,
) -> None:
    """Show which cases, meetings and indicators changed since REF, field by field.

    Old and new values are shown side by side, long text as a word diff ([-removed-]{+added+}),
    a moved file as a rename. Approved minutes changed without a rettelser entry are flagged
    first, in capitals on standard error. Staged, unstaged and untracked files all count.

    Example:

        kvk diff

        kvk diff main -- data/moter

        kvk diff origin/main --format md > pr-body.md

        kvk diff main --public
    """
    from ..io.git import Git
    from ..review.report import render_json, render_md, render_text
    from ..review.versions import compare

    repository = open_repo(repo)
    ref, paths = split_ref(args)
    git = Git.open(repository.root)
    base, base_label = git.base(ref)
    with progress(_("comparing records")) as shown:
        result = compare(repository, git, base, base_label, paths or None, progress=shown)
    # the alerts first: a pager would hide what is printed before it until it quits
    alerts = [a for r in result.records for a in r.alerts]
    for a in alerts:
        print("kvk: " + _("WARNING: APPROVED MINUTES CHANGED: {change}").format(change=a.format()), file=sys.stderr)
    if public is None:
        public = format is DiffFormat.md  # Markdown goes to pull requests: public unless asked
    if format is DiffFormat.json:
        json.dump(render_json(result, public=public), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif format is DiffFormat.md:
        sys.stdout.write(render_md(result, public=public))
    else:
        emit(render_text(result, public=public), no_pager)


@app.command()
@handle_errors
def log(
    ident: Annotated[str, typer.Argument(metavar="ID", help="A saksnr (2009/17), a meeting id "
                                                           "(2009-10-30-styringsgruppa) or a record file.")],
    format: Annotated[LogFormat, typer.Option("--format", "-f", help="text or json.")] = LogFormat.text,
    no_pager: NoPagerOption = False,
    repo: RepoOption = None,
) -> None:
    """Show the history of one record: every commit that touched it, newest first.

    For each commit: author, date, message and what it changed in the record, field by field.
    The record is followed back through renames (a renumbered case keeps its history).

    Example:

        kvk log 2008/1001

        kvk log 2009-10-30-styringsgruppa --format json
    """
    from ..io.git import Git
    from ..review.report import render_log_json, render_log_text
    from ..review.versions import history

    repository = open_repo(repo)
    git = Git.open(repository.root)
    path, entries = history(repository, git, ident)
    if format is LogFormat.json:
        json.dump(render_log_json(path, entries), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        emit(render_log_text(path, entries), no_pager)
