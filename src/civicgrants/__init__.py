"""civicgrants: participatory community-grant programmes, exact and explainable.

``import civicgrants as cg`` is all a notebook needs. The core names are here at
once (``cg.Money``, ``cg.load``, ``cg.loads``, ``cg.dump``, ``cg.dumps``,
``cg.render``, the input limits ``cg.Limits``, ``cg.get_limits`` and
``cg.use_limits`` …) and the subpackages load on first use (``cg.scoring.decide``,
``cg.pb.equal_shares``, ``cg.budget.audit``). Importing the package itself
imports none of numpy, networkx or babel: each is loaded when a name that needs
it is first used.

Examples
--------
>>> import civicgrants as cg
>>> cg.Money("1500000.00") + cg.Money(1)
Money(amount=Decimal('1500001.00'), currency='KZT')
>>> cg.scoring.decide.__module__
'civicgrants.scoring.commission'
>>> with cg.use_limits(depth=200):
...     cg.get_limits().depth
200

See Also
--------
civicgrants.model : the entities and exact money.
civicgrants.io.render : the text and JSON of every result.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing itself is not imported: it would double the cost of the import

from civicgrants.version import __version__

if TYPE_CHECKING:
    from civicgrants import (
        budget,
        cli,
        datasets,
        errors,
        indicators,
        io,
        model,
        pb,
        schedule,
        scoring,
        testing,
    )
    from civicgrants.errors import CivicGrantsError, DocumentError
    from civicgrants.io.documents import dump, dumps, load, loads
    from civicgrants.io.render import render
    from civicgrants.model.finding import Finding, Severity
    from civicgrants.model.limits import Limits, get_limits, use_limits
    from civicgrants.model.money import Money, MoneyEstimate, MoneyRange, allocate
    from civicgrants.model.names import Names
    from civicgrants.model.programme import Programme

SUBPACKAGES = (
    "budget",
    "cli",
    "datasets",
    "dossier",
    "errors",
    "indicators",
    "io",
    "model",
    "pb",
    "schedule",
    "scoring",
    "testing",
)
"""The subpackages, each imported on first use as an attribute (``cg.scoring``)."""

_CORE = {
    "CivicGrantsError": "civicgrants.errors",
    "DocumentError": "civicgrants.errors",
    "Finding": "civicgrants.model.finding",
    "Limits": "civicgrants.model.limits",
    "Money": "civicgrants.model.money",
    "MoneyEstimate": "civicgrants.model.money",
    "MoneyRange": "civicgrants.model.money",
    "Names": "civicgrants.model.names",
    "Programme": "civicgrants.model.programme",
    "Severity": "civicgrants.model.finding",
    "allocate": "civicgrants.model.money",
    "dump": "civicgrants.io.documents",
    "dumps": "civicgrants.io.documents",
    "get_limits": "civicgrants.model.limits",
    "load": "civicgrants.io.documents",
    "loads": "civicgrants.io.documents",
    "render": "civicgrants.io.render",
    "use_limits": "civicgrants.model.limits",
}

__all__ = ["SUBPACKAGES", "__version__", *sorted(_CORE), *SUBPACKAGES]


def __getattr__(name: str) -> object:
    if name in SUBPACKAGES:
        return importlib.import_module(f"civicgrants.{name}")
    module = _CORE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # found once, then an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
