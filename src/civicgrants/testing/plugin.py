"""The hypothesis plugin: registers civicgrants's strategies when hypothesis is imported.

The package names `setup()` in its ``hypothesis`` entry points, so an
installed civicgrants registers ``st.from_type`` for its entities in every test
suite that uses hypothesis, without importing `civicgrants.testing`.
"""

from __future__ import annotations

__all__ = ["setup"]


def setup() -> None:
    """Register a strategy for every entity type (hypothesis calls this on import).

    Examples
    --------
    >>> setup()
    >>> from civicgrants.model import Money
    >>> from civicgrants.testing.registry import registered_types
    >>> Money in registered_types()
    True

    See Also
    --------
    civicgrants.testing.registry.register : what it calls.
    """
    from civicgrants.testing.registry import register

    register()
