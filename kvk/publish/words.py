"""The site's own words in bokmål and nynorsk (the documents' words are kvk.render.labels')."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "innsyn": "Innsyn", "forside": "Forside", "utvalg": "Utvalg", "moeter": "Møter", "saker": "Saker",
        "partier": "Slik stemte partiene", "styringskort": "Styringskort", "sok": "Søk",
        "hopp": "Hopp til innholdet", "hovedmeny": "Hovedmeny", "medlemmer": "Medlemmer", "navn": "Navn",
        "rolle": "Rolle", "parti": "Parti", "dato": "Dato", "tid": "Tid", "sted": "Sted", "sak": "Sak",
        "tittel": "Tittel", "moete": "Møte", "sakskart": "Sakskart", "vedtak": "Vedtak", "votering": "Votering",
        "resultat": "Resultat", "for": "For", "mot": "Mot", "blankt": "Blankt", "enstemmig": "Enstemmig",
        "vedtatt": "Vedtatt", "falt": "Falt", "innkalling": "Innkalling", "protokoll": "Protokoll",
        "saksframlegg": "Saksframlegg", "saksgang": "Saksgang", "utvalgssak": "Utvalgssak",
        "ikke_behandlet": "Ikke behandlet ennå", "protokoll_utkast": "Protokollen er ikke godkjent ennå.",
        "ingen_protokoll": "Protokoll er ikke publisert.", "kalender": "Kalender (iCalendar)",
        "alle_kalender": "Alle møter som kalender (iCalendar)", "atom": "Nye protokoller (Atom)",
        "apne_data": "Åpne data (Popolo, JSON)", "sokeord": "Søkeord", "sok_knapp": "Søk",
        "treff": "treff", "ingen_treff": "Ingen treff.", "saksnr": "Saksnr.", "saksbehandler": "Saksbehandler",
        "ja": "Ja", "nei": "Nei", "hele_dokumentet": "Hele dokumentet", "navneopprop": "Slik stemte hver enkelt",
        "partivis": "Partivis", "ingen_moeter": "Ingen møter.", "kommende": "Møter", "data": "Data og abonnement",
        "utskrift": "for utskrift", "kl": "kl.", "stemmer": "stemmer", "uten_navneopprop":
        "Voteringer uten navneopprop viser bare antall stemmer.", "laget": "Laget med kvk fra sakssystemets poster.",
        "sk_perspektiv": "Perspektiv", "sk_indikator": "Indikator", "sk_periode": "Periode", "sk_verdi": "Verdi",
        "sk_maal": "Mål", "sk_status": "Status", "sk_trend": "Trend", "sk_endring": "Endring siden baseline",
        "sk_landsbasis": "Landsbasis", "sk_siste": "Siste perioder", "sk_figurer": "Figurer",
    },
    "nn": {
        "innsyn": "Innsyn", "forside": "Framside", "utvalg": "Utval", "moeter": "Møte", "saker": "Saker",
        "partier": "Slik røysta partia", "styringskort": "Styringskort", "sok": "Søk",
        "hopp": "Hopp til innhaldet", "hovedmeny": "Hovudmeny", "medlemmer": "Medlemmer", "navn": "Namn",
        "rolle": "Rolle", "parti": "Parti", "dato": "Dato", "tid": "Tid", "sted": "Stad", "sak": "Sak",
        "tittel": "Tittel", "moete": "Møte", "sakskart": "Sakskart", "vedtak": "Vedtak", "votering": "Røysting",
        "resultat": "Resultat", "for": "For", "mot": "Mot", "blankt": "Blankt", "enstemmig": "Samrøystes",
        "vedtatt": "Vedteke", "falt": "Fall", "innkalling": "Innkalling", "protokoll": "Protokoll",
        "saksframlegg": "Saksframlegg", "saksgang": "Saksgang", "utvalgssak": "Utvalssak",
        "ikke_behandlet": "Ikkje handsama enno", "protokoll_utkast": "Protokollen er ikkje godkjend enno.",
        "ingen_protokoll": "Protokoll er ikkje publisert.", "kalender": "Kalender (iCalendar)",
        "alle_kalender": "Alle møte som kalender (iCalendar)", "atom": "Nye protokollar (Atom)",
        "apne_data": "Opne data (Popolo, JSON)", "sokeord": "Søkjeord", "sok_knapp": "Søk",
        "treff": "treff", "ingen_treff": "Ingen treff.", "saksnr": "Saksnr.", "saksbehandler": "Sakshandsamar",
        "ja": "Ja", "nei": "Nei", "hele_dokumentet": "Heile dokumentet", "navneopprop": "Slik røysta kvar enkelt",
        "partivis": "Partivis", "ingen_moeter": "Ingen møte.", "kommende": "Møte", "data": "Data og abonnement",
        "utskrift": "for utskrift", "kl": "kl.", "stemmer": "røyster", "uten_navneopprop":
        "Røystingar utan namneopprop viser berre talet på røyster.", "laget": "Laga med kvk frå postane i sakssystemet.",
        "sk_perspektiv": "Perspektiv", "sk_indikator": "Indikator", "sk_periode": "Periode", "sk_verdi": "Verdi",
        "sk_maal": "Mål", "sk_status": "Status", "sk_trend": "Trend", "sk_endring": "Endring sidan baseline",
        "sk_landsbasis": "Landsbasis", "sk_siste": "Siste periodar", "sk_figurer": "Figurar",
    },
}
