from kvk.check.rules.files import case_file_name, meeting_file_name

from .helpers import findings, record

CASE = "saksnr: 2009/12\ntittel: T\nsaksbehandler: kari\n"


def test_case_file_name():
    assert findings(case_file_name, record("data/saker/2009/2009-0012.yaml", CASE)) == []
    assert findings(case_file_name, record("data/saker/2009/2009-0012-budsjett.yaml", CASE)) == []
    assert findings(case_file_name, record("data/saker/2009/2009-0013.yaml", CASE)) == [
        ("KVK204", 1, "2009/12 belongs in data/saker/2009/2009-0012.yaml, not data/saker/2009/2009-0013.yaml")]
    assert [f[0] for f in findings(case_file_name, record("data/saker/2008/2009-0012.yaml", CASE))] == ["KVK204"]


def test_meeting_file_name():
    text = "utvalg: formannskapet\nmoetedato: 04.03.2009\ndokumenttype: innkalling\n"
    assert findings(meeting_file_name, record("data/moter/2009/2009-03-04-formannskapet.yaml", text)) == []
    assert findings(meeting_file_name, record("data/moter/2009/2009-03-05-formannskapet.yaml", text)) == [
        ("KVK204", 2, "2009-03-04-formannskapet belongs in data/moter/2009/2009-03-04-formannskapet.yaml, "
                      "not data/moter/2009/2009-03-05-formannskapet.yaml")]
