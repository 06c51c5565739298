"""Semantic diff of two versions of one record, phrased for a reviewer.

Two loaded models of the same kind are compared field by field, after normalisation: a date
written ``30.10.2009`` in one version and ``2009-10-30`` in the other is no change, and neither
is a moved comment or re-wrapped YAML. Lists of things with a natural key (agenda items by
number, participants by person, saksgang by body) are aligned on that key, so inserting an item
does not show every later item as changed. Long text is shown as a word diff.

The result is a list of :class:`FieldChange`; :func:`describe` words one for people, e.g.
``saksgang: Formannskapet 2009-11-12 → 2009-11-19`` or ``punkt 2: vedtak added``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, time
from typing import Any, Callable

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..models.periods import Period

#: text longer than this (or spanning lines) is compared word by word
LONG_TEXT = 60
#: words of unchanged context kept on each side of a change in a word diff
CONTEXT_WORDS = 6

Loc = tuple  # ('saker', 1, 'vedtak'): where the value sits in the record (new version if any)


@dataclass
class FieldChange:
    kind: str  # added | removed | changed
    loc: Loc  # position in the new version (the old one for removals)
    labels: tuple[str, ...]  # reviewer names of the list items on the way: ("punkt 2",)
    field: str  # dotted field path after the last list item: "vedtak.tekst"; "" for a whole item
    old: Any = None  # plain values: str, dict or list
    new: Any = None
    words: list[tuple[str, str]] | None = None  # word diff: ("=", "…"), ("-", "…"), ("+", "…")
    renamed_item: bool = False  # old/new are the names of a list item whose naming fields changed

    @property
    def where(self) -> str:
        head = ", ".join(self.labels)
        # 'vedtak.tekst' is what people call the vedtak: the text is the thing itself
        field = self.field.removesuffix(".tekst")
        if head and field:
            return f"{head}: {field}"
        return head or field

    @property
    def dotted(self) -> str:
        """Machine path: saker[1].vedtak.tekst (list indices in the new version)."""
        out = ""
        for part in self.loc:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out

    def to_json(self) -> dict:
        data = {"path": self.dotted, "where": self.where, "change": self.kind}
        if self.old is not None:
            data["old"] = self.old
        if self.new is not None:
            data["new"] = self.new
        if self.renamed_item:
            data["renamed_item"] = True
        if self.words is not None:
            data["words"] = [list(w) for w in self.words]
        return data


# --- plain values ---------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A model as nested dicts, lists and display strings; empty values and defaults are left
    out, so that an omitted field, an empty one and one set to its default compare equal."""
    if isinstance(value, BaseModel):
        out: dict[str, Any] = {}
        for name, info in type(value).model_fields.items():
            raw = getattr(value, name)
            if info.default is not PydanticUndefined and raw == info.default:
                continue  # 'status: A' written out or left to its default is the same record
            v = plain(raw)
            if v is not None:
                out[info.alias or name] = v
        return out or None
    if isinstance(value, (list, tuple)):
        items = [plain(v) for v in value]
        return items or None
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, time):
        return value.strftime("%H.%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (int, Period)):
        return str(value)
    if value is None or value == "":
        return None
    return str(value)


# --- list alignment keys and item names -----------------------------------------------------

Names = Callable[[str, str], str]  # (kind 'body'|'person', id) -> display name


def _no_names(kind: str, ident: str) -> str:
    return ident


def _get(item: Any, *keys: str) -> str:
    if not isinstance(item, dict):
        return ""
    return " ".join(str(item[k]) for k in keys if isinstance(item.get(k), str))


#: list field -> (alignment key, fields that make up the item's name)
KEYED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "saksgang": (("utvalg",), ("utvalg", "moetedato")),
    "behandlinger": (("utvalg",), ("utvalg", "moetedato")),
    "saker": (("nr",), ("nr",)),
    "deltakere": (("person",), ("person",)),
    "stemmer": (("person",), ("person",)),
    "medlemmer": (("person",), ("person",)),
    "signatur": (("person", "navn"), ("person", "navn")),
    "personer": (("id",), ("id",)),
    "utvalg": (("id",), ("id",)),
    "indikatorer": (("id",), ("id",)),
    "maalinger": (("indikator", "periode", "omfang"), ("indikator", "periode", "omfang")),
    "paastander": (("indikator", "kilde"), ("indikator", "kilde")),
    "rettelser": (("dato", "av"), ("dato", "av")),
    "vedlegg": (("tittel",), ("nr", "tittel")),
    "seksjoner": (("type", "overskrift"), ("type", "overskrift")),
    "underpunkter": (("tittel",), ("tittel",)),
    "forslag": (("id",), ("id", "fremmet_av")),
    "votering": (("over",), ("over",)),
    "inhabil_i": (("sak",), ("sak",)),
    "maal": (("periode",), ("periode",)),
}


