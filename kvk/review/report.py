"""kvk diff and kvk log results in words: plain text for the terminal, Markdown for a pull
request description, JSON for programs."""

from __future__ import annotations

from .versions import Comparison, LogEntry, RecordChange
from .semdiff import describe, md_escape

def headline(r: RecordChange, md: bool = False) -> str:
    esc = md_escape if md else (lambda s: s)
    title = getattr(r.new.model if r.new else r.old.model, "tittel", None) if r.kind in ("sak",) else None
    name = esc(r.label) if r.old_label == r.label else f"{esc(r.old_label)} → {esc(r.label)}"
    if md:
        name = f"**{name}**"
    text = f"{name}" + (f" «{esc(title)}»" if title else "")
    if r.status == "renamed":
        text += f" moved {_code(r.old.path, md)} → {_code(r.new.path, md)}"  # type: ignore[union-attr]
    else:
        text += f" {r.status} ({_code(r.path, md)})"
    return text


def _code(path: str, md: bool) -> str:
    return f"`{path}`" if md else path


def render_text(cmp: Comparison) -> str:
    if not cmp.records:
        return f"no records changed since {cmp.base_label}\n"
    lines = [f"{len(cmp.records)} record{'s' * (len(cmp.records) != 1)} changed since {cmp.base_label}", ""]
    for r in cmp.records:
        lines.append(headline(r))
        for a in r.alerts:
            lines.append(f"  !! {a.code} {a.message}")
        lines += _change_lines(r, "  - ")
    return "\n".join(lines) + "\n"


def _change_lines(r: RecordChange, bullet: str, md: bool = False) -> list[str]:
    if r.status in ("added", "removed"):
        return []
    if not r.changes:
        return [f"{bullet}no change in content (layout or comments only)"] if r.status == "changed" else []
    return [bullet + describe(c, "md" if md else "text") for c in r.changes]


def render_md(cmp: Comparison) -> str:
    lines = [f"### Records changed since {cmp.base_label.replace('(', '(`').replace(')', '`)')}", ""]
    if not cmp.records:
        return "\n".join(lines + ["No records changed.", ""])
    alerts = [a for r in cmp.records for a in r.alerts]
    if alerts:
        lines += ["> [!CAUTION]", "> **Approved minutes changed.** Approved minutes may only change with a "
                  "recorded correction (`rettelser`):"]
        lines += [f"> - `{a.path}`: {a.code} {a.message}" for a in alerts]
        lines.append("")
    for status, heading in (("renamed", "Moved"), ("changed", "Changed"), ("added", "Added"), ("removed", "Removed")):
        group = [r for r in cmp.records if r.status == status]
        if not group:
            continue
        lines += [f"**{heading}**", ""]
        for r in group:
            flag = " ⚠️ **approved minutes**" if r.alerts else ""
            lines.append(f"- {headline(r, md=True)}{flag}")
            lines += _change_lines(r, "  - ", md=True)
        lines.append("")
    return "\n".join(lines)


def render_json(cmp: Comparison) -> dict:
    return {"base": cmp.base, "base_label": cmp.base_label, "records": [r.to_json() for r in cmp.records]}


def render_log_text(path: str, entries: list[LogEntry]) -> str:
    lines = []
    for e in entries:
        c = e.commit
        lines.append(f"commit {c.sha[:10]}  {c.date[:16].replace('T', ' ')}  {c.author} <{c.email}>")
        lines.append(f"    {c.subject}")
        if e.problem:
            lines.append(f"  ! does not load in this commit: {e.problem}")
        elif e.change is not None:
            r = e.change
            lines.append("  " + headline(r))
            for a in r.alerts:
                lines.append(f"  !! {a.code} {a.message}")
            lines += _change_lines(r, "  - ")
        lines.append("")
    return "\n".join(lines)


def render_log_json(path: str, entries: list[LogEntry]) -> dict:
    return {"path": path, "commits": [{
        "sha": e.commit.sha, "author": e.commit.author, "email": e.commit.email, "date": e.commit.date,
        "subject": e.commit.subject, "problem": e.problem,
        "change": e.change.to_json() if e.change else None,
    } for e in entries]}
