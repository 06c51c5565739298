"""kvk diff and kvk log results in words: plain text for the terminal, Markdown for a pull
request description, JSON for programs."""

from __future__ import annotations

from .public import describe_public, public_text, public_title
from .versions import Comparison, LogEntry, RecordChange
from .semdiff import describe, md_escape


def headline(r: RecordChange, md: bool = False, public: bool = False) -> str:
    esc = md_escape if md else (lambda s: s)
    model = r.new.model if r.new else r.old.model
    title = None
    if r.kind in ("sak",):
        title = public_title(model) if public else getattr(model, "tittel", None)
    # a label names a meeting by its body, whose name is text that may hold a [[skjermet]] span
    label, old_label = (public_text(r.label), public_text(r.old_label)) if public else (r.label, r.old_label)
    name = esc(label) if old_label == label else f"{esc(old_label)} → {esc(label)}"
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


def render_text(cmp: Comparison, public: bool = False) -> str:
    if not cmp.records:
        return f"no records changed since {cmp.base_label}\n"
    lines = [f"{len(cmp.records)} record{'s' * (len(cmp.records) != 1)} changed since {cmp.base_label}", ""]
    for r in cmp.records:
        lines.append(headline(r, public=public))
        for a in r.alerts:
            lines.append(f"  !! {a.code} {a.message}")
        lines += _change_lines(r, "  - ", public=public)
    return "\n".join(lines) + "\n"


def _change_lines(r: RecordChange, bullet: str, md: bool = False, public: bool = False) -> list[str]:
    if r.status in ("added", "removed"):
        return []
    if not r.changes:
        return [f"{bullet}no change in content (layout or comments only)"] if r.status == "changed" else []
    style = "md" if md else "text"
    if public:
        old, new = (r.old.model if r.old else None), (r.new.model if r.new else None)
        return [bullet + describe_public(c, old, new, style) for c in r.changes]
    return [bullet + describe(c, style) for c in r.changes]


def render_md(cmp: Comparison, public: bool = True) -> str:
    """Markdown for a pull request or a CI run's summary: public-safe unless told otherwise."""
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
            lines.append(f"- {headline(r, md=True, public=public)}{flag}")
            lines += _change_lines(r, "  - ", md=True, public=public)
        lines.append("")
    return "\n".join(lines)


def render_json(cmp: Comparison, public: bool = False) -> dict:
    return {"base": cmp.base, "base_label": cmp.base_label, "public": public,
            "records": [_record_json(r, public) for r in cmp.records]}


def _record_json(r: RecordChange, public: bool) -> dict:
    data = r.to_json()
    if not public:
        return data
    from .public import public_change

    old, new = (r.old.model if r.old else None), (r.new.model if r.new else None)
    changes = []
    for c in r.changes:
        safe = public_change(c, old, new)
        changes.append({"path": c.dotted, "change": c.kind, "withheld": safe} if isinstance(safe, str)
                       else safe.to_json())
    data["changes"] = changes
    data["record"] = public_text(data["record"])
    if data.get("old_record"):
        data["old_record"] = public_text(data["old_record"])
    data["title"] = public_title(new or old) if r.kind == "sak" else None
    return data


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