def _key(list_name: str, item: Any) -> Any:
    spec = KEYED.get(list_name)
    if spec and isinstance(item, dict):
        key = tuple(item.get(k) for k in spec[0])
        if any(k is not None for k in key):
            return key
    return repr(item)  # no natural key: equal items align, changed ones pair up by position


def item_label(list_name: str, item: Any, index: int, names: Names = _no_names) -> str:
    """How a reviewer names an element of a list: "punkt 2", "Formannskapet 2009-11-12"."""
    if not isinstance(item, dict):
        return f"{list_name} #{index + 1}"
    if list_name in ("saksgang", "behandlinger"):
        return f"{names('body', item.get('utvalg', '?'))} {item.get('moetedato', '')}".strip()
    if list_name == "saker":
        return f"punkt {item.get('nr', index + 1)}"
    if list_name in ("deltakere", "stemmer", "medlemmer"):
        return names("person", item.get("person", "?"))
    if list_name == "signatur":
        return names("person", item["person"]) if "person" in item else item.get("navn", "?")
    if list_name == "personer":
        return item.get("navn") or item.get("id", "?")
    if list_name == "utvalg":
        return item.get("navn") or item.get("id", "?")
    if list_name == "indikatorer":
        return f"indikator {item.get('id', '?')}"
    if list_name == "maalinger":
        return f"måling {_get(item, 'indikator', 'periode', 'omfang')}"
    if list_name == "rettelser":
        return f"rettelse {_get(item, 'dato')} ({item.get('av', '?')})"
    if list_name == "vedlegg":
        return f"vedlegg {item['nr']}" if "nr" in item else f"vedlegg «{item.get('tittel', '?')}»"
    if list_name == "seksjoner":
        return item.get("overskrift") or item.get("type", "?")
    if list_name == "underpunkter":
        return f"«{item.get('tittel', '?')}»"
    if list_name == "forslag" and "id" in item:
        return f"forslag {item['id']}"
    if list_name == "inhabil_i":
        return f"inhabil i {item.get('sak', '?')}"
    return f"{list_name} #{index + 1}"


# --- the diff -------------------------------------------------------------------------------


def diff_values(old: Any, new: Any, names: Names = _no_names) -> list[FieldChange]:
    """Every change from ``old`` to ``new`` (plain values, see :func:`plain`)."""
    out: list[FieldChange] = []
    _diff(old, new, (), (), (), names, out)
    return out


def diff_models(old: BaseModel | None, new: BaseModel | None, names: Names = _no_names) -> list[FieldChange]:
    return diff_values(plain(old) if old is not None else None, plain(new) if new is not None else None, names)


