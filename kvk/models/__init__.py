"""Record models. Field names are Norwegian, as the users write them.

The names below are imported on first use (PEP 562), so a command imports only the models it
needs: ``from kvk.models.config import Config`` builds no other model class.
"""

from __future__ import annotations

import importlib
from typing import Any

#: public name -> the module that defines it
_WHERE = {
    "Behandling": "behandling", "Forslag": "behandling", "Vedtak": "behandling", "Votering": "behandling",
    "Sak": "case", "Skjerming": "common", "parse_spans": "common",
    "Indikator": "indicator", "Indikatorfil": "indicator", "Maaling": "indicator", "Paastand": "indicator",
    "Deltaker": "meeting", "Moete": "meeting", "Punkt": "meeting",
    "Organisasjon": "organisation", "Person": "organisation", "Utvalg": "organisation",
}

#: record kind -> (module, class) of the model of one file of that kind
KINDS = {
    "organisasjon": ("organisation", "Organisasjon"),
    "sak": ("case", "Sak"),
    "moete": ("meeting", "Moete"),
    "indikatorer": ("indicator", "Indikatorfil"),
}


def model_of(kind: str) -> type:
    """The model of one file of ``kind``, importing only its module."""
    module, name = KINDS[kind]
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def __getattr__(name: str) -> Any:
    if name == "MODELS":  # record kind -> model of one file of that kind
        value: Any = {kind: model_of(kind) for kind in KINDS}
    elif name in _WHERE:
        value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = ["MODELS", *_WHERE]
