"""The words the command line shows for values kept in records, in one table.

Records hold ids (``moeteprotokoll``, ``under_behandling``); tables on the terminal show what a
person says ("Møteprotokoll", "under behandling"). JSON output keeps the ids: scripts match them.
The documents have their own, per målform (:mod:`kvk.render.labels`).

Every label the CLI prints for a value comes from :data:`VALUES` through :func:`label`: the
English word here is the msgid, and the catalogue (:mod:`kvk.i18n`) gives it in bokmål or
nynorsk, with the field as its context (``utgaar`` is "utgår" for a case and for a follow-up,
but two English words). A test holds the table to the models: every value a record may hold
has a label.
"""

from __future__ import annotations

from ..i18n import NC_, catalogue

#: field -> {value in the record: its label in English (the msgid, in the field's context)}
VALUES: dict[str, dict[str, str]] = {
    # a meeting's and a case's document kind
    "dokumenttype": {
        "innkalling": NC_("dokumenttype", "Notice of meeting"), "referat": NC_("dokumenttype", "Notes"),
        "moeteprotokoll": NC_("dokumenttype", "Minutes"), "moetebok": NC_("dokumenttype", "Minute book"),
        "saksframlegg": NC_("dokumenttype", "Case presentation"), "sakspapir": NC_("dokumenttype", "Case paper"),
        "saksprotokoll": NC_("dokumenttype", "Case minutes"),
    },
    "saksstatus": {"under_behandling": NC_("saksstatus", "under consideration"),
                   "avsluttet": NC_("saksstatus", "closed"), "utgaar": NC_("saksstatus", "withdrawn")},
    "protokollstatus": {"utkast": NC_("protokollstatus", "draft"), "godkjent": NC_("protokollstatus", "approved")},
    # a follow-up (oppfølging) in the minutes; a follow-up without a status has not started
    "oppfoelging": {"ikke_startet": NC_("oppfoelging", "not started"), "paagaar": NC_("oppfoelging", "in progress"),
                    "utfoert": NC_("oppfoelging", "done"), "utgaar": NC_("oppfoelging", "dropped")},
    "utvalgstype": {
        "kommunestyre": NC_("utvalgstype", "municipal council"),
        "formannskap": NC_("utvalgstype", "executive committee"), "utvalg": NC_("utvalgstype", "committee"),
        "styringsgruppe": NC_("utvalgstype", "steering group"), "prosjektgruppe": NC_("utvalgstype", "project group"),
        "arbeidsgruppe": NC_("utvalgstype", "working group"),
        "partssammensatt_utvalg": NC_("utvalgstype", "joint consultative committee"),
        "administrasjonsutvalg": NC_("utvalgstype", "administration committee"),
        "raad": NC_("utvalgstype", "council"), "kontrollutvalg": NC_("utvalgstype", "control committee"),
        "fellesnemnd": NC_("utvalgstype", "joint board"), "valgstyre": NC_("utvalgstype", "electoral board"),
        "eldreraad": NC_("utvalgstype", "council for the elderly"), "annet": NC_("utvalgstype", "other"),
    },
    "part": {"folkevalgt": NC_("part", "elected representative"), "administrasjon": NC_("part", "administration"),
             "tillitsvalgt": NC_("part", "union representative"), "annet": NC_("part", "other")},
    # an indicator's perspective on the scorecard (a free word in the record; these are the usual ones)
    "perspektiv": {"brukere": NC_("perspektiv", "Users"), "medarbeidere": NC_("perspektiv", "Employees"),
                   "oekonomi": NC_("perspektiv", "Finances"), "samfunn": NC_("perspektiv", "Society")},
}


def label(field: str, value: str | None, lang: str | None = None) -> str:
    """The label of ``value`` of ``field`` in the user's language (or ``lang``); a value the
    table does not know is shown as it is written, with spaces for underscores (never an error:
    the records' check judges values)."""
    if value is None or value == "":
        return ""
    known = VALUES.get(field, {}).get(value)
    return catalogue(lang).pgettext(field, known) if known is not None else str(value).replace("_", " ")
