"""The presentation profile, resolved: the preset's value for every key, overridden by what the
repository's ``kvk.yaml`` writes under ``presentasjon:`` (see ``kvk.models.config`` for the keys
and docs/rendering.md for what each does).

The ``kvk`` preset renders exactly what kvk rendered before profiles existed, so a repository
that writes no profile sees no change.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, RepositoryError, did_you_mean
from ..i18n import _
from .labels import LABELS, label

#: every key with the kvk preset's value; the other presets change some of them
KVK: dict[str, Any] = {
    "formater": {
        "dato": "dd.mm.yyyy",
        "dato_innkalling": "ukedag d. mmmm yyyy",
        "dato_lang": "d. mmmm yyyy",
        "klokkeslett": "HH.MM",
        "klokkeslett_prefiks": "kl. ",
        "tidsrom": "{start}–{slutt}",
        "saksnr": None,  # as recorded
        "utvalgssaksnr": {"overskrift": None, "sakliste": None, "saksgang": None, "i_tekst": None},
        "sted_dato": "{sted}, {dato}",
    },
    "etiketter": {"nb": {}, "nn": {}},
    "fraser": {"nb": {}, "nn": {}},  # kvk's sentences: the labels of the same keys
    "tom": "",
    "brevhode": {"versaler": False, "dokumentnavn_versaler": True},
    "protokoll": {"blokker": ["refs", "tittel", "moetedata", "deltakere", "merknader", "dokumenter_utdelt",
                              "saker", "signatur"], "saksdokumenter": False},
    "saksprotokoll": {"blokker": None},  # None: protokoll.blokker
    "innkalling": {"blokker": ["tittel", "moetedata", "innkalling_tekst", "saksliste", "saker", "signatur"],
                   "saksdokumenter": False, "saksdokumenter_overskrift": "naar_innhold", "kopi": "linje"},
    "saksframlegg": {"blokker": ["brevhode", "saksgang", "felt", "tittel", "innstilling_topp", "vedlegg", "seksjoner",
                                 "avgjoeres_av", "klageadgang", "innstilling_slutt", "behandlinger"],
                     "felt": ["saksbehandler", "arkivkode", "arkivsaksnr", "dato"],
                     "behandling_blokker": ["behandling", "forslag", "votering", "vedtak", "status"],
                     "saksgang": "tabell", "saksgang_overskrift": None,
                     "saksgang_kolonner": ["utvalgssaksnr", "utvalg", "moetedato"],
                     "innstilling_plassering": "slutt"},
    "sak": {"overskrift": "{nr}: {tittel}", "nummerering": "som_skrevet",
            "blokker": ["hode", "inhabile", "tekst", "droefting", "underpunkter", "behandling", "forslag",
                        "votering", "vedtak", "status", "oppfoelging"],
            "hode": ["arkivsaksnr"]},
    "deltakere": {"form": "linje", "kolonner": ["navn", "funksjon", "representerer"], "antall": "nei",
                  "grupper": None, "overskrift": None},
    "votering": {"setning": "kort", "partier": False},
    "saksliste": {"kolonner": ["nr", "arkivsaksnr", "tittel"], "grupper": None, "form": "tabell",
                  "underoverskrift": None},
    "signatur": {"tekst": "etter_navn"},
}

#: the other presets, as changes to kvk's values
CHANGES: dict[str, dict[str, Any]] = {
    "kvk": {},
    # a political møteprotokoll: attendance tables per group, head count, natural vote sentences
    # with the parties' votes, item headings "PS 30/09 Title" (Verdal, Tvedestrand, Nesset)
    "tabell": {
        "formater": {"klokkeslett": "HH:MM", "klokkeslett_prefiks": "", "tidsrom": "{start}-{slutt}"},
        "protokoll": {"blokker": ["refs", "moetedata", "deltakere", "antall", "merknader", "dokumenter_utdelt",
                                  "saker", "signatur"]},
        "innkalling": {"blokker": ["moetedata", "innkalte", "innkalling_tekst", "saksliste", "saker",
                                   "signatur"]},
        "sak": {"overskrift": "{nr} {tittel}", "hode": ["arkivsaksnr", "saksbehandler"]},
        "deltakere": {"form": "tabell", "antall": "til_stede"},
        "votering": {"setning": "naturlig", "partier": True},
    },
    # a form-style møtebok: letterhead in capitals, short numbers (14/1277, 030/14), the sakliste
    # inside the minutes, the vedtak before the discussion, every head row (Gloppen, Austrheim)
    "skjema": {
        "formater": {"klokkeslett": "HH:MM", "klokkeslett_prefiks": "", "tidsrom": "{start}-{slutt}",
                     "saksnr": "yy/n",
                     "utvalgssaksnr": {"overskrift": "nnn/yy", "sakliste": "nnn/yy", "saksgang": "nnn/yy",
                                       "i_tekst": "n/yy"}},
        "brevhode": {"versaler": True},
        "protokoll": {"blokker": ["refs", "moetedata", "deltakere", "antall", "saksliste", "merknader",
                                  "dokumenter_utdelt", "saker", "signatur"]},
        "sak": {"overskrift": "{nr} {tittel}",
                "blokker": ["hode", "inhabile", "vedtak", "votering", "tekst", "droefting", "underpunkter",
                            "behandling", "forslag", "status", "oppfoelging"],
                "hode": ["arkivsaksnr", "arkivkode", "gradering", "saksbehandler"]},
        "deltakere": {"form": "tabell", "kolonner": ["navn", "funksjon", "parti"], "antall": "av_medlemmer"},
        "votering": {"setning": "naturlig", "partier": True},
    },
}

PRESETS = tuple(CHANGES)


def _merge(base: dict, changes: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def preset(name: str) -> dict[str, Any]:
    return _merge(KVK, CHANGES[name])


class Profile:
    """The resolved profile: ``profile.get("sak", "overskrift")``, ``profile.t(key, maalform)``."""

    def __init__(self, values: dict[str, Any]):
        self.values = values

    @classmethod
    def of(cls, config: Any, name: str | None = None) -> "Profile":
        """The repository's profile, or the named one of ``profiler`` (a body's ``profil``):
        a whole profile of its own, from its preset."""
        if name is not None:
            p = config.profiler[name]
            values = preset(p.preset)
            values = _merge(values, p.model_dump(exclude_unset=True, exclude_none=True, exclude={"preset"}))
            return cls(values)
        p = getattr(config, "presentasjon", None)
        values = preset(p.preset if p is not None else "kvk")
        # the old top-level key is a shorthand; the profile's own key wins when both are written
        values["saksframlegg"]["innstilling_plassering"] = getattr(config, "innstilling_plassering", "slutt")
        if p is not None:
            written = p.model_dump(exclude_unset=True, exclude_none=True, exclude={"preset"})
            values = _merge(values, written)
        return cls(values)

    def get(self, *path: str) -> Any:
        value: Any = self.values
        for part in path:
            value = value[part]
        return value

    def saksliste(self, kind: str) -> dict:
        """The sakliste of a document kind (``innkalling``, ``protokoll``): its own keys over
        the top-level ``saksliste``."""
        return _merge(self.values["saksliste"], (self.values.get(kind) or {}).get("saksliste") or {})

    def fmt(self, role: str) -> Any:
        return self.values["formater"][role]

    def t(self, key: str, maalform: str, **values: Any) -> str:
        """The label ``key``: the profile's override in this målform, else the built-in one."""
        from .labels import LABEL_FALLBACK

        text = self.values["etiketter"].get(maalform, {}).get(key)
        if text is None and key in LABEL_FALLBACK:
            return self.t(LABEL_FALLBACK[key], maalform, **values)
        if text is None:
            return label(key, maalform, **values)
        return text.format(**values) if values else text

    def phrase(self, key: str, maalform: str, **values: Any) -> str | None:
        """The sentence ``key`` (kvk.models.config.FRASER): the profile's ``fraser`` in this
        målform, else kvk's, the label of the same key (None for a sentence kvk does not say:
        ``forslag_setning``). A count is ``{for}`` in a phrase, ``{for_}`` in a label."""
        text = self.values["fraser"].get(maalform, {}).get(key)
        if text is None:
            return self.t(key, maalform, **values) if key in LABELS else None
        if "for_" in values:
            values = {**values, "for": values["for_"]}
        return text.format(**values)

    def overrides(self, key: str, maalform: str) -> bool:
        """Does the repository write its own text for label ``key`` in this målform? Such a
        label carries its own punctuation ("Rådmannens tilråding til vedtak:", 09; "Rådmannens
        forslag til vedtak" without a colon, 03): a heading prints it as written."""
        return self.values["etiketter"].get(maalform, {}).get(key) is not None

    def as_template_value(self) -> dict[str, Any]:
        """What templates see as ``profil`` (a copy: a template cannot change the profile)."""
        return copy.deepcopy(self.values)


