"""Every case of tests/bad/ that a schema can express is rejected by it, where kvk points; the
YAML an editor's parser refuses itself is refused there; the rest is named with the reason only
``kvk check`` sees it. A new case must be put in one of the lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from kvk import layout

from .records import editor_load, schema_errors, validator

BAD = Path(__file__).resolve().parent.parent / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir() and not p.name.startswith("_"))

#: case -> where the schema's first complaint points (slash-separated path in the record)
SCHEMA = {
    "bad-date-31-february": "dato",
    "bad-date-month-13": "saksgang/0/moetedato",
    "bad-id-uppercase": "saksbehandler",
    "bad-period-q5": "maalinger/1/periode",
    "bad-saksnr": "saksnr",
    "bad-time-25": "start",
    "bad-utvalgssaksnr": "saksgang/0/utvalgssaksnr",
    "bad-yes-no": "vis_saksnr",
    "choice-did-you-mean": "innstilling",
    "comments-only": "",
    "decimal-comma": "maalinger/2/verdi",
    "digits-not-ascii": "saksnr",
    "decimal-comma-in-flow": "maalinger/1",
    "empty-file": "",
    "enstemmig-with-votes-against": "saker/0/votering/0/mot",
    "id-path-outside": "saksgang/0/utvalg",
    "item-case-papers-twice": "saker/0/innstilling",
    "meeting-without-date-or-id": "",
    "minutes-approved-without-date": "protokollstatus",
    "missing-required-field": "",
    "negative-vote-count": "saker/0/votering/0/mot",
    "number-not-finite": "maalinger/2/verdi",
    "presence-kl-and-sak": "deltakere/5/til_stede_til",
    "saksnr-path-outside": "saksnr",
    "saksnr-two-digit-year": "saksnr",
    "skjermet-case-without-public-title": "",
    "skjermet-near-miss-nynorsk": "seksjoner/0/tekst",
    "skjermet-near-miss-single-brackets": "seksjoner/0/tekst",
    "skjermet-near-miss-spaces": "innstilling",
    "skjermet-near-miss-stray-closer": "seksjoner/0/tekst",
    "skjermet-near-miss-upper-case": "seksjoner/0/tekst",
    "skjermet-unbalanced": "seksjoner/0/tekst",
    "skjermet-without-hjemmel": "innstilling",
    "skjerming-felt-identity": "skjerming",
    "skjerming-felt-unknown": "skjerming",
    "top-level-list": "",
    "top-level-scalar": "",
    "unknown-field-capitalised-empty": "saksgang/0",
    "unknown-field-did-you-mean": "",
    "unknown-field-no-suggestion": "vedlegg/0",
    "vote-count-not-whole": "saker/0/votering/0/for",
    "wrong-type-list-for-date": "dato",
    "wrong-type-mapping-for-text": "tittel",
    "wrong-type-text-for-list": "saksgang",
}

#: the editor's YAML parser refuses these before any schema applies (as kvk's loader does)
PARSER = {"alias", "control-character", "duplicate-key-nested", "duplicate-key-top", "not-utf8-latin1",
          "nul-byte", "tag-python-object", "two-documents", "yaml-at-sign", "yaml-tab-indentation",
          "yaml-unclosed-bracket", "yaml-unquoted-colon"}

#: valid records with traps in them: the schema must accept them
VALID = {"ok-bom-crlf", "ok-honest-unknowns", "ok-yaml11-traps"}

#: case -> why a schema cannot express it
ONLY_KVK = {
    "agenda-item-missing-case": "another file: does the case exist",
    "agenda-number-disagrees": "another file: the case's utvalgssaksnr",
    "agenda-number-missing": "another file: the case's utvalgssaksnr",
    "anchor": "a YAML feature, not a value: an anchor without its alias leaves the data as it was",
    "deep-nesting": "a limit of kvk's loader; the schema refuses the list, not the depth",
    "duplicate-person-id": "uniqueness of one field across the items of a list (uniqueItems compares whole items)",
    "duplicate-saksnr": "two files",
    "duplicate-utvalgssaksnr": "two files",
    "file-name-mismatch": "the file's name, which a schema does not see",
    "head-count-disagrees": "a stated number compared with a count of list items that match",
    "party-vote-disagrees": "the organisation file's parties and the participants",
    "presence-events-out-of-order": "the order of values in a list (kom before forlot)",
    "quorum-uncertain": "the organisation file: the body's size, and who was present when",
    "same-person-twice": "uniqueness of one field across the items of a list",
    "unknown-party": "another part of the organisation file: its party register",
    "vedtak-typed-twice-differs": "another file: the meeting's item",
    "vote-over-unknown-proposal": "another part of the record: the item's proposal ids",
    "inhabil-unknown-item": "another part of the record: the agenda's item numbers",
    "key-not-text": "a YAML feature (a list as a key); the schema refuses the key, not its type",
    "link-dangling": "a file-system link",
    "link-outside-repository": "a file-system link",
    "meeting-ends-before-start": "a comparison of two fields' values (slutt after start)",
    "meeting-file-name-mismatch": "the file's name",
    "not-vedtaksdyktig": "the organisation file: the body's members",
    "presence-unknown-item": "another part of the record: the agenda's item numbers",
    "roll-call-mismatch": "a count of list items compared with another field",
    "saksgang-meeting-does-not-list-case": "another file",
    "stray-file": "a file where no record belongs: no schema applies",
    "substitute-for-non-participant": "the organisation file and the other participants",
    "substitute-for-someone-present": "the other participants' values",
    "tag-binary": "a YAML tag; the schema refuses the bytes it makes, not the tag",
    "unknown-body": "the organisation file",
    "unknown-indicator": "the indicator files",
    "unknown-person": "the organisation file",
    "unknown-person-in-meeting": "the organisation file",
    "vote-by-absent-member": "the participants' attendance compared with the roll call",
    "vote-by-non-participant": "the participants compared with the roll call",
    "vote-while-inhabil": "the participants' inhabilitet compared with the roll call",
    "votes-exceed-present": "a sum of fields compared with the number present",
    "upper-case-extension": "the file's name: an editor applies no schema to a .YAML file at all",
    "question-mark-in-braces": "a difference between YAML parsers: the editor's reads 'Hva nå??' in { } as "
                               "text, kvk's loader refuses the '?' (the schema flags only the unknown key it sits in)",
    "escape-not-text": "a character no file holds, written as an escape: the schema would need a pattern on "
                       "every string of every field (not done; kvk's loader refuses it, KVK014)",
    "lone-surrogate": "a character no file holds, written as an escape: the schema would need a pattern on "
                      "every string of every field (not done; kvk's loader refuses it, KVK014)",
}


def case_records(name: str) -> list[tuple[str, Path]]:
    case = BAD / name
    found = []
    for path in sorted(case.rglob("*.yaml")):
        rel = path.relative_to(case).as_posix()
        kind = "kvk" if rel == "kvk.yaml" else layout.kind_of(rel)
        if kind is not None:
            found.append((kind, path))
    return found


def test_every_case_is_placed():
    placed = set(SCHEMA) | PARSER | VALID | set(ONLY_KVK)
    assert sorted(set(CASES) - placed) == [], "put the new tests/bad case in a list of tests/editor/test_bad_cases.py"
    assert sorted(placed - set(CASES)) == []
    assert len(placed) == len(SCHEMA) + len(PARSER) + len(VALID) + len(ONLY_KVK)


@pytest.mark.parametrize("name", sorted(SCHEMA))
def test_schema_rejects_what_it_can_express(name):
    paths = []
    for kind, path in case_records(name):
        data = editor_load(path.read_bytes().decode("utf-8-sig"))
        paths += ["/".join(map(str, e.absolute_path)) for e in validator(kind).iter_errors(data)]
    assert paths, f"the schema accepts tests/bad/{name}"
    assert paths[0] == SCHEMA[name]


@pytest.mark.parametrize("name", sorted(PARSER))
def test_the_editors_parser_refuses(name):
    (kind, path), = case_records(name)
    with pytest.raises(Exception):
        editor_load(path.read_bytes().decode("utf-8"))


@pytest.mark.parametrize("name", sorted(VALID))
def test_the_traps_are_valid_to_the_schema(name):
    for kind, path in case_records(name):
        assert schema_errors(kind, path.read_bytes().decode("utf-8-sig")) == []
