"""The mutation fuzzer, bounded for the normal suite (KVK_FUZZ_CASES to run more; run
``python -m tests.attack.fuzz --cases 3000`` for the local figure)."""

from __future__ import annotations

import os

from . import fuzz


def test_mutated_records_give_located_findings_never_a_traceback():
    cases = int(os.environ.get("KVK_FUZZ_CASES", "120"))
    result = fuzz.run(cases, seed=int(os.environ.get("KVK_FUZZ_SEED", "12")), cli_every=12)
    assert sum(result.tried.values()) == cases
    assert set(result.tried) == {m.__name__ for m in fuzz.MUTATIONS}  # every kind of mutation ran
    assert not result.failed, "\n".join(result.failures)


def test_the_fuzzer_finds_what_it_is_meant_to_find(monkeypatch, tmp_path):
    """A fuzzer that cannot fail proves nothing: with the control-character check taken out of
    the loader, a lone surrogate reaches the formatter and the renderers, and the fuzzer says so."""
    import kvk.io.yaml as loader

    monkeypatch.setattr(loader, "_refuse_controls", lambda value, mark, display: None)
    raw = b'saksnr: 2009/20\ntittel: "x\\ud800"\nsaksbehandler: lise-berg\n'
    assert fuzz.check_loading(raw, "data/saker/2009/2009-0020.yaml") is None  # loads: the model takes it
    why = fuzz.check_cli(raw, fuzz.BASE, "data/saker/2009/2009-0020.yaml", tmp_path)
    assert why is not None