def check_labels(config: Any, root: Path | None, config_file: str = "kvk.yaml") -> list[Diagnostic]:
    """KVK309 for every label override whose key the label table does not have, at its place in
    kvk.yaml, with the closest key."""
    profiles = [(("presentasjon",), getattr(config, "presentasjon", None))]
    profiles += [(("profiler", name), p) for name, p in (getattr(config, "profiler", None) or {}).items()]
    if not any(p is not None and p.etiketter for _, p in profiles):
        return []
    source = _source(root, config_file)
    found = []
    for where, p in profiles:
        if p is None or not p.etiketter:
            continue
        dotted = ".".join(where)  # a field's path: the same in every language
        for maalform, table in p.etiketter.items():
            for key in table:
                if key in LABELS:
                    continue
                line, col = source.locate((*where, "etiketter", maalform, key), key=True) if source else (0, 0)
                message = _("{where}: unknown label '{key}'").format(where=f"{dotted}.etiketter.{maalform}", key=key)
                message += did_you_mean(key, LABELS)
                found.append(Diagnostic.make("KVK309", config_file, line, col, message))
            for key, text in table.items():
                if key not in LABELS:
                    continue
                problem = _placeholder_problem(key, text)
                if problem:
                    line, col = source.locate((*where, "etiketter", maalform, key)) if source else (0, 0)
                    where_key = f"{dotted}.etiketter.{maalform}.{key}"
                    found.append(Diagnostic.make("KVK309", config_file, line, col, f"{where_key}: {problem}"))
    return found