def _diff(old: Any, new: Any, loc: Loc, labels: tuple, fields: tuple, names: Names,
          out: list[FieldChange]) -> None:
    if old == new:
        return
    where = ".".join(fields)
    if isinstance(old, list) or isinstance(new, list):  # a list appearing or emptied: item by item
        _diff_list(old or [], new or [], loc, labels, fields, names, out)
        return
    if old is None:
        out.append(FieldChange("added", loc, labels, where, new=new))
        return
    if new is None:
        out.append(FieldChange("removed", loc, labels, where, old=old))
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for k in [*old, *(k for k in new if k not in old)]:
            _diff(old.get(k), new.get(k), loc + (k,), labels, fields + (k,), names, out)
        return
    if isinstance(old, str) and isinstance(new, str) and _long(old, new):
        out.append(FieldChange("changed", loc, labels, where, old, new, word_diff(old, new)))
        return
    out.append(FieldChange("changed", loc, labels, where, old, new))


def _diff_list(old: list, new: list, loc: Loc, labels: tuple, fields: tuple, names: Names,
               out: list[FieldChange]) -> None:
    name = fields[-1] if fields else ""
    where = ".".join(fields)
    if not any(isinstance(x, dict) for x in (*old, *new)):  # a list of texts or ids
        _diff_scalar_list(old, new, loc, labels, where, out)
        return
    matcher = difflib.SequenceMatcher(None, [_key(name, x) for x in old], [_key(name, x) for x in new],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2), strict=False)) if op in ("equal", "replace") else []
        for i, j in pairs:
            _diff_item(name, old[i], new[j], i, j, loc, labels, fields, names, out)
        for i in range(i1 + len(pairs), i2):
            out.append(FieldChange("removed", loc, labels, where, old=_labelled(name, old[i], i, names)))
        for j in range(j1 + len(pairs), j2):
            out.append(FieldChange("added", loc + (j,), labels, where, new=_labelled(name, new[j], j, names)))


def _labelled(name: str, item: Any, index: int, names: Names) -> Any:
    """An added or removed list item, shown by its name with its content."""
    naming = KEYED.get(name, ((), ()))[1]
    rest = {k: v for k, v in item.items() if k not in naming} if isinstance(item, dict) else None
    return {"item": item_label(name, item, index, names), "value": item, "details": rest or None}


def _diff_item(name: str, old: Any, new: Any, i: int, j: int, loc: Loc, labels: tuple, fields: tuple,
               names: Names, out: list[FieldChange]) -> None:
    if old == new:
        return
    label_old, label_new = item_label(name, old, i, names), item_label(name, new, j, names)
    inner: list[FieldChange] = []
    _diff(old, new, loc + (j,), labels + (label_new,), (), names, inner)
    naming = KEYED.get(name, ((), ()))[1]
    # a change only to what names the item reads best as the item renamed:
    # "saksgang: Formannskapet 2009-11-12 → 2009-11-19"
    if label_old != label_new and naming and all(
            c.kind == "changed" and c.field in naming for c in inner):
        out.append(FieldChange("changed", loc + (j,), labels, ".".join(fields), label_old, label_new,
                               renamed_item=True))
        return
    out.extend(inner)


def _diff_scalar_list(old: list, new: list, loc: Loc, labels: tuple, where: str, out: list[FieldChange]) -> None:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(range(i1, i2), range(j1, j2), strict=False)) if op == "replace" else []
        for i, j in pairs:
            words = word_diff(old[i], new[j]) if isinstance(old[i], str) and isinstance(new[j], str) \
                and _long(old[i], new[j]) else None
            out.append(FieldChange("changed", loc + (j,), labels, f"{where}[{j + 1}]", old[i], new[j], words))
        for i in range(i1 + len(pairs), i2):
            out.append(FieldChange("removed", loc + (i,), labels, where, old=old[i]))
        for j in range(j1 + len(pairs), j2):
            out.append(FieldChange("added", loc + (j,), labels, where, new=new[j]))


def _long(a: str, b: str) -> bool:
    return len(a) > LONG_TEXT or len(b) > LONG_TEXT or "\n" in a or "\n" in b


