from kvk.check.rules.agenda import duplicate_utvalgssaksnr, item_numbers, number, saksgang_vs_agenda, vedtak_typed_twice

from .helpers import across, meeting, record


def case(seq: int, utvalgssaksnr: str | None = None, title: str = "T", slug: str = ""):
    given = f", utvalgssaksnr: {utvalgssaksnr}" if utvalgssaksnr else ""
    return record(f"data/saker/2009/2009-{seq:04d}{slug}.yaml",
                  f"saksnr: 2009/{seq}\ntittel: {title}\nsaksbehandler: kari\n"
                  f"saksgang:\n  - {{utvalg: formannskapet, moetedato: 2009-03-04{given}}}\n")


def agenda(*items: tuple[str, int]):
    lines = "".join(f"  - {{nr: '{nr}', tittel: T, sak: 2009/{seq}}}\n" for nr, seq in items)
    return meeting("saker:\n" + lines)


def test_number():
    assert number("PS 45/08") == (45, 2008) and number("45/2008") == (45, 2008) and number(" 1/09 ") == (1, 2009)
    assert number("1") is None and number("Eventuelt") is None and number(None) is None


def test_saksgang_vs_agenda():
    assert across(saksgang_vs_agenda, case(12), agenda(("1/09", 12))) == []
    found = across(saksgang_vs_agenda, case(12), agenda(("1/09", 13)))
    assert [(c, p, line) for c, p, line, _ in found] == [("KVK206", "data/saker/2009/2009-0012.yaml", 5)]
    assert across(saksgang_vs_agenda, case(12)) == []  # no such meeting: nothing to compare with


def test_duplicate_utvalgssaksnr():
    found = across(duplicate_utvalgssaksnr, case(12, "30/09"), case(13, "PS 30/2009"))
    assert [(c, p) for c, p, _, _ in found] == [("KVK214", "data/saker/2009/2009-0012.yaml"),
                                               ("KVK214", "data/saker/2009/2009-0013.yaml")]
    assert across(duplicate_utvalgssaksnr, case(12, "30/09"), case(13, "31/09")) == []


def test_item_numbers():
    assert across(item_numbers, case(12, "1/09"), agenda(("1/09", 12))) == []
    assert across(item_numbers, case(12, "PS 1/2009"), agenda(("1/09", 12))) == []  # one number, two spellings
    assert across(item_numbers, case(12), agenda(("1", 12))) == []  # items numbered without a year
    assert [m for *_, m in across(item_numbers, case(12), agenda(("1/09", 12)))] == [
        "the meeting 2009-03-04-formannskapet lists case 2009/12 as item 1/09, but its saksgang gives no "
        "utvalgssaksnr there"]
    assert [(c, line) for c, _, line, _ in across(item_numbers, case(12, "2/09"), agenda(("1/09", 12)))] == [
        ("KVK217", 5)]


def test_item_numbers_after_a_merge_gave_two_cases_one_saksnr():
    """Both claimants of 2009/12 are on the agenda, each under its own number: no half state."""
    a, b = case(12, "1/09", "A"), case(12, "2/09", "B", slug="-b")
    assert across(item_numbers, a, b, agenda(("1/09", 12), ("2/09", 12))) == []
    assert [p for _, p, _, _ in across(item_numbers, a, b, agenda(("1/09", 12)))] == ["data/saker/2009/2009-0012-b.yaml"]


def test_vedtak_typed_twice():
    def with_behandling(vedtak: str):
        return record("data/saker/2009/2009-0012.yaml",
                      "saksnr: 2009/12\ntittel: T\nsaksgang:\n  - {utvalg: formannskapet, moetedato: 2009-03-04}\n"
                      f"behandlinger:\n  - {{utvalg: formannskapet, moetedato: 2009-03-04, vedtak: {vedtak}}}\n")

    item = meeting("saker:\n  - {nr: 30/09, sak: 2009/12, tittel: T, vedtak: Søknaden   innvilges.}\n")
    assert across(vedtak_typed_twice, with_behandling("Søknaden innvilges."), item) == []  # the same words
    assert across(vedtak_typed_twice, with_behandling("Søknaden avslås."), item) == [
        ("KVK220", "data/saker/2009/2009-0012.yaml", 6, "case 2009/12: the vedtak of the behandling in formannskapet "
         "2009-03-04 differs from the one in the meeting 2009-03-04-formannskapet")]
    # a behandling in a meeting the repository does not hold is the case's to tell
    assert across(vedtak_typed_twice, with_behandling("Søknaden avslås.")) == []
