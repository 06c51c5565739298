"""The words the command line shows for values kept in records, in one table.

Records hold ids (``moeteprotokoll``, ``under_behandling``); tables on the terminal show what a
person says ("Møteprotokoll", "under behandling"). JSON output keeps the ids: scripts match them.
The documents have their own, per målform (:mod:`kvk.render.labels`).

Every label the CLI prints for a value comes from :data:`VALUES` through :func:`label`. When the
CLI is translated (nynorsk, English), :func:`label` is the one place that looks a label up in a
gettext catalogue, and this table is the catalogue's source (bokmål). A test holds the table to
the models: every value a record may hold has a label.
"""

from __future__ import annotations

#: field -> {value in the record: label in bokmål}
VALUES: dict[str, dict[str, str]] = {
    # a meeting's and a case's document kind
    "dokumenttype": {
        "innkalling": "Møteinnkalling", "referat": "Referat", "moeteprotokoll": "Møteprotokoll",
        "moetebok": "Møtebok", "saksframlegg": "Saksframlegg", "sakspapir": "Sakspapir",
        "saksprotokoll": "Saksprotokoll",
    },
    "saksstatus": {"under_behandling": "under behandling", "avsluttet": "avsluttet", "utgaar": "utgår"},
    "protokollstatus": {"utkast": "utkast", "godkjent": "godkjent"},
    # a follow-up (oppfølging) in the minutes; a follow-up without a status has not started
    "oppfoelging": {"ikke_startet": "ikke startet", "paagaar": "pågår", "utfoert": "utført", "utgaar": "utgår"},
    "utvalgstype": {
        "kommunestyre": "kommunestyre", "formannskap": "formannskap", "utvalg": "utvalg",
        "styringsgruppe": "styringsgruppe", "prosjektgruppe": "prosjektgruppe", "arbeidsgruppe": "arbeidsgruppe",
        "partssammensatt_utvalg": "partssammensatt utvalg", "administrasjonsutvalg": "administrasjonsutvalg",
        "raad": "råd", "kontrollutvalg": "kontrollutvalg", "fellesnemnd": "fellesnemnd", "valgstyre": "valgstyre",
        "eldreraad": "eldreråd", "annet": "annet",
    },
    "part": {"folkevalgt": "folkevalgt", "administrasjon": "administrasjon", "tillitsvalgt": "tillitsvalgt",
             "annet": "annet"},
    # an indicator's perspective on the scorecard (a free word in the record; these are the usual ones)
    "perspektiv": {"brukere": "Brukere", "medarbeidere": "Medarbeidere", "oekonomi": "Økonomi",
                   "samfunn": "Samfunn"},
}


def label(field: str, value: str | None) -> str:
    """The label of ``value`` of ``field``; a value the table does not know is shown as it is
    written, with spaces for underscores (never an error: the records' check judges values)."""
    if value is None or value == "":
        return ""
    known = VALUES.get(field, {}).get(value)
    return known if known is not None else str(value).replace("_", " ")
