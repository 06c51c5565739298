from kvk.check.rules.meetings import presence_items, quorum, roll_call, substitutes, vote_counts

from .helpers import findings, meeting

ITEM = """
saker:
  - nr: 30/09
    tittel: Sak
    votering: {over: innstillingen, resultat: vedtatt, for: 2, mot: 1}
    vedtak: Vedtatt.
"""


def test_substitutes():
    ok = meeting("deltakere:\n  - {person: per, oppmoete: forfall}\n  - {person: vara, oppmoete: moett, moette_for: per}\n")
    assert findings(substitutes, ok) == []
    present = meeting("deltakere:\n  - {person: per, oppmoete: moett}\n  - {person: vara, oppmoete: moett, moette_for: per}\n")
    assert findings(substitutes, present) == [("KVK207", 6, "vara met for per, who is not marked absent (oppmoete: moett)")]
    absent = meeting("deltakere:\n  - {person: vara, oppmoete: moett, moette_for: kari}\n")
    assert findings(substitutes, absent) == [("KVK207", 5, "vara met for kari, who is not among the participants")]


def test_presence_items():
    m = meeting("deltakere:\n  - person: ola\n    til_stede_fra: {sak: 99/09}\n    inhabil_i: [{sak: 30/09}, {sak: 98/09}]\n" + ITEM)
    assert [(c, line) for c, line, _ in findings(presence_items, m)] == [("KVK213", 6), ("KVK213", 7)]


def test_quorum():
    # the body has three voting members: two present is a quorum, one is not
    two = meeting("deltakere:\n  - {person: ola, oppmoete: moett}\n  - {person: kari, oppmoete: moett}\n"
                  "  - {person: per, oppmoete: forfall}\n" + ITEM.replace("for: 2, mot: 1", "for: 2"))
    assert findings(quorum, two) == []
    one = meeting("deltakere:\n  - {person: ola, oppmoete: moett}\n  - {person: kari, oppmoete: forfall}\n"
                  "  - {person: per, oppmoete: forfall}\n" + ITEM.replace("for: 2, mot: 1", "for: 1"))
    assert findings(quorum, one) == [("KVK209", 13, "item 30/09: only 1 of the body's 3 members present and entitled to vote")]


def test_quorum_judges_presence_item_by_item():
    left = meeting("deltakere:\n  - {person: ola, oppmoete: moett}\n  - {person: kari, oppmoete: moett, til_stede_til: {sak: 29/09}}\n"
                   "  - {person: per, oppmoete: forfall}\n"
                   "saker:\n  - {nr: 29/09, tittel: Før, vedtak: Ja.}\n  - {nr: 30/09, tittel: Etter, vedtak: Ja.}\n")
    assert [(c, m) for c, _, m in findings(quorum, left)] == [
        ("KVK209", "item 30/09: only 1 of the body's 3 members present and entitled to vote")]


def test_vote_counts():
    m = meeting("deltakere:\n  - {person: ola, oppmoete: moett}\n  - {person: kari, oppmoete: moett}\n" + ITEM)
    assert findings(vote_counts, m) == [("KVK208", 11, "item 30/09: 3 votes but only 2 voting members present")]
    fits = meeting("deltakere:\n  - {person: ola}\n  - {person: kari}\n  - {person: per}\n" + ITEM)
    assert findings(vote_counts, fits) == []


def test_roll_call():
    m = meeting("""
        deltakere:
          - {person: ola, oppmoete: moett, inhabil_i: [{sak: 30/09}]}
          - {person: kari, oppmoete: moett}
          - {person: per, oppmoete: forfall}
        saker:
          - nr: 30/09
            tittel: Sak
            votering:
              - stemmer: [{person: ola, stemme: ja}, {person: per, stemme: ja}, {person: lise, stemme: nei}]
    """)
    assert [(c, msg.split(" voted")[0]) for c, _, msg in findings(roll_call, m)] == [
        ("KVK210", "ola"), ("KVK216", "per"), ("KVK215", "lise")]


def test_an_innkalling_is_not_judged_on_votes():
    m = meeting("deltakere:\n  - {person: ola}\n" + ITEM).model.model_copy(update={"dokumenttype": "innkalling"})
    from .helpers import MEETING_PATH, context
    from kvk.repository import Record

    rec = Record("moete", MEETING_PATH, m, None)
    assert list(vote_counts(rec, context())) == [] and list(quorum(rec, context())) == []
