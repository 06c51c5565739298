"""The catalogue of diagnostic codes: docs/codes.md matches it, and every code is really
produced somewhere in the tests, so no code is documented that kvk cannot give."""

from __future__ import annotations

import re
from pathlib import Path

from kvk.diagnostics import CODES, catalogue_markdown

from .check import test_bad_corpus
from .cli import test_meeting as meeting_tests
from .cli import test_org_remove as remove_tests
from .io import test_input as input_tests
from .io import test_writes as write_tests
from .documents import test_docx as docx_tests
from .documents import test_letterhead as letterhead_tests
from .render import test_cli_render as render_tests
from .render import test_profile as profile_tests
from .conftest import ROOT

#: codes no file in tests/bad/ can produce, and the unit test that does
UNIT_TESTED = {
    # kvk.yaml is configuration, not a record: a mistake in it stops the command with exit 2
    "KVK013": test_bad_corpus.test_bad_kvk_yaml_is_a_usage_error,
    # the corpus copies files over a repository: it cannot take away a folder's read permission
    # (root reads it anyway) nor replace data/ by a file
    "KVK015": input_tests.test_an_unreadable_folder_is_an_error_even_for_root,
    "KVK016": input_tests.test_data_being_a_file_is_an_error,
    # an interrupted transaction is a journal in .kvk/, which the corpus cannot hold
    "KVK018": write_tests.test_an_interrupted_change_is_kvk018_and_recover_rolls_it_forward,
    # rendering stops the command (exit 2); these are not findings of 'kvk check'
    "KVK301": render_tests.test_unknown_saksnr,
    "KVK302": render_tests.test_unknown_meeting,
    "KVK303": render_tests.test_template_syntax_error_names_file_and_line,
    "KVK304": render_tests.test_undefined_value_names_file_and_line,
    "KVK305": render_tests.test_missing_template_names_the_including_file,
    "KVK306": render_tests.test_sandbox_refuses_unsafe_templates,
    "KVK307": render_tests.test_pdf_without_weasyprint_says_how_to_get_it,
    "KVK308": render_tests.test_invalid_record_names_its_line,
    "KVK309": profile_tests.test_unknown_label_key_is_kvk309_with_the_closest_key,
    # the letterhead, the Word template and the PDF font (issue 16): the document is not made
    "KVK316": letterhead_tests.test_missing_logo,
    "KVK317": letterhead_tests.test_logo_that_is_no_image,
    "KVK318": docx_tests.test_broken_word_template,
    "KVK319": letterhead_tests.test_font_that_cannot_be_found,
    "KVK320": docx_tests.test_word_output_without_docxtpl,
    # writing records (issue 14): a command stops before it writes; these are not findings
    "KVK701": meeting_tests.test_an_edit_made_while_kvk_works_is_not_overwritten,
    "KVK702": meeting_tests.test_a_vedtak_is_not_replaced_without_force,
    "KVK703": meeting_tests.test_decisions_need_minutes,
    "KVK704": remove_tests.test_refusals_are_one_line_and_nothing_is_written,
}
#: codes neither the corpus nor a unit test produces, each with the reason (keep this empty)
EXEMPT: dict[str, str] = {}


def corpus_codes() -> set[str]:
    found: set[str] = set()
    for expected in (ROOT / "tests" / "bad").glob("*/expected.txt"):
        found |= set(re.findall(r": (?:error|warning|info) (KVK\d{3}) ", expected.read_text(encoding="utf-8")))
    return found


def test_codes_doc_is_up_to_date():
    committed = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    assert committed == catalogue_markdown(), "run: kvk codes --format md > docs/codes.md"


#: tests that produce and assert codes the corpus cannot (they need indicators' arithmetic or a
#: git history): file -> the code range it covers
SPECIALISED = {
    "indicators/test_checks.py": r"KVK4\d\d",  # a table of broken fixtures, one per check
    "check/test_changed.py": r"KVK50\d",  # kvk check --changed in real git repositories
    "cli/test_review.py": r"KVK50\d",
    "publish/test_fiks.py": r"KVK60[0-3]",  # kvk export refuses: sender numbers, schema, findings
    "publish/test_output.py": r"KVK60[34]",  # the output folder: findings, a folder kvk did not write
}


def indicator_fixture_codes() -> set[str]:
    found: set[str] = set()
    for name, pattern in SPECIALISED.items():
        text = (ROOT / "tests" / name).read_text(encoding="utf-8")
        found |= set(re.findall(rf"\b({pattern})\b", text))
    return found


def test_every_code_is_produced_by_the_corpus_or_a_unit_test():
    covered = corpus_codes() | indicator_fixture_codes() | set(UNIT_TESTED) | set(EXEMPT)
    assert sorted(set(CODES) - covered) == [], "add a case to tests/bad/ for these codes"


def test_corpus_and_exemptions_name_only_real_codes():
    assert corpus_codes() <= set(CODES)
    # an exemption or unit-test entry that the corpus now covers is stale: drop it
    assert not (set(UNIT_TESTED) | set(EXEMPT)) & corpus_codes()
    assert set(UNIT_TESTED) <= set(CODES) and set(EXEMPT) <= set(CODES)


def test_unit_tests_for_codes_mention_their_code():
    import inspect

    for code, test in UNIT_TESTED.items():
        assert code in inspect.getsource(test), f"{test.__name__} does not check {code}"


def test_catalogue_is_well_formed():
    for code, spec in CODES.items():
        assert re.fullmatch(r"KVK\d{3}", code) and spec.code == code
        assert spec.title and spec.title == spec.title.strip() and not spec.title.endswith(".")
