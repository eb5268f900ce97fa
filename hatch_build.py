"""Build hook: compile the gettext catalogs (``.po`` → ``.mo``) into the wheel.

hatchling runs :class:`CatalogBuildHook` for every build (``pip install .``,
``python -m build``); babel (a runtime dependency, listed in the build
requirements too) compiles each ``src/civicgrants/locale/<lang>/LC_MESSAGES/*.po``
and the ``.mo`` is added to the wheel next to it. The source tree keeps no ``.mo``:
a checkout compiles the ``.po`` in memory on first use (``civicgrants.io.labels``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
LOCALE = ROOT / "src" / "civicgrants" / "locale"


def compile_catalogs(source: Path, target: Path) -> dict[str, str]:
    """Compile every ``.po`` under ``source`` to a ``.mo`` under ``target``; map each to its wheel path."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written: dict[str, str] = {}
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        relative = po.relative_to(source).with_suffix(".mo")
        mo = target / relative
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as fp:
            catalog = read_po(fp, locale=relative.parts[0], domain=po.stem)
        with mo.open("wb") as fp:
            write_mo(fp, catalog, use_fuzzy=True)  # Kazakh drafts are shown (see decisions.md)
        written[str(mo)] = f"civicgrants/locale/{relative.as_posix()}"
    return written


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # pragma: no cover - only the build has hatchling
    BuildHookInterface = object  # type: ignore[assignment,misc]


class CatalogBuildHook(BuildHookInterface):  # type: ignore[misc,valid-type]
    """Add the compiled catalogs to the wheel (``force_include``)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the catalogs into a temporary folder and include them."""
        self._tmp = tempfile.TemporaryDirectory()
        build_data.setdefault("force_include", {}).update(
            compile_catalogs(LOCALE, Path(self._tmp.name))
        )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary folder."""
        self._tmp.cleanup()
