"""Record models. Field names are Norwegian, as the users write them."""

from .behandling import Behandling, Forslag, Vedtak, Votering
from .case import Sak
from .common import Skjerming, parse_spans
from .indicator import Indikator, Indikatorfil, Maaling, Paastand
from .meeting import Deltaker, Moete, Punkt
from .organisation import Organisasjon, Person, Utvalg

#: record kind -> model of one file of that kind
MODELS = {
    "organisasjon": Organisasjon,
    "sak": Sak,
    "moete": Moete,
    "indikatorer": Indikatorfil,
}

__all__ = [
    "MODELS", "Behandling", "Deltaker", "Forslag", "Indikator", "Indikatorfil", "Maaling", "Moete",
    "Organisasjon", "Paastand", "Person", "Punkt", "Sak", "Skjerming", "Utvalg", "Vedtak", "Votering",
    "parse_spans",
]