_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level edit script from ``old`` to ``new``: ("=", text), ("-", text), ("+", text),
    with long unchanged stretches shortened to a few words on each side of a change."""
    # a block scalar's final newline is layout, not content
    a, b = _TOKEN.findall(old.strip()), _TOKEN.findall(new.strip())
    ops: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            ops.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", "".join(b[j1:j2])))
    return _trim(ops)


def _trim(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out = []
    for n, (op, text) in enumerate(ops):
        if op != "=":
            out.append((op, text))
            continue
        words = _TOKEN.findall(text)
        keep = CONTEXT_WORDS * 2  # tokens: a word and the space after it
        first, last = n == 0, n == len(ops) - 1
        if first and len(words) > keep:
            text = "…" + "".join(words[-keep:])
        elif last and len(words) > keep:
            text = "".join(words[:keep]) + "…"
        elif not first and not last and len(words) > 2 * keep + 1:
            text = "".join(words[:keep]) + " … " + "".join(words[-keep:])
        out.append(("=", text))
    return out


# --- words for people -----------------------------------------------------------------------


def short(value: Any, limit: int = 80) -> str:
    """A one-line rendering of a plain value."""
    if _is_item(value):
        return value["item"]
    if isinstance(value, dict) and set(value) == {"tekst"}:
        return short(value["tekst"], limit)
    if isinstance(value, dict):
        text = "; ".join(f"{k}: {short(v, limit)}" for k, v in value.items())
    elif isinstance(value, list):
        text = ", ".join(short(v, limit) for v in value)
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _renamed(old: str, new: str) -> str:
    """'Formannskapet 2009-11-12' → 'Formannskapet 2009-11-19' is shown as
    'Formannskapet 2009-11-12 → 2009-11-19': the new name without the words it shares in front."""
    a, b = old.split(" "), new.split(" ")
    same = 0
    while same < min(len(a), len(b)) - 1 and a[same] == b[same]:
        same += 1
    return " ".join(b[same:])


def words_text(words: list[tuple[str, str]], style: str = "text") -> str:
    """A word diff in one line: ``[-old-]{+new+}`` (git's style) or Markdown ``~~old~~ **new**``."""
    parts = []
    for op, text in words:
        text = " ".join(text.split()) if op == "=" else text.strip()
        if op == "=":
            parts.append(md_escape(text) if style == "md" else text)
        elif style == "md":
            parts.append(f"~~{md_escape(text)}~~" if op == "-" else f"**{md_escape(text)}**")
        else:
            parts.append(f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
    joined = ""
    for p in parts:
        joined += p if not joined or joined.endswith(" ") or p.startswith(" ") else " " + p
    return " ".join(joined.split())


def md_escape(text: str) -> str:
    return re.sub(r"([\\`*_~\[\]<>|])", r"\\\1", text)


def _is_item(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"item", "value", "details"}


def describe(change: FieldChange, style: str = "text") -> str:
    """One line for a reviewer: ``punkt 2: vedtak added: Saken utsettes.``"""
    esc = md_escape if style == "md" else (lambda s: s)
    where = esc(change.where) if change.where else "(the record)"
    if change.kind == "added":
        value = change.new
        if _is_item(value):
            details = f" ({esc(short(value['details']))})" if value["details"] else ""
            return f"{where}: {esc(value['item'])} added{details}"
        return f"{where} added: {esc(short(value))}"
    if change.kind == "removed":
        value = change.old
        if _is_item(value):
            return f"{where}: {esc(value['item'])} removed"
        return f"{where} removed (was: {esc(short(value))})"
    if change.words is not None:
        return f"{where}: {words_text(change.words, style)}"
    if change.renamed_item:
        return f"{where}: {esc(change.old)} → {esc(_renamed(change.old, change.new))}"
    return f"{where}: {esc(short(change.old))} → {esc(short(change.new))}"


def summary(label: str, changes: list[FieldChange]) -> str:
    """All changes to one record in one line: ``Sak 2009/17: vedtak added; saksgang: …``."""
    return f"{label}: " + "; ".join(describe(c) for c in changes) if changes else f"{label}: no change in content"
