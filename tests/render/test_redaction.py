"""The public variant as a security property.

Hypothesis builds random cases and meetings and plants a unique secret string in every place
that is skjermet: whole records, fields named in ``skjerming.felt`` (on the case, its vedlegg,
sections, innstilling and behandlinger; on the meeting, its items and sub-topics),
``[[skjermet]]`` spans in any text, the names of people who appear only in a skjermet field, and
every ``forfall_grunn``. No secret may survive any public rendering, in any format or målform.

So that the test cannot pass by rendering nothing, the internal renderings must show every
secret that was planted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kvk.models.config import Config
from kvk.models import Moete, Person, Sak, Utvalg
from kvk.render import Options, Renderer

from ..conftest import require_pdf

HJEMLER = ["offl. § 13", "offl. § 23", "offl. § 25 første ledd", "fvl. § 13 første ledd nr. 1"]
CASE_FIELDS = ["tittel", "organisasjon", "administrativ_enhet", "saksbehandler", "arkivkode", "avgjoeres_av",
               "klageadgang", "saksgang", "vedlegg", "andre_saksdokumenter", "seksjoner", "innstilling",
               "behandlinger"]
BEHANDLING_FIELDS = ["behandling", "forslag", "votering", "vedtak"]
MEETING_FIELDS = ["tittel", "moetested", "deres_ref", "vaar_ref", "innkalling_tekst", "deltakere", "merknader",
                  "dokumenter_utdelt", "saker", "signatur", "moeteleder", "referent"]
ITEM_FIELDS = ["tittel", "tekst", "droefting", "underpunkter", "oppfoelging", "saksbehandler", "sak",
               *BEHANDLING_FIELDS]
SUB_FIELDS = ["tittel", "tekst", "droefting", "oppfoelging"]


class Plant:
    """Makes record data; ``secret=True`` parts carry fresh secret strings and are remembered."""

    def __init__(self, draw):
        self.draw = draw
        self.secrets: list[str] = []
        self.unseen: set[str] = set()  # planted where no internal rendering shows them either
        self.quiet = 0
        self.people: dict[str, str] = {"ordforer": "Kari Nordmann", "radmann": "Siri Holm"}
        self.bodies: dict[str, str] = {"formannskapet": "Formannskapet"}
        self.cases: dict[str, Sak] = {}

    def secret(self) -> str:
        value = f"HEMMELIG{len(self.secrets):04d}Q"
        self.secrets.append(value)
        if self.quiet:
            self.unseen.add(value)
        return value

    def words(self, secret: bool) -> str:
        return self.secret() if secret else self.draw(st.sampled_from(["Offentlig opplysning", "Åpen tekst"]))

    def text(self, secret: bool) -> str:
        """Markdown text; public text may still hold skjermet spans."""
        if secret:
            return f"Innledning {self.secret()}.\n\n- punkt {self.secret()}"
        parts = []
        for _ in range(self.draw(st.integers(0, 2))):
            if self.draw(st.booleans()):
                hjemmel = self.draw(st.sampled_from(HJEMLER))
                parts.append(f'[[skjermet hjemmel="{hjemmel}"]]{self.secret()}[[/skjermet]]')
            else:
                parts.append("åpen setning.")
        return "Tekst " + " ".join(parts)

    def person(self, secret: bool) -> str:
        if not secret:
            return self.draw(st.sampled_from(["ordforer", "radmann"]))
        pid = f"p{len(self.people)}"
        self.people[pid] = f"Navn {self.secret()}"
        return pid

    def body(self, secret: bool) -> str:
        if not secret:
            return "formannskapet"
        bid = f"u{len(self.bodies)}"
        self.bodies[bid] = f"Utvalg {self.secret()}"
        return bid

    def skjerming(self, fields: list[str]) -> tuple[dict | None, set[str]]:
        """(skjerming mapping or None, the set of fields whose content must be secret)."""
        mode = self.draw(st.sampled_from(["none", "whole", "fields"]))
        hjemmel = self.draw(st.sampled_from(HJEMLER))
        if mode == "none":
            return None, set()
        if mode == "whole":
            return {"hjemmel": hjemmel}, set(fields)
        chosen = self.draw(st.lists(st.sampled_from(fields), min_size=1, max_size=4, unique=True))
        return {"hjemmel": hjemmel, "felt": chosen}, set(chosen)

    # --- records ---------------------------------------------------------------------------

    def behandling_content(self, hidden: set[str]) -> dict:
        data = {"behandling": self.text("behandling" in hidden),
                "vedtak": self.text("vedtak" in hidden)}
        secret = "forslag" in hidden
        data["forslag"] = [{"id": "A", "fremmet_av": self.person(secret), "tekst": self.text(secret)}]
        data["votering"] = [{"over": "A", "resultat": "vedtatt", "for": 4, "mot": 3,
                             "mindretall": self.words("votering" in hidden)}]
        return data

    def case(self, saksnr: str, whole: bool | None = None) -> dict:
        skjerming, hidden = self.skjerming(CASE_FIELDS)
        if whole is not None:
            skjerming, hidden = ({"hjemmel": "offl. § 25"}, set(CASE_FIELDS)) if whole else (None, set())
        data: dict = {"saksnr": saksnr, "tittel": self.words("tittel" in hidden),
                      "saksbehandler": self.person("saksbehandler" in hidden)}
        if skjerming:
            data["skjerming"] = skjerming
            if skjerming.get("felt") is None or "tittel" in hidden:
                data["offentlig_tittel"] = "Offentlig tittel"
        for name in ("organisasjon", "administrativ_enhet", "arkivkode", "klageadgang"):
            data[name] = self.words(name in hidden)
        data["avgjoeres_av"] = self.body("avgjoeres_av" in hidden)
        data["saksgang"] = [{"utvalg": self.body("saksgang" in hidden), "moetedato": "2009-11-18"}]
        data["andre_saksdokumenter"] = [self.words("andre_saksdokumenter" in hidden)]
        data["vedlegg"] = [self.vedlegg(i, "vedlegg" in hidden) for i in (1, 2)]
        data["seksjoner"] = [self.seksjon(kind, "seksjoner" in hidden) for kind in ("bakgrunn", "vurdering")]
        inner, inner_hidden = self.skjerming(["tekst"])
        data["innstilling"] = {"fra": "raadmann", "tekst": self.text("innstilling" in hidden or bool(inner_hidden))}
        if inner:
            data["innstilling"]["skjerming"] = inner
        data["behandlinger"] = [self.case_behandling("behandlinger" in hidden)]
        return data

    def vedlegg(self, nr: int, secret: bool) -> dict:
        skjerming, hidden = self.skjerming(["tittel"])
        data = {"nr": nr, "tittel": self.words(secret or "tittel" in hidden)}
        if skjerming:
            data["skjerming"] = skjerming
        return data

    def seksjon(self, kind: str, secret: bool) -> dict:
        skjerming, hidden = self.skjerming(["overskrift", "tekst"])
        data = {"type": kind, "overskrift": self.words(secret or "overskrift" in hidden),
                "tekst": self.text(secret or "tekst" in hidden)}
        if skjerming:
            data["skjerming"] = skjerming
        return data

    def case_behandling(self, secret: bool) -> dict:
        skjerming, hidden = self.skjerming(BEHANDLING_FIELDS)
        data = {"utvalg": "formannskapet", "moetedato": "2009-11-18",
                **self.behandling_content(set(BEHANDLING_FIELDS) if secret else hidden)}
        if skjerming:
            data["skjerming"] = skjerming
        return data

    def meeting(self) -> dict:
        skjerming, hidden = self.skjerming(MEETING_FIELDS)
        data: dict = {"utvalg": "formannskapet", "moetedato": "2009-11-18", "dokumenttype": "moeteprotokoll",
                      "tittel": self.words("tittel" in hidden), "moetested": self.words("moetested" in hidden),
                      "deres_ref": self.words("deres_ref" in hidden), "vaar_ref": self.words("vaar_ref" in hidden),
                      "dokumentdato": "2009-11-20",
                      "merknader": [self.text("merknader" in hidden)],
                      "dokumenter_utdelt": [self.words("dokumenter_utdelt" in hidden)],
                      "moeteleder": self.person("moeteleder" in hidden)}
        # the standard notice names the referent; a notice of the meeting's own replaces it
        if "innkalling_tekst" in hidden or self.draw(st.booleans()):
            data["innkalling_tekst"] = self.text("innkalling_tekst" in hidden)
            self.quiet += 1
        data["referent"] = self.person("referent" in hidden)
        self.quiet -= 1 if "innkalling_tekst" in data else 0
        if skjerming:
            data["skjerming"] = skjerming
        secret_people = "deltakere" in hidden
        present = self.person(secret_people)
        absent = self.person(True) if secret_people else "ordforer"
        data["deltakere"] = [
            {"person": present, "oppmoete": "moett", "inhabil_i": [{"sak": "PS 2/09", "hjemmel": "fvl. § 6"}]},
            # the reason for absence is secret in every public rendering, skjerming or not
            {"person": absent, "oppmoete": "forfall", "forfall_grunn": self.secret()},
        ]
        data["saker"] = [self.item(nr, "saker" in hidden) for nr in ("PS 1/09", "PS 2/09", "PS 3/09")]
        secret = "signatur" in hidden
        data["signatur"] = [{"navn": self.words(secret), "tekst": "ref.", "tittel": self.words(secret)}]
        return data

    def item(self, nr: str, secret: bool) -> dict:
        skjerming, hidden = self.skjerming(ITEM_FIELDS)
        hidden = set(ITEM_FIELDS) if secret else hidden
        data: dict = {"nr": nr, "tittel": self.words("tittel" in hidden), "tekst": self.text("tekst" in hidden),
                      "droefting": [self.text("droefting" in hidden)],
                      "saksbehandler": self.person("saksbehandler" in hidden),
                      "oppfoelging": [{"tiltak": self.text("oppfoelging" in hidden),
                                       "ansvarlig": self.person("oppfoelging" in hidden)}],
                      "underpunkter": [self.subtopic("underpunkter" in hidden)],
                      **self.behandling_content(hidden)}
        if skjerming:
            data["skjerming"] = skjerming
        # an item may treat a case; a wholly skjermet case closes the item too
        if self.draw(st.booleans()):
            saksnr = f"2009/{100 + len(self.cases)}"
            whole = self.draw(st.booleans())
            self.quiet += 1  # a case's own text is the saksframlegg's, not the meeting's
            case = self.case(saksnr, whole=whole)
            self.quiet -= 1
            if whole and "tittel" not in hidden:
                data["tittel"] = self.secret()  # the item's title would name the closed case
            self.cases[saksnr] = Sak.model_validate(case)
            data["sak"] = saksnr
        return data

    def subtopic(self, secret: bool) -> dict:
        skjerming, hidden = self.skjerming(SUB_FIELDS)
        hidden = set(SUB_FIELDS) if secret else hidden
        data = {"tittel": self.words("tittel" in hidden), "tekst": self.text("tekst" in hidden),
                "droefting": [self.text("droefting" in hidden)],
                "oppfoelging": [{"tiltak": self.text("oppfoelging" in hidden)}]}
        if skjerming:
            data["skjerming"] = skjerming
        return data


class FakeIndex:
    def __init__(self, plant: Plant):
        self._people = {pid: Person(id=pid, navn=navn) for pid, navn in plant.people.items()}
        self._bodies = {bid: Utvalg(id=bid, navn=navn, type="utvalg") for bid, navn in plant.bodies.items()}
        self._cases = plant.cases

    def person(self, pid):
        return self._people.get(pid)

    def body(self, bid):
        return self._bodies.get(bid)

    def case(self, saksnr):
        return self._cases.get(saksnr)


def _renderer(tmp: Path) -> Renderer:
    return Renderer(tmp, Config(organisasjon="Fjordvik kommune"))


FORMATS = ["md", "html"]


def _renderings(renderer, kind, model, index, public: bool) -> dict[str, str]:
    out = {}
    for fmt in FORMATS:
        for maalform in ("nb", "nn"):
            out[f"{kind}.{fmt}.{maalform}"] = renderer.render(kind, model, index,
                                                              Options(fmt=fmt, maalform=maalform, public=public))
    return out


def _leaks(renderings: dict[str, str], secrets: list[str]) -> list[str]:
    return [f"{secret} in {name}" for name, text in renderings.items() for secret in secrets if secret in text]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_secret_survives_a_public_case(tmp_path, data):
    plant = Plant(data.draw)
    sak = Sak.model_validate(plant.case("2009/512"))
    index = FakeIndex(plant)
    renderer = _renderer(tmp_path)
    assert _leaks(_renderings(renderer, "case", sak, index, public=True), plant.secrets) == []
    internal = "\n".join(_renderings(renderer, "case", sak, index, public=False).values())
    assert [s for s in plant.secrets if s not in internal] == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_secret_survives_a_public_agenda_or_minutes(tmp_path, data):
    plant = Plant(data.draw)
    moete = Moete.model_validate(plant.meeting())
    index = FakeIndex(plant)
    renderer = _renderer(tmp_path)
    public = {**_renderings(renderer, "agenda", moete, index, public=True),
              **_renderings(renderer, "minutes", moete, index, public=True)}
    assert _leaks(public, plant.secrets) == []
    internal = "\n".join([*_renderings(renderer, "agenda", moete, index, public=False).values(),
                          *_renderings(renderer, "minutes", moete, index, public=False).values()])
    assert [s for s in plant.secrets if s not in internal and s not in plant.unseen] == []


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_secret_survives_a_public_pdf(tmp_path, data):
    pypdf = require_pdf()
    import io

    plant = Plant(data.draw)
    moete = Moete.model_validate(plant.meeting())
    index = FakeIndex(plant)
    renderer = _renderer(tmp_path)
    for kind in ("agenda", "minutes"):
        for public in (True, False):
            pdf = renderer.render(kind, moete, index, Options(fmt="pdf", public=public))
            text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
            leaked = [s for s in plant.secrets if s in text]
            if public:
                assert leaked == []
            else:  # the extraction does see text such as the secrets
                assert "Formannskapet" in text
