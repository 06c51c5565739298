"""kvk check: validate a whole records repository."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated, List, Optional

import typer

from ..i18n import _, ngettext
from .app import NoCacheOption, NoPagerOption, RepoOption, app, emit, handle_errors, open_repo, progress, split_ref


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
@handle_errors
def check(
    paths: Annotated[Optional[List[str]], typer.Argument(
        metavar="[REF] [PATHS]...",
        help="Files or folders to check (default: all of data/). With --changed, the first argument "
             "may be the revision to compare with.", show_default=False)] = None,
    changed: Annotated[bool, typer.Option(
        "--changed", help="Check only records changed since REF (default: where this branch left the "
                          "main branch), including staged and untracked files, and the records that "
                          "refer to them or that they refer to.")] = False,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N", show_default=False,
                                                help="Worker processes (default: one per CPU).")] = None,
    no_cache: NoCacheOption = False,
    repo: RepoOption = None,
) -> None:
    """Validate records and the references between them, like a compiler.

    Every finding is one line, path:line:col: severity CODE message, on standard output; the
    summary goes to standard error (with a progress line before it on a terminal, while many
    files are read). Exit 0 clean, 1 errors, 2 usage or I/O problem.

    What kvk works out from each file is kept in .kvk/cache/ by the file's content, so a second
    check reads and hashes each file instead of parsing it; the checks across records always run.

    Example:

        kvk check

        kvk check data/saker/2008 --format json

        kvk check --changed            # what this branch changed, against main

        kvk check --changed HEAD       # what is not committed yet
    """
    repository = open_repo(repo, no_cache=no_cache)
    scope_note = ""
    if changed:
        from ..check.changed import check_changed
        from ..io.git import Git

        ref, paths = split_ref(paths)
        git = Git.open(repository.root)
        base, base_label = git.base(ref)
        result = check_changed(repository, git, base, base_label, paths or None, jobs=jobs)
        findings, files = result.findings, result.files
        scope_note = (_(", {changed} changed since {base}").format(changed=result.changed, base=base_label)
                      + (_(" (kvk.yaml or the organisation changed, so all were checked)") if result.full
                         else _(" and {related} related").format(related=len(result.related))))
    else:
        from ..check import check_repository

        with progress(_("checking records")) as shown:
            findings, files = check_repository(repository, paths, jobs=jobs, progress=shown)
    errors = sum(1 for f in findings if f.severity.value == "error")
    warnings = sum(1 for f in findings if f.severity.value == "warning")
    if format is CheckFormat.json:
        json.dump({"files": files, "errors": errors, "warnings": warnings,
                   "findings": [f.to_json() for f in findings]}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif format is CheckFormat.github:
        prefix = _workspace_prefix(repository.root)
        for f in findings:
            print(f.format_github(prefix))
    else:
        for f in findings:
            print(f.format())
    # TRANSLATORS: the summary of kvk check, e.g. "12 files checked: 0 errors, 1 warning"
    print(_("{files} checked{scope}: {errors}, {warnings}").format(
        files=ngettext("{n} file", "{n} files", files).format(n=files), scope=scope_note,
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings)), file=sys.stderr)
    raise typer.Exit(1 if errors else 0)


def _workspace_prefix(root) -> str:
    """GitHub places annotations by paths relative to the checkout; a records repository in a
    subfolder of it needs that folder in front of its paths."""
    import os
    from pathlib import Path

    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return ""
    try:
        rel = Path(root).resolve().relative_to(Path(workspace).resolve())
    except ValueError:
        return ""
    return "" if rel == Path(".") else rel.as_posix() + "/"


class CodesFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


@app.command()
@handle_errors
def codes(
    format: Annotated[CodesFormat, typer.Option("--format", "-f", help="text, md (docs/codes.md) or json.")] = CodesFormat.text,
    no_pager: NoPagerOption = False,
) -> None:
    """List every diagnostic code kvk can give, with its severity, meaning and hint.

    Codes never change meaning once released: scripts and CI filters may rely on them.

    Example:

        kvk codes

        kvk codes --format md > docs/codes.md
    """
    from ..diagnostics import CODES, catalogue_markdown

    if format is CodesFormat.md:
        sys.stdout.write(catalogue_markdown())
    elif format is CodesFormat.json:
        json.dump([{"code": c.code, "severity": c.severity.value, "title": c.title, "hint": c.advice(False)}
                   for c in CODES.values()], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        # the list is read by people, in their language; md and json keep the English catalogue
        emit("".join(f"{c.code}  {c.severity.value:<7}  {c.said()}" + (f" (hint: {c.advice()})" if c.hint else "") + "\n"
                     for c in CODES.values()), no_pager)
