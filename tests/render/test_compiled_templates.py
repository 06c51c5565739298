"""Compiled templates kept in the user's cache folder: the same document, never a stale one,
and never code from a folder someone else could fill."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from kvk.io.cache import user_folder
from kvk.render.environment import make_environment, render_template


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("KVK_NO_CACHE", raising=False)
    return tmp_path / "xdg" / "kvk" / "templates"


def _repo(tmp_path: Path, text: str) -> Path:
    templates = tmp_path / "repo" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    (templates / "hilsen.md.j2").write_text(text, encoding="utf-8")
    return templates


def _render(templates: Path, name: str = "hilsen.md.j2", **context) -> str:
    env = make_environment("md", "nb", templates)
    return render_template(env, name, templates.parent, **context)


def _no_compiling(monkeypatch) -> None:
    def refuse(self, *args, **kwargs):
        raise AssertionError("compiled again")
    monkeypatch.setattr(jinja2.Environment, "compile", refuse)


def test_a_second_render_takes_the_compiled_template(tmp_path, user_cache, monkeypatch):
    templates = _repo(tmp_path, "Hei {{ navn }}, {{ 10000|tall }}\n")
    assert _render(templates, navn="Kari") == "Hei Kari, 10 000\n"
    assert len(list(user_cache.glob("*.jinja"))) == 1
    assert (user_cache.stat().st_mode & 0o777) == 0o700
    _no_compiling(monkeypatch)
    assert _render(templates, navn="Ola") == "Hei Ola, 10 000\n"


def test_the_built_in_templates_load_from_the_cache(tmp_path, user_cache, monkeypatch):
    from kvk.render.environment import builtin_templates

    names = sorted(p.name for p in builtin_templates().glob("*.j2"))
    env = make_environment("md", "nb", None)
    fresh = {n: env.get_template(n).root_render_func.__code__ for n in names}
    assert len(list(user_cache.glob("*.jinja"))) >= len(names)
    _no_compiling(monkeypatch)
    again = make_environment("md", "nb", None)
    for name in names:
        code = again.get_template(name).root_render_func.__code__
        assert (code.co_code, code.co_names, code.co_consts) == (fresh[name].co_code, fresh[name].co_names,
                                                                  fresh[name].co_consts)


def test_an_edited_template_is_compiled_afresh(tmp_path, user_cache):
    templates = _repo(tmp_path, "før {{ navn }}\n")
    assert _render(templates, navn="Kari") == "før Kari\n"
    (templates / "hilsen.md.j2").write_text("etter {{ navn }}\n", encoding="utf-8")
    assert _render(templates, navn="Kari") == "etter Kari\n"


def test_the_html_and_markdown_environments_keep_their_own_entries(tmp_path, user_cache):
    templates = _repo(tmp_path, "{{ tekst }}\n")
    (templates / "hilsen.html.j2").write_text("{{ tekst }}\n", encoding="utf-8")
    assert _render(templates, tekst="<b>") == "<b>\n"
    env = make_environment("html", "nb", templates)
    assert render_template(env, "hilsen.html.j2", templates.parent, tekst="<b>") == "&lt;b&gt;\n"
    # the Markdown environment does not escape; taken from the cache, it still does not
    assert _render(templates, tekst="<b>") == "<b>\n"
    env = make_environment("html", "nb", templates)
    assert render_template(env, "hilsen.html.j2", templates.parent, tekst="<b>") == "&lt;b&gt;\n"


@pytest.mark.parametrize("damage", [b"", b"j2", b"garbage" * 50, None])
def test_a_truncated_or_corrupt_entry_is_compiled_afresh(tmp_path, user_cache, damage):
    templates = _repo(tmp_path, "Hei {{ navn }}\n")
    _render(templates, navn="Kari")
    (entry,) = user_cache.glob("*.jinja")
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2] if damage is None else damage)
    assert _render(templates, navn="Kari") == "Hei Kari\n"
    assert entry.read_bytes() == data  # rewritten whole


def test_no_cache_reads_and_writes_nothing(tmp_path, user_cache, monkeypatch):
    monkeypatch.setenv("KVK_NO_CACHE", "1")
    templates = _repo(tmp_path, "Hei\n")
    assert _render(templates) == "Hei\n"
    assert not user_cache.exists()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_is_never_used(tmp_path, user_cache):
    user_cache.mkdir(parents=True)
    user_cache.chmod(0o777)
    assert user_folder("templates") is None
    templates = _repo(tmp_path, "Hei\n")
    assert _render(templates) == "Hei\n"
    assert not list(user_cache.glob("*.jinja"))


def test_a_linked_folder_is_never_used(tmp_path, user_cache):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    user_cache.parent.mkdir(parents=True)
    user_cache.symlink_to(elsewhere)
    assert user_folder("templates") is None


def test_no_home_to_write_in_still_renders(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.delenv("KVK_NO_CACHE", raising=False)
    assert user_folder("templates") is None
    templates = _repo(tmp_path, "Hei\n")
    assert _render(templates) == "Hei\n"
