from kvk.check.rules.references import duplicate_ids, unknown_references

from .helpers import across, meeting, record

CASE = "saksnr: 2009/12\ntittel: T\nsaksbehandler: {who}\nindikatorer: [{ind}]\n"


def test_unknown_references():
    case = record("data/saker/2009/2009-0012.yaml", CASE.format(who="nobody", ind="nix"))
    m = meeting("deltakere:\n  - {person: ola}\nsaker:\n  - {nr: '1', tittel: x, sak: 2009/99}\n")
    assert [(code, path, line) for code, path, line, _ in across(unknown_references, case, m)] == [
        ("KVK201", "data/saker/2009/2009-0012.yaml", 3),
        ("KVK205", "data/moter/2009/2009-03-04-formannskapet.yaml", 7),
        ("KVK212", "data/saker/2009/2009-0012.yaml", 4)]
    known = record("data/saker/2009/2009-0012.yaml", "saksnr: 2009/12\ntittel: T\nsaksbehandler: kari\n")
    assert across(unknown_references, known) == []


def test_duplicate_ids():
    a = record("data/saker/2009/2009-0012.yaml", "saksnr: 2009/12\ntittel: A\nsaksbehandler: kari\n")
    b = record("data/saker/2009/2009-0012-b.yaml", "saksnr: 2009/12\ntittel: B\nsaksbehandler: kari\n")
    assert across(duplicate_ids, a, b) == [
        ("KVK203", "data/saker/2009/2009-0012-b.yaml", 1, "saksnr 2009/12 is also claimed by data/saker/2009/2009-0012.yaml:1"),
        ("KVK203", "data/saker/2009/2009-0012.yaml", 1, "saksnr 2009/12 is also claimed by data/saker/2009/2009-0012-b.yaml:1")]
    assert across(duplicate_ids, a) == []
