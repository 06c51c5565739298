"""What kvk writes points an editor at its schema: `kvk init`, `new-case` and `new-meeting` write
the schema line, it leads to the repository's schemas/, and the files they write satisfy it as
an editor reads them, in check-jsonschema's reading and in the real YAML language server's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kvk import layout
from kvk.cli import app

from ..authoring_fixtures import ORGANISATION, case_args
from .records import editor_load


@pytest.fixture
def written(runner, tmp_path) -> tuple[Path, list[tuple[str, Path]]]:
    repo = tmp_path / "bjugn"
    result = runner.invoke(app, ["init", str(repo), "--organisasjon", "Bjugn kommune", "--no-input", "--no-git"])
    assert result.exit_code == 0, result.output
    organisation = repo / "data/organisasjon.yaml"
    first = organisation.read_text(encoding="utf-8").splitlines(keepends=True)[0]
    organisation.write_text(first + ORGANISATION, encoding="utf-8")  # people and a body, under kvk's first line
    case = runner.invoke(app, case_args(repo))
    assert case.exit_code == 0, case.output
    meeting = runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet",
                                  "--dato", "2009-11-20"])
    assert meeting.exit_code == 0, meeting.output
    files = [("kvk", repo / "kvk.yaml"), ("organisasjon", organisation),
             ("sak", Path(case.stdout.strip())), ("moete", Path(meeting.stdout.splitlines()[0].strip()))]
    return repo, files


def schema_line_target(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), first
    return (path.parent / first.split("$schema=", 1)[1]).resolve()


def test_every_written_record_names_its_schema_in_the_repository(written):
    repo, files = written
    for kind, path in files:
        assert schema_line_target(path) == (repo / layout.schema_file(kind)).resolve(), path


def test_every_written_record_satisfies_its_schema(written):
    import jsonschema

    repo, files = written
    for kind, path in files:
        schema = json.loads(schema_line_target(path).read_text(encoding="utf-8"))
        errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(
            editor_load(path.read_text(encoding="utf-8")))]
        assert errors == [], path


def test_the_language_server_finds_nothing_to_flag(written):
    from .lsp import LanguageServer, install

    reason = install()
    if reason:
        import os
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    repo, files = written
    server = LanguageServer(repo)
    try:
        for _kind, path in files:
            uri = server.open(path)
            assert server.diagnostics(uri) == [], path
    finally:
        server.close()
