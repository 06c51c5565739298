"""A repository's templates follow the records' rules: no link out of the repository, only
regular files; recursion and huge loops are a one-line failure (issue 12, point 4)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

MEETING = "2009-10-30-styringsgruppa"


def render(repo: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kvk", "render-minutes", MEETING, *args], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "KVK_REPO": str(repo), "KVK_NO_CACHE": "1"})


def one_line_failure(result: subprocess.CompletedProcess, *needles: str) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    for needle in needles:
        assert needle in message, message
    return message


@pytest.fixture
def templates(seed_repo) -> Path:
    folder = seed_repo / "templates"
    folder.mkdir()
    return folder


def test_a_template_linked_out_of_the_repository_is_refused(seed_repo, templates, tmp_path_factory):
    secret = tmp_path_factory.mktemp("outside") / "environ"
    secret.write_text("AWS_SECRET=hunter2\n")
    os.symlink(secret, templates / "protokoll.md.j2")
    result = render(seed_repo, "--public")
    message = one_line_failure(result, "templates/protokoll.md.j2:1:1: error KVK007", "outside the repository")
    assert "hunter2" not in result.stdout + message


def test_an_included_template_linked_out_of_the_repository_is_refused(seed_repo, templates):
    (templates / "protokoll.md.j2").write_text("{% include 'leak.j2' %}\n")
    os.symlink("/proc/self/environ", templates / "leak.j2")
    result = render(seed_repo, "--public")
    one_line_failure(result, "templates/leak.j2:1:1: error KVK007")
    assert result.stdout == ""


def test_a_link_inside_the_repository_is_followed(seed_repo, templates):
    (seed_repo / "shared.j2").write_text("Delt mal: {{ doc.tittel }}\n")
    os.symlink("../shared.j2", templates / "protokoll.md.j2")
    result = render(seed_repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Delt mal: ")


def test_a_fifo_template_does_not_hang(seed_repo, templates):
    os.mkfifo(templates / "protokoll.md.j2")
    one_line_failure(render(seed_repo, timeout=60), "templates/protokoll.md.j2:1:1: error KVK010",
                     "named pipe (FIFO), not a regular file")


def test_a_device_template_is_refused(seed_repo, templates):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    (templates / "protokoll.md.j2").write_text("{% include 'zero.j2' %}\n")
    os.symlink("/dev/zero", templates / "zero.j2")  # outside the repository, and a device
    one_line_failure(render(seed_repo, timeout=60), "templates/zero.j2:1:1: error KVK007")


@pytest.mark.parametrize("text", ["{% extends 'protokoll.md.j2' %}\n", "{% include 'protokoll.md.j2' %}\n"])
def test_a_template_that_extends_or_includes_itself_is_one_line(seed_repo, templates, text):
    (templates / "protokoll.md.j2").write_text(text)
    one_line_failure(render(seed_repo), "templates/protokoll.md.j2", "KVK306", "extends or includes itself")


def test_two_templates_including_each_other_are_one_line(seed_repo, templates):
    (templates / "protokoll.md.j2").write_text("{% include 'a.j2' %}\n")
    (templates / "a.j2").write_text("a {% include 'protokoll.md.j2' %}\n")
    one_line_failure(render(seed_repo), "KVK306", "extends or includes itself")


def test_a_huge_range_is_one_line(seed_repo, templates):
    (templates / "protokoll.md.j2").write_text("{% for i in range(10**8) %}x{% endfor %}\n")
    one_line_failure(render(seed_repo), "templates/protokoll.md.j2:1:", "KVK306", "too much")
