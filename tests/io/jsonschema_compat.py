"""Makes hypothesis-jsonschema 0.23 work with the installed hypothesis.

hypothesis-jsonschema 0.23.1 (the latest release) calls ``elements.more()`` on
``hypothesis.internal.conjecture.utils.many``; hypothesis 6.150 and later replaced
that method with iteration inside a ``with`` block. The adapter below gives
hypothesis-jsonschema the old interface over the new one, and only when the
installed hypothesis lacks it. Remove it once hypothesis-jsonschema releases a fix.
"""

from __future__ import annotations

from typing import Any

import hypothesis.internal.conjecture.utils as cu
import hypothesis_jsonschema._from_schema as generator


class _Many:
    """``many(...)`` with ``more()`` and ``reject()``, as hypothesis-jsonschema calls it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._many = cu.many(*args, **kwargs)
        self._many.__enter__()
        self._elements = iter(self._many)

    def more(self) -> bool:
        try:
            next(self._elements)
        except StopIteration:
            self._many.__exit__(None)
            return False
        return True

    def reject(self, why: str | None = None) -> None:
        self._many.reject(why)


class _Utils:
    """``hypothesis.internal.conjecture.utils`` with :class:`_Many` as ``many``."""

    many = _Many

    def __getattr__(self, name: str) -> Any:
        return getattr(cu, name)


def install() -> None:
    """Adapt hypothesis-jsonschema to the installed hypothesis, if it needs it."""
    if not hasattr(cu.many, "more"):
        generator.cu = _Utils()  # type: ignore[assignment]
