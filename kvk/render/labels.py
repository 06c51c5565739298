"""Every fixed word the documents print, in bokmål (nb) and nynorsk (nn).

Labels are looked up by a key chosen for the document, never derived from a field name, so a
renamed field cannot change a printed heading. Nynorsk choices follow the forms seen in
nynorsk municipal documents (see docs/rendering.md, "Nynorsk wording"); where the source
notes were unsure, the standard written form is used: "Unnateke frå innsyn" follows
offentleglova § 13 ("er unnatekne frå innsyn"), "ugild" follows forvaltningslova § 6.
"""

from __future__ import annotations

from ..models.redaction import MARKERS

MAALFORMER = ("nb", "nn")

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")  # identical in nb and nn

WEEKDAYS = {  # Monday first, as date.weekday() counts
    "nb": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    "nn": ("måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag"),
}

LABELS: dict[str, tuple[str, str]] = {
    # key: (nb, nn)
    # document kinds
    "saksframlegg": ("Saksframlegg", "Saksframlegg"),
    "sakspapir": ("Sakspapir", "Sakspapir"),
    "moetebok": ("Møtebok", "Møtebok"),
    "saksprotokoll": ("Saksprotokoll", "Saksprotokoll"),  # one item's protocol (særutskrift)
    "moeteprotokoll": ("Møteprotokoll", "Møteprotokoll"),
    "referat": ("Referat", "Referat"),
    "innkalling": ("Møteinnkalling", "Møteinnkalling"),
    "sakskart": ("Sakskart", "Sakskart"),
    # saksframlegg header
    "saksbehandler": ("Saksbehandler", "Sakshandsamar"),
    "arkivkode": ("Arkivkode", "Arkivkode"),
    "arkivsaksnr": ("Arkivsaksnr.", "Arkivsaksnr."),
    "dato": ("Dato", "Dato"),
    "saksnr": ("Saksnr", "Saksnr"),
    "utvalg": ("Utvalg", "Utval"),
    "moetedato": ("Møtedato", "Møtedato"),
    "vedlegg": ("Vedlegg", "Vedlegg"),
    "andre_saksdokumenter": ("Andre saksdokumenter (ikke vedlagt)", "Andre saksdokument (ikkje vedlagde)"),
    "avgjoeres_av": ("Saken avgjøres av", "Saka vert avgjord av"),
    "klageadgang": ("Klageadgang", "Klagerett"),
    # standard section headings (a section's own overskrift replaces them)
    "seksjon_innledning": ("Innledning", "Innleiing"),
    "seksjon_bakgrunn": ("Bakgrunn", "Bakgrunn"),
    "seksjon_saksopplysninger": ("Saksopplysninger", "Saksopplysningar"),
    "seksjon_vurdering": ("Vurdering", "Vurdering"),
    "seksjon_oekonomiske_konsekvenser": ("Økonomiske konsekvenser", "Økonomiske konsekvensar"),
    "seksjon_oppsummering": ("Oppsummering", "Oppsummering"),
    "seksjon_konklusjon": ("Konklusjon", "Konklusjon"),
    "seksjon_annet": ("Annet", "Anna"),
    # who recommends: "<fra>_<type>"
    "raadmann_innstilling": ("Rådmannens innstilling", "Rådmannen si innstilling"),
    "raadmann_forslag_til_vedtak": ("Rådmannens forslag til vedtak", "Rådmannen sitt framlegg til vedtak"),
    "raadmann_tilraading": ("Rådmannens tilråding", "Rådmannen si tilråding"),
    "ordfoerer_innstilling": ("Ordførerens innstilling", "Ordføraren si innstilling"),
    "ordfoerer_forslag_til_vedtak": ("Ordførerens forslag til vedtak", "Ordføraren sitt framlegg til vedtak"),
    "ordfoerer_tilraading": ("Ordførerens tilråding", "Ordføraren si tilråding"),
    "administrasjonssjef_innstilling": ("Administrasjonssjefens innstilling", "Administrasjonssjefen si innstilling"),
    "administrasjonssjef_forslag_til_vedtak": ("Administrasjonssjefens forslag til vedtak",
                                               "Administrasjonssjefen sitt framlegg til vedtak"),
    "administrasjonssjef_tilraading": ("Administrasjonssjefens tilråding", "Administrasjonssjefen si tilråding"),
    "sekretariat_innstilling": ("Sekretariatets innstilling", "Sekretariatet si innstilling"),
    "sekretariat_forslag_til_vedtak": ("Sekretariatets forslag til vedtak", "Sekretariatet sitt framlegg til vedtak"),
    "sekretariat_tilraading": ("Sekretariatets tilråding", "Sekretariatet si tilråding"),
    "kontrollutvalgssekretariat_innstilling": ("Kontrollutvalgssekretariatets innstilling",
                                               "Kontrollutvalssekretariatet si innstilling"),
    "kontrollutvalgssekretariat_forslag_til_vedtak": ("Kontrollutvalgssekretariatets forslag til vedtak",
                                                      "Kontrollutvalssekretariatet sitt framlegg til vedtak"),
    "kontrollutvalgssekretariat_tilraading": ("Kontrollutvalgssekretariatets tilråding",
                                              "Kontrollutvalssekretariatet si tilråding"),
    "daglig_leder_innstilling": ("Daglig leders innstilling", "Dagleg leiar si innstilling"),
    "daglig_leder_forslag_til_vedtak": ("Daglig leders forslag til vedtak", "Dagleg leiar sitt framlegg til vedtak"),
    "daglig_leder_tilraading": ("Daglig leders tilråding", "Dagleg leiar si tilråding"),
    "kommunedirektoer_innstilling": ("Kommunedirektørens innstilling", "Kommunedirektøren si innstilling"),
    "kommunedirektoer_forslag_til_vedtak": ("Kommunedirektørens forslag til vedtak",
                                            "Kommunedirektøren sitt framlegg til vedtak"),
    "kommunedirektoer_tilraading": ("Kommunedirektørens tilråding", "Kommunedirektøren si tilråding"),
    "leder_innstilling": ("Lederens innstilling", "Leiaren si innstilling"),
    "leder_forslag_til_vedtak": ("Lederens forslag til vedtak", "Leiaren sitt framlegg til vedtak"),
    "leder_tilraading": ("Lederens tilråding", "Leiaren si tilråding"),
    # an innstilling with no author stated: "Forslag til vedtak:"
    "ingen_innstilling": ("Innstilling", "Innstilling"),
    "ingen_forslag_til_vedtak": ("Forslag til vedtak", "Framlegg til vedtak"),
    "ingen_tilraading": ("Tilråding", "Tilråding"),
    "utvalg_innstilling": ("Innstilling fra {utvalg}", "Innstilling frå {utvalg}"),
    "utvalg_forslag_til_vedtak": ("Forslag til vedtak fra {utvalg}", "Framlegg til vedtak frå {utvalg}"),
    "utvalg_tilraading": ("Tilråding fra {utvalg}", "Tilråding frå {utvalg}"),
    # behandling
    "behandling_i": ("Behandling i {utvalg} {dato}", "Handsaming i {utvalg} {dato}"),
    "behandling": ("Behandling", "Handsaming"),
    "forslag": ("Forslag", "Framlegg"),
    "fra": ("fra", "frå"),
    "forslagtype_forslag_til_vedtak": ("Forslag til vedtak", "Framlegg til vedtak"),
    "forslagtype_tilleggsforslag": ("Tilleggsforslag", "Tilleggsframlegg"),
    "forslagtype_endringsforslag": ("Endringsforslag", "Endringsframlegg"),
    "forslagtype_utsettelsesforslag": ("Utsettelsesforslag", "Utsetjingsframlegg"),
    "forslagtype_alternativt_forslag": ("Alternativt forslag", "Alternativt framlegg"),
    "forslagtype_oversendelsesforslag": ("Oversendelsesforslag", "Oversendingsframlegg"),
    "forslagtype_endring_av_saksliste": ("Forslag om endring av sakslisten", "Framlegg om endring av sakslista"),
    "mindretall": ("Mindretall", "Mindretal"),
    "paa_vegne_av": ("på vegne av {hvem}", "på vegner av {hvem}"),
    "votering": ("Votering", "Røysting"),
    "votering_over": ("Votering over {hva}", "Røysting over {hva}"),
    "innstillingen": ("innstillingen", "innstillinga"),
    "forslag_id": ("forslag {id}", "framlegg {id}"),
    "enstemmig_vedtatt": ("Enstemmig vedtatt.", "Samrøystes vedteke."),
    "vedtatt_med": ("Vedtatt med {for_} mot {mot} {stemmer}.", "Vedteke med {for_} mot {mot} {stemmer}."),
    "falt_med": ("Falt med {for_} mot {mot} {stemmer}.", "Fall med {for_} mot {mot} {stemmer}."),
    "stemme": ("stemme", "røyst"),
    "stemmer": ("stemmer", "røyster"),
    # the natural vote sentences (presentasjon.votering.setning: naturlig)
    "votering_enstemmig": ("Ved votering ble {over} enstemmig vedtatt.", "Ved røysting vart {over} samrøystes vedteke."),
    "votering_vedtatt_med": ("Ved votering ble {over} vedtatt med {for_} mot {mot} {stemmer}{partier}.",
                             "Ved røysting vart {over} vedteke med {for_} mot {mot} {stemmer}{partier}."),
    "votering_falt_med": ("Ved votering falt {over} med {for_} mot {mot} {stemmer}{partier}.",
                          "Ved røysting fall {over} med {for_} mot {mot} {stemmer}{partier}."),
    "votering_vedtatt": ("Ved votering ble {over} vedtatt.", "Ved røysting vart {over} vedteke."),
    "votering_falt": ("Ved votering falt {over}.", "Ved røysting fall {over}."),
    "forslaget": ("forslaget", "framlegget"),
    "forslag_ordfoerer": ("ordførerens forslag", "framlegget frå ordføraren"),
    "forslag_leder": ("leders forslag", "framlegget frå leiaren"),
    "forslag_fra": ("forslaget fra {navn}", "framlegget frå {navn}"),
    "partier_ja": ("For stemte", "For røysta"),
    "partier_nei": ("Mot stemte", "Mot røysta"),
    "partier_blankt": ("Blankt stemte", "Blankt røysta"),
    "uten_parti": ("uten parti", "utan parti"),
    # sentences a profile may word itself (presentasjon.fraser, kvk.models.config.FRASER); an
    # item whose record says forslag: ingen (no seed or fixture does) says so
    "ingen_forslag": ("Det ble ikke fremmet forslag.", "Det vart ikkje fremja framlegg."),
    "ingen_vedlegg": ("Ingen vedlegg.", "Ingen vedlegg."),  # a sakspapir whose record says vedlegg: ingen
    "ingen_merknader_innkalling": ("Det var ingen merknader til innkallingen.",
                                   "Det var ingen merknader til innkallinga."),
    # an item's kind (its art), for a head row {felt: art} ("Til saksliste;", 01)
    "art_saksliste": ("Saksliste", "Sakliste"),
    "art_godkjenning_innkalling": ("Godkjenning av innkalling", "Godkjenning av innkalling"),
    "art_godkjenning_protokoll": ("Godkjenning av protokoll", "Godkjenning av protokoll"),
    "art_referatsaker": ("Referatsaker", "Referatsaker"),
    "art_melding": ("Melding", "Melding"),
    "art_delegert_vedtak": ("Delegert vedtak", "Delegert vedtak"),
    "art_orientering": ("Orientering", "Orientering"),
    "art_droefting": ("Drøfting", "Drøfting"),
    "art_interpellasjon": ("Interpellasjon", "Interpellasjon"),
    "art_spoersmaal": ("Spørsmål", "Spørsmål"),
    "art_valg": ("Valg", "Val"),
    "art_eventuelt": ("Eventuelt", "Eventuelt"),
    "art_aapen_post": ("Åpen post", "Open post"),
    "art_annet": ("Annet", "Anna"),
    "underskrifter": ("Underskrifter", "Underskrifter"),
    "merknader_til_innkalling": ("Merknader til innkallingen", "Merknader til innkallinga"),
    "underskrift_formel": ("Vi bekrefter med våre underskrifter at protokollen er ført i samsvar med det som "
                           "ble bestemt på møtet.",
                           "Vi stadfester med underskriftene våre at protokollen er ført i samsvar med det som "
                           "vart vedteke på møtet."),
    "og": ("og", "og"),  # the last two of a list of names: "Elsa Holm og Reidulf Pedersen"
    "underskrivere": ("{navn_liste} ble valgt til å skrive under protokollen.",
                      "{navn_liste} vart valde til å skrive under protokollen."),
    "vedtatt": ("Vedtatt.", "Vedteke."),
    "falt": ("Falt.", "Fall."),
    "blanke": ("{n} blanke", "{n} blanke"),
    "stemte_ja": ("For", "For"),
    "stemte_nei": ("Mot", "Mot"),
    "stemte_blankt": ("Blankt", "Blankt"),
    "vedtak": ("Vedtak", "Vedtak"),
    "tilraading": ("Tilråding", "Tilråding"),
    "gradering": ("Gradering", "Gradering"),
    "vedtakstype_tatt_til_orientering": ("Tatt til orientering.", "Teke til orientering."),
    "vedtakstype_utsatt": ("Saken utsettes.", "Saka vert utsett."),
    "status_UT": ("Utsatt til nytt møte.", "Utsett til nytt møte."),
    "status_TB": ("Sendt tilbake til foregående utvalg.", "Send tilbake til førre utval."),
    # meetings
    "utvalg_label": ("Utvalg", "Utval"),
    "moetested": ("Møtested", "Møtestad"),
    "tid": ("Tid", "Tid"),
    "moetenummer": ("Møte nr.", "Møte nr."),
    "deres_ref": ("Deres ref", "Dykkar ref"),
    "vaar_ref": ("Vår ref", "Vår ref"),
    "til_stede": ("Til stede", "Til stades"),
    "forfall": ("Forfall", "Forfall"),
    "ikke_moett": ("Ikke møtt", "Ikkje møtt"),
    "fra_administrasjonen": ("Fra administrasjonen", "Frå administrasjonen"),
    # attendance groups and table columns (presentasjon.deltakere.form: tabell)
    "gruppe_faste_moett": ("Faste medlemmer som møtte", "Faste medlemer som møtte"),
    "gruppe_faste_ikke_moett": ("Faste medlemmer som ikke møtte", "Faste medlemer som ikkje møtte"),
    "gruppe_ikke_moett": ("Ikke møtt", "Ikkje møtt"),
    "gruppe_vara_moett": ("Varamedlemmer som møtte", "Varamedlemer som møtte"),
    "gruppe_administrasjon": ("Fra administrasjonen", "Frå administrasjonen"),
    "gruppe_andre": ("Andre", "Andre"),
    "gruppe_uten_kategori": ("Andre deltakere", "Andre deltakarar"),  # kategori not stated
    "kopi": ("Kopi", "Kopi"),  # the copy recipients of an innkalling
    "til_stede_i_saker": ("sak {saker}", "sak {saker}"),  # present only for these items: "sak 16-24/18"
    "hilsen": ("Med hilsen", "Med helsing"),  # before the signatures of an innkalling (block hilsen)
    "kopi_liste": ("Kopi: {liste}", "Kopi: {liste}"),  # block kopi
    "signert_for": ("for {navn}", "for {navn}"),  # a signature made on the person's behalf
    "tom_behandling": ("Behandling:", "Handsaming:"),  # an empty treatment to fill in (block tom_behandling)
    # column heads of the sakliste and the saksgang table; not overridden, each is the label of
    # its fallback (LABEL_FALLBACK): a repository that relabels "saksnr" relabels both
    "saksliste_nr": ("Saksnr", "Saksnr"),
    "saksliste_arkivsaksnr": ("Arkivsaksnr.", "Arkivsaksnr."),
    "saksliste_tittel": ("Tittel", "Tittel"),
    "saksliste_unntatt": ("Unntatt offentlighet", "Unnateke frå innsyn"),
    "saksgang_liste": ("Saksgang:", "Saksgang:"),  # the saksgang as a list (saksframlegg.saksgang: liste)
    "saksgang_nr": ("Saksnr", "Saksnr"),
    "saksgang_utvalg": ("Utvalg", "Utval"),
    "saksgang_moetedato": ("Møtedato", "Møtedato"),
    "innkalte": ("Innkalte", "Innkalla"),
    "kolonne_navn": ("Navn", "Namn"),
    "kolonne_funksjon": ("Funksjon", "Funksjon"),
    "kolonne_parti": ("Parti", "Parti"),
    "kolonne_representerer": ("Representerer", "Representerer"),
    "kolonne_stilling": ("Stilling", "Stilling"),
    "kolonne_organisasjon": ("Organisasjon", "Organisasjon"),
    "kolonne_moette_for": ("Møtte for", "Møtte for"),
    "kolonne_vara": ("Vara som møtte", "Vara som møtte"),  # for an absent member: who met instead
    "antall_til_stede": ("Til stede: {n} {representanter}", "Til stades: {n} {representanter}"),
    "antall_av_medlemmer": ("Av {antall} medlemmer møtte {moett}", "Av {antall} medlemer møtte {moett}"),
    "representant": ("representant", "representant"),
    "representanter": ("representanter", "representantar"),
    # functions in a meeting or a body (Deltaker.rolle, Medlem.rolle)
    "funksjon_leder": ("Leder", "Leiar"),
    "funksjon_nestleder": ("Nestleder", "Nestleiar"),
    "funksjon_medlem": ("Medlem", "Medlem"),
    "funksjon_varamedlem": ("Varamedlem", "Varamedlem"),
    "funksjon_moeteleder": ("Møteleder", "Møteleiar"),
    "funksjon_referent": ("Referent", "Referent"),
    "funksjon_sekretaer": ("Sekretær", "Sekretær"),
    "funksjon_prosjektleder": ("Prosjektleder", "Prosjektleiar"),
    "funksjon_raadmann": ("Rådmann", "Rådmann"),
    "funksjon_administrasjonssjef": ("Administrasjonssjef", "Administrasjonssjef"),
    "funksjon_kommunedirektoer": ("Kommunedirektør", "Kommunedirektør"),
    "funksjon_ordfoerer": ("Ordfører", "Ordførar"),
    "funksjon_varaordfoerer": ("Varaordfører", "Varaordførar"),
    "funksjon_hovedtillitsvalgt": ("Hovedtillitsvalgt", "Hovudtillitsvald"),
    "funksjon_hovedverneombud": ("Hovedverneombud", "Hovudverneombod"),
    "funksjon_tillitsvalgt": ("Tillitsvalgt", "Tillitsvald"),
    "funksjon_observatoer": ("Observatør", "Observatør"),
    "funksjon_gjest": ("Gjest", "Gjest"),
    "funksjon_saksbehandler": ("Saksbehandler", "Sakshandsamar"),
    "funksjon_annet": ("Annet", "Anna"),
    "moeteleder": ("Møteleder", "Møteleiar"),
    "referent": ("Referent", "Referent"),
    "moette_for": ("for {navn}", "for {navn}"),
    "navn_moette": ("{navn} møtte", "{navn} møtte"),
    "forlot_kl": ("forlot møtet {kl}", "forlét møtet {kl}"),
    "forlot_sak": ("forlot møtet etter {sak}", "forlét møtet etter {sak}"),
    "kom_kl": ("kom {kl}", "kom {kl}"),
    "kom_sak": ("møtte fra {sak}", "møtte frå {sak}"),
    "inhabil_i": ("inhabil i {saker}", "ugild i {saker}"),
    "fratraadte_inhabil": ("{navn} fratrådte som inhabil", "{navn} fråtredde som ugild"),
    "jf": ("jf.", "jf."),
    "sak": ("Sak", "Sak"),
    "merknader": ("Merknader", "Merknader"),
    "dokumenter_utdelt": ("Dokumenter utdelt i møtet", "Dokument delte ut i møtet"),
    "ansvarlig": ("Ansvarlig", "Ansvarleg"),
    "frist": ("Frist", "Frist"),
    "referat_tittel": ("Referat fra møte i {utvalg} {dato}", "Referat frå møte i {utvalg} {dato}"),
    "protokoll_tittel": ("Protokoll fra møte i {utvalg} {dato}", "Protokoll frå møte i {utvalg} {dato}"),
    "saksliste": ("Saksliste", "Saksliste"),
    "tittel": ("Tittel", "Tittel"),
    "innkalling_standard": (
        "Eventuelt forfall, eller inhabilitet i noen av sakene, meldes snarest. "
        "Varamedlemmer møter kun etter særskilt innkalling.",
        "Eventuelt forfall, eller ugildskap i nokon av sakene, må meldast snarast. "
        "Varamedlemer møter berre etter særskild innkalling.",
    ),
    "innkalling_melding_til": (
        "Eventuelt forfall, eller inhabilitet i noen av sakene, meldes snarest til {navn}. "
        "Varamedlemmer møter kun etter særskilt innkalling.",
        "Eventuelt forfall, eller ugildskap i nokon av sakene, må meldast snarast til {navn}. "
        "Varamedlemer møter berre etter særskild innkalling.",
    ),
    "innkalling_til": ("Innkalling til møte i {utvalg}", "Innkalling til møte i {utvalg}"),
    "protokoll_utkast": ("Utkast, ikke godkjent", "Utkast, ikkje godkjent"),
    "protokoll_godkjent": ("Godkjent {dato}", "Godkjent {dato}"),
    "side": ("Side", "Side"),
    "av": ("av", "av"),
    # the letterhead and page frame (kvk.render.letterhead, templates/letterhead.html.j2)
    "orgnr": ("Org.nr.", "Org.nr."),
    "offentlig_versjon": ("Offentlig versjon", "Offentleg versjon"),
    "utkast_merke": ("UTKAST", "UTKAST"),
    "intern_skjermet": ("Intern versjon: inneholder opplysninger unntatt offentlighet. Del den ikke.",
                        "Intern versjon: inneheld opplysningar unnatekne frå innsyn. Del han ikkje."),
    "unntatt_intern": ("Intern: {merke}. Tas ut av den offentlige versjonen.",
                       "Intern: {merke}. Vert teke ut av den offentlege versjonen."),
    "logo_tekst": ("Kommunevåpen for {navn}", "Kommunevåpen for {navn}"),
    # public variant
    # the marker of exempt content: kvk.models.redaction words it for every public output
    "unntatt": (MARKERS["nb"][0], MARKERS["nn"][0]),
    "unntatt_uten_hjemmel": (MARKERS["nb"][1], MARKERS["nn"][1]),
}


#: values a label may use beyond those of its built-in text (a repository's own wording needs
#: them: "{utvalg_genitiv} forslag til vedtak:", "{utvalg} behandling :", 10)
EXTRA_VALUES: dict[str, tuple[str, ...]] = {
    "utvalg_forslag_til_vedtak": ("utvalg_genitiv",),
    "utvalg_innstilling": ("utvalg_genitiv",),
    "utvalg_tilraading": ("utvalg_genitiv",),
    "behandling_i": ("nr", "utvalg_genitiv"),
    "vedtak": ("utvalg", "utvalg_genitiv"),
    "tilraading": ("utvalg", "utvalg_genitiv"),
}


LABEL_FALLBACK = {"saksliste_nr": "saksnr", "saksliste_arkivsaksnr": "arkivsaksnr", "saksliste_tittel": "tittel",
                  "saksgang_nr": "saksnr", "saksgang_utvalg": "utvalg", "saksgang_moetedato": "moetedato"}


def label(key: str, maalform: str, **values: object) -> str:
    """The label ``key`` in ``maalform``, with ``{name}`` placeholders filled from ``values``."""
    nb, nn = LABELS[key]
    text = nn if maalform == "nn" else nb
    return text.format(**values) if values else text
