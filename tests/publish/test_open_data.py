"""Popolo open data, iCalendar and Atom feeds: what an open-data user or a calendar sees."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from kvk.publish import feeds, popolo
from kvk.publish.export import export, files
from kvk.publish.source import public_records
from kvk.repository import Repository

from .conftest import SECRETS, copy_repo, published_text, sources, publishable

MEETING = "data/moter/2009/2009-04-23-formannskapet.yaml"


def data(root):
    return popolo.popolo(public_records(Repository.open(root)))


def test_popolo_has_the_bodies_people_and_parties(kommune):
    d = data(kommune)
    orgs = {o["id"]: o for o in d["organizations"]}
    assert orgs["kommune"] == {"id": "kommune", "name": "Havbrynet kommune", "classification": "kommune",
                               "identifiers": [{"scheme": "organisasjonsnummer", "identifier": "974760673"},
                                               {"scheme": "kommunenummer", "identifier": "5014"}]}
    assert orgs["formannskapet"]["parent_id"] == "kommune"
    assert orgs["gruppe-frp"] == {"id": "gruppe-frp", "name": "FrP", "classification": "party"}
    assert orgs["gruppe-fagforbundet"]["classification"] == "organisation"
    assert {"id": "kjell-ovesen", "name": "Kjell Øvesen"} in d["persons"]
    assert not any("email" in p or "telefon" in p for p in d["persons"])
    assert {"id": "formannskapet/randi-aasen/leder", "person_id": "randi-aasen",
            "organization_id": "formannskapet", "role": "leder"} in d["memberships"]
    assert {"id": "gruppe-ap/randi-aasen", "person_id": "randi-aasen", "organization_id": "gruppe-ap",
            "role": "medlem"} in d["memberships"]
    event = d["events"][0]
    assert event == {"id": "2009-04-23-formannskapet", "name": "Formannskapet 2009-04-23",
                     "classification": "meeting", "organization_id": "formannskapet",
                     "start_date": "2009-04-23T13:15:00+02:00", "end_date": "2009-04-23T16:30:00+02:00",
                     "location": "Rådhuset, formannskapssalen", "status": "minutes"}


def test_vote_events_count_overall_and_by_group_with_the_individual_votes(kommune):
    votes = {v["id"]: v for v in data(kommune)["vote_events"]}
    split = votes["2009-04-23-formannskapet/41/09/1"]
    assert split["result"] == "pass"
    overall = [c for c in split["counts"] if "group_id" not in c]
    assert overall == [{"option": "yes", "value": 4}, {"option": "no", "value": 3}]
    by_group = {(c["group_id"], c["option"]): c["value"] for c in split["counts"] if "group_id" in c}
    assert by_group == {("gruppe-ap", "yes"): 2, ("gruppe-sp", "yes"): 1, ("gruppe-sv", "yes"): 1,
                        ("gruppe-h", "no"): 1, ("gruppe-v", "no"): 1, ("gruppe-frp", "no"): 1}
    assert {"voter_id": "arne-skogli", "option": "no", "group_id": "gruppe-h"} in split["votes"]
    assert votes["2009-04-23-formannskapet/43/09/1"]["counts"] == [{"option": "yes", "value": 5}]
    assert "votes" not in votes["2009-04-23-formannskapet/43/09/1"]


def draft(root):
    path = root / MEETING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: godkjent\n  dato: 07.05.2009", "status: utkast"), encoding="utf-8")


def test_draft_minutes_are_never_published(kommune, tmp_path):
    draft(kommune)
    result = export(Repository.open(kommune), "alt", tmp_path / "ut")
    assert result.drafts == ["2009-04-23-formannskapet"]
    assert "fiks/vedtak/2009-04-23-formannskapet.json" not in result.written
    assert "fiks/utvalgssaker/2009-04-23-formannskapet.json" in result.written  # the agenda is public
    d = data(kommune)
    assert d["vote_events"] == [] and d["motions"] == [] and d["events"][0]["status"] == "agenda"
    atom = ET.fromstring((tmp_path / "ut/kalender/protokoller.atom").read_bytes())
    assert atom.findall(f"{{{feeds.ATOM}}}entry") == []


@pytest.mark.parametrize("name", publishable())
def test_no_exempt_text_in_any_exported_file(name, tmp_path):
    root = copy_repo(sources()[name], tmp_path / "r")
    export(Repository.open(root), "alt", tmp_path / "ut")
    text = published_text(tmp_path / "ut")
    for secret in SECRETS:
        assert secret not in text


def test_calendars_per_body_and_for_all(kommune):
    from icalendar import Calendar

    made = feeds.calendars(public_records(Repository.open(kommune)))
    assert sorted(made) == ["kalender/alle.ics", "kalender/formannskapet.ics", "kalender/kommunestyret.ics",
                            "kalender/levekaarsutvalet.ics"]
    cal = Calendar.from_ical(made["kalender/formannskapet.ics"])
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Oslo"]
    (ev,) = cal.walk("VEVENT")
    assert ev["UID"] == "2009-04-23-formannskapet@974760673.kvk"
    assert ev["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert ev.decoded("DTSTART").isoformat() == "2009-04-23T13:15:00+02:00"
    assert ev.decoded("DTEND").isoformat() == "2009-04-23T16:30:00+02:00"
    assert str(ev["DESCRIPTION"]).splitlines() == [
        "Sakskart:", "41/09 Ny barnehage på Sandvika – lokalisering", "42/09 Tilsetting – ******",
        "43/09 Kjøp av tomt til omsorgsboliger", "44/09 Orientering om sykefraværet 1. kvartal"]
    assert Calendar.from_ical(made["kalender/kommunestyret.ics"]).walk("VEVENT") == []
    assert len(Calendar.from_ical(made["kalender/alle.ics"]).walk("VEVENT")) == 1


def test_feeds_are_the_same_bytes_every_run(kommune, seeds):
    for root in (kommune, seeds):
        first = files(public_records(Repository.open(root)), "kalender")
        again = files(public_records(Repository.open(root)), "kalender")
        assert first == again


def test_a_meeting_without_a_time_is_a_whole_day(seeds):
    from icalendar import Calendar

    made = feeds.calendars(public_records(Repository.open(seeds)))
    (ev,) = Calendar.from_ical(made["kalender/alle.ics"]).walk("VEVENT")
    assert ev["DTSTART"].params.get("VALUE") == "DATE" and ev.decoded("DTSTART").isoformat() == "2009-10-30"


def test_the_atom_feed_lists_the_published_protokoller(kommune):
    atom = ET.fromstring(feeds.atom(public_records(Repository.open(kommune))))
    ns = {"a": feeds.ATOM}
    (entry,) = atom.findall("a:entry", ns)
    assert entry.find("a:title", ns).text == "Protokoll: Formannskapet 23.04.2009"
    assert entry.find("a:updated", ns).text == "2009-05-07T00:00:00Z"
    assert entry.find("a:link", ns).get("href") == "moter/2009-04-23-formannskapet.html"
    assert atom.find("a:id", ns).text == "urn:kvk:974760673:protokoller"
