"""The package build compiles the message catalogues: kvk/locale/*/LC_MESSAGES/kvk.mo in the
wheel, beside each kvk.po (compiled files are never committed; see kvk/i18n.py)."""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueHook(BuildHookInterface):
    PLUGIN_NAME = "kvk-catalogues"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install compiles on first use, into the user's cache
        # kvk.i18n by its file: the build environment has Babel, not kvk's other dependencies
        spec = importlib.util.spec_from_file_location("kvk_i18n", Path(self.root) / "kvk" / "i18n.py")
        i18n = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(i18n)
        out = Path(tempfile.mkdtemp(prefix="kvk-mo-"))
        for po in sorted((Path(self.root) / "kvk" / "locale").glob("*/LC_MESSAGES/kvk.po")):
            lang = po.parent.parent.name
            mo = out / f"{lang}.mo"
            mo.write_bytes(i18n.compile_po(po.read_bytes()))
            build_data["force_include"][str(mo)] = f"kvk/locale/{lang}/LC_MESSAGES/kvk.mo"
