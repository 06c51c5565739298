"""Quality indicators (måleindikatorer): definitions, goals, measurements and claims.

One file holds a list of ``indikatorer``, their ``maalinger`` in long form (one row per
indicator, scope and period, which makes duplicates easy to see) and the ``paastander`` that
documents make about them ("fra 17 til 9 %").
"""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..i18n import _
from .common import Dato, Heltall, Id, IndikatorRef, Model, Periode, Tall, Tekst, choice

#: frekvens -> SDMX frequency letter
FREKVENS = {"aar": "A", "halvaar": "S", "tertial": "T", "kvartal": "Q", "maaned": "M", "uke": "W"}


class Skala(Model):
    min: Tall
    max: Tall

    @model_validator(mode="after")
    def _ordered(self):
        if self.max <= self.min:
            raise PydanticCustomError("kvk_inconsistent", _("skala.max must be above skala.min"), {"loc": ("max",)})
        return self


class Definisjon(Model):
    tekst: Tekst
    teller: Tekst | None = None  # numerator: "tapte dagsverk"
    nevner: Tekst | None = None  # denominator: "avtalte dagsverk"
    inkluderer: list[str] = Field(default_factory=list)  # [egenmeldt, legemeldt]
    populasjon: Tekst | None = None
    referanse: str | None = None  # a standard definition, e.g. ssb_sykefravaersprosent
    operasjonalisering: Tekst | None = None  # how a vague notion ("uønsket deltid") is counted


class Kilde(Model):
    system: Tekst
    uttrekk_av: Tekst | None = None
    merknad: Tekst | None = None


class Verdipunkt(Model):
    periode: Periode
    verdi: Tall


class Maal(Model):
    frist: Periode
    verdi: Tall
    sammenlign: choice("punkt", "rullerende_4k", "aar") = "punkt"
    type: choice("absolutt", "relativ") = "absolutt"


class Terskler(Model):
    gul_innenfor: Tall | None = None  # yellow when within this distance of the target
    # explicit limits instead of a distance: green up to (or from) groenn, yellow up to gul
    groenn: Tall | None = None
    gul: Tall | None = None
    # a year-on-year change smaller than this is shown as flat (→)
    trend_doedbaand: Tall | None = None


class Sammenligning(Model):
    id: Id
    etikett: Tekst
    kilde: Tekst | None = None
    versjon: Dato | None = None  # vintage: when the series was published (SSB revises history)
    definisjon_samsvar: choice("full", "delvis", "ingen") | None = None
    enhet: Tekst | None = None
    serie: dict[str, Tall] = Field(default_factory=dict)
    # the series is another indicator's measurements (e.g. sykefravaer-landsbasis), not inline
    indikator: IndikatorRef | None = None

    @model_validator(mode="after")
    def _periods(self):
        from .common import parse_period
        if self.indikator and self.serie:
            raise PydanticCustomError("kvk_inconsistent", _("give either serie or indikator, not both"),
                                      {"loc": ("indikator",)})
        for key in self.serie:
            try:
                parse_period(key)
            except PydanticCustomError as err:
                raise PydanticCustomError("kvk_period", "{reason}",
                                          {"reason": err.context["reason"], "loc": ("serie", key)}) from None
        return self


class Prosjekt(Model):
    navn: Tekst
    start: Periode | None = None
    slutt: Periode | None = None


class Indikator(Model):
    id: Id
    navn: Tekst
    omraade: str | None = None  # PRO, skole_sfo, barnehage, kommune
    perspektiv: str | None = None  # brukere, medarbeidere, oekonomi, samfunn
    enhet: choice("prosent", "poeng", "antall", "forholdstall", "timer", "kroner")
    skala: Skala | None = None
    desimaler: Heltall = Field(default=1, ge=0, le=6)
    retning: choice("lavere_er_bedre", "hoeyere_er_bedre", "maalbaand")
    frekvens: choice(*FREKVENS)
    aggregering: choice("forhold_av_summer", "snitt", "sum", "siste") | None = None
    definisjon: Definisjon | None = None
    kilde: Kilde | None = None
    eier: Tekst | None = None
    prosjekt: Prosjekt | None = None
    baseline: Verdipunkt | None = None
    maal: list[Maal] = Field(default_factory=list)
    terskler: Terskler | None = None
    min_personer: Heltall | None = None
    sammenligninger: list[Sammenligning] = Field(default_factory=list)
    relaterte: list[IndikatorRef] = Field(default_factory=list)
    # styring: a goal the organisation steers by (needs baseline, target, owner);
    # referanse: a published series kept for comparison (landsbasis, other municipalities)
    rolle: choice("styring", "referanse") = "styring"
    merknad: Tekst | None = None

    @property
    def freq(self) -> str:
        return FREKVENS[self.frekvens]


class Maaling(Model):
    indikator: IndikatorRef
    periode: Periode
    verdi: Tall | None = None  # None only with status M or O (missing)
    omfang: Tekst | None = None  # the unit measured: "PRO", "Rissa sykehjem"; None = whole
    teller: Tall | None = None
    nevner: Tall | None = None
    personer: Heltall | None = None
    status: choice("A", "B", "E", "F", "I", "M", "O", "P", "Q", "U", "V") = "A"  # SDMX OBS_STATUS
    kilde: Tekst | None = None
    merknad: Tekst | None = None

    @model_validator(mode="after")
    def _value_or_missing(self):
        if self.verdi is None and self.status not in ("M", "O"):
            raise PydanticCustomError("kvk_missing", _("a measurement needs a verdi (or status M for missing)"),
                                      {"loc": ("verdi",)})
        return self


class Paastandspunkt(Model):
    periode: Periode | None = None
    verdi: Tall


class Paastand(Model):
    """A claim made in a document about an indicator, to be checked against the data."""

    indikator: IndikatorRef
    omfang: Tekst | None = None
    fra: Paastandspunkt
    til: Paastandspunkt
    kilde: Tekst
    sak: str | None = None  # the saksnr where the claim was made
    tekst: Tekst | None = None  # the words as written


class Kommune(Model):
    navn: Tekst
    kommunenummer: str | None = Field(default=None, pattern=r"^\d{4}$")


class Indikatorfil(Model):
    merknad: Tekst | None = None  # e.g. "Demonstrasjonsdata"
    kommune: Kommune | None = None
    prosjekt: Prosjekt | None = None
    indikatorer: list[Indikator] = Field(default_factory=list)
    maalinger: list[Maaling] = Field(default_factory=list)
    paastander: list[Paastand] = Field(default_factory=list)