def _placeholder_problem(key: str, text: str) -> str | None:
    import string

    from .labels import EXTRA_VALUES

    wanted = {name for _, name, _, _ in string.Formatter().parse(LABELS[key][0]) if name}
    wanted |= set(EXTRA_VALUES.get(key, ()))
    try:
        given = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError as err:
        return _("'{text}' is not a label text ({why})").format(text=text, why=err)
    extra = given - wanted
    if extra:
        slots = ", ".join("{" + n + "}" for n in sorted(wanted)) or _("none")
        return _("'{value}' is not a value of this label (its values: {values})").format(
            value="{" + sorted(extra)[0] + "}", values=slots)
    return None


def _source(root: Path | None, config_file: str) -> Any:
    if root is None or not (root / config_file).is_file():
        return None
    from ..io.yaml import load_file

    try:
        return load_file(root / config_file, config_file, root)
    except Exception:  # it loaded once already (Repository.open); positions are a courtesy
        return None


def checked(config: Any, root: Path | None) -> Profile:
    """The profile of ``config``; a RepositoryError with KVK309 when a label key is unknown."""
    problems = check_labels(config, root)
    if problems:
        raise RepositoryError(diagnostics=problems)
    return Profile.of(config)


class Profiles:
    """The repository's profile and its named ones (``profiler`` in kvk.yaml), resolved once;
    a body that names ``profil`` has its documents in that profile wherever they are rendered,
    alone or embedded in another body's (15: a fylkeskommune's råd's protokoll as a referatsak)."""

    def __init__(self, config: Any, root: Path | None):
        self.main = checked(config, root)
        self.named = {name: Profile.of(config, name) for name in getattr(config, "profiler", None) or {}}

    def name_of(self, index: Any, bid: str | None) -> str | None:
        """The name of the profile body ``bid`` names, None for the repository's own; KVK309
        at the body's ``profil`` when kvk.yaml's ``profiler`` has no such profile (a repository
        that writes no ``profiler`` renders every body in its own profile)."""
        hits = index.bodies.get(bid) if bid else None
        if not hits:
            return None
        rec, loc, body = hits[0]
        name = getattr(body, "profil", None)
        if name is None or name in self.named:
            return name
        if not self.named:  # a repository without profiler: the bodies' profil names nothing yet
            return None
        line, col = rec.locate((*loc[:-1], "profil")) if rec.source is not None else (0, 0)
        message = _("utvalg '{body}' names profile '{name}', which kvk.yaml's profiler does not have").format(
            body=bid, name=name)
        message += did_you_mean(name, self.named) or _(" (it has: {names})").format(names=", ".join(self.named))
        hint = _("add the profile under profiler: in kvk.yaml, or correct the body's profil")
        raise RepositoryError(diagnostics=[Diagnostic.make("KVK309", rec.path, line, col, message, hint)])

    def get(self, name: str | None) -> Profile:
        return self.main if name is None else self.named[name]

