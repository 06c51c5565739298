"""Which fields of which models point at other records, and every such reference in a record.

Checks use this to find unknown people, bodies, cases and indicators; ``kvk show`` uses it to
print names instead of ids. One table decides both.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel

from .common import model_classes

PERSON, BODY, CASE, INDICATOR, MEETING = "person", "body", "case", "indicator", "meeting"
PARTY, ORGANISATION = "party", "organisation"

#: which (model, field) holds a reference to what
REFERENCES: dict[tuple[str, str], str] = {
    ("Sak", "saksbehandler"): PERSON,
    ("Sak", "avgjoeres_av"): BODY,
    ("Sak", "indikatorer"): INDICATOR,
    ("Saksgang", "utvalg"): BODY,
    ("Innstilling", "utvalg"): BODY,
    ("Behandling", "utvalg"): BODY,
    ("Forslag", "fremmet_av"): PERSON,
    ("Stemme", "person"): PERSON,
    ("Medlem", "person"): PERSON,
    ("Medlem", "erstatter"): PERSON,
    ("Person", "parti"): PARTY,
    ("Person", "organisasjon"): ORGANISATION,
    ("Partier", "for_"): PARTY,
    ("Partier", "mot"): PARTY,
    ("Partier", "blankt"): PARTY,
    ("Inhabilitet", "vara"): PERSON,
    ("Signatur", "underskrevet_av"): PERSON,
    ("Moete", "underskrivere"): PERSON,
    ("Vedlegg", "moete"): MEETING,
    ("Vedlegg", "sak"): CASE,
    ("Moete", "utvalg"): BODY,
    ("Moete", "moeteleder"): PERSON,
    ("Moete", "referent"): PERSON,
    ("Deltaker", "person"): PERSON,
    ("Deltaker", "moette_for"): PERSON,
    ("Punkt", "sak"): CASE,
    ("Punkt", "saksbehandler"): PERSON,
    ("Punkt", "innleder"): PERSON,
    ("Oppfoelging", "ansvarlig"): PERSON,
    ("Signatur", "person"): PERSON,
    ("Indikator", "relaterte"): INDICATOR,
    ("Maaling", "indikator"): INDICATOR,
    ("Paastand", "indikator"): INDICATOR,
    ("Sammenligning", "indikator"): INDICATOR,
}

Reference = tuple[str, str, tuple]  # (target kind, id, loc inside the record)

_PLANS: dict[type, tuple] = {}  # _plan per class, looked up without a call


@lru_cache(maxsize=None)
def _plan(cls: type[BaseModel]) -> tuple[tuple[str, str, str | None], ...]:
    """(attribute, key as written, reference kind or None) for each field of ``cls`` that holds a
    reference or a nested model that can hold one; computed once per class, as walking every
    field of every record is the cost of checking. Sub-models without references (sections,
    vedlegg, skjerming …) are not visited at all."""
    plan = []
    for name, info in cls.model_fields.items():
        target = REFERENCES.get((cls.__name__, name))
        if target is not None or any(_may_refer(sub) for sub in model_classes(info.annotation)):
            plan.append((name, info.alias or name, target))
    return tuple(plan)


@lru_cache(maxsize=None)
def _may_refer(cls: type[BaseModel], _seen: frozenset = frozenset()) -> bool:
    if cls in _seen:  # a recursive model (Underpunkt): decided by its other fields
        return False
    for name, info in cls.model_fields.items():
        if (cls.__name__, name) in REFERENCES:
            return True
        if any(_may_refer(sub, _seen | {cls}) for sub in model_classes(info.annotation)):
            return True
    return False


def references(model: BaseModel, loc: tuple = ()) -> list[Reference]:
    """(target kind, id, loc) for every reference anywhere inside ``model``. A loop over an
    explicit stack: recursive generators cost more than the rest of a record's checks."""
    found: list[Reference] = []
    todo: list[tuple[BaseModel, tuple]] = [(model, loc)]
    plans = _PLANS
    while todo:
        current, where = todo.pop()
        values = current.__dict__
        cls = type(current)
        plan = plans.get(cls)
        if plan is None:
            plan = plans[cls] = _plan(cls)
        for attr, key, target in plan:
            value = values[attr]
            if not value:  # None or an empty list: most fields of most records
                continue
            if type(value) is list:
                here = where + (key,)
                if target is not None:
                    found.extend((target, v, here + (i,)) for i, v in enumerate(value))
                else:
                    todo.extend((v, here + (i,)) for i, v in enumerate(value) if isinstance(v, BaseModel))
            elif target is not None:
                found.append((target, value, where + (key,)))
            elif isinstance(value, BaseModel):
                todo.append((value, where + (key,)))
    return found
