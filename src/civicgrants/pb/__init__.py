"""Residents' votes (participatory budgeting): the election, the rules, the outcome.

* `Election` — one pabulib vote held compactly (``civicgrants.io.pabulib``
  reads and writes ``.pb`` files);
* the rules, one module each under `civicgrants.pb.rules`: `greedy()`
  (the utilitarian greedy rule; `greedy_all()` every outcome its ties allow), `equal_shares()` (the Method of Equal
  Shares, with completions; `equal_shares_all()` every outcome its ties allow) and `phragmen()` (sequential Phragmén, also as a
  completion of MES; `phragmen_all()` every outcome its ties allow), `maximin_support()`
  (the project that keeps the largest load lowest, exactly), `max_welfare()` (the exact optimum; `max_welfare_all()`
  every optimal set), `cstv()` (cumulative support transfer voting) and
  `pb_ear()` (expanding approvals on ranked ballots); each selects what pabutools 1.2.3 selects with its
  default lexicographic tie-breaking (the maximum welfare: the same optimum, as
  pabutools does not control its ties); `choose_outcome()` keeps the outcome most
  voters prefer, or the most satisfying one (pabutools' comparison rules);
* `Outcome` with a `ProjectDecision` per project (why it was or was
  not funded); `satisfaction_summary()` (how satisfied the voters are) and
  `approval_measures()` (the equalshares.net measures);
* `check()` — the proportionality certificates of any outcome (EJR, EJR up
  to one, PJR, EJR+ up to one) with witnesses, as `Certificates`;
* `count()` — the ``civicgrants pb`` command as one call returning a
  `VoteCount`; `compare()` — both rules on one election
  (a `Comparison`, the demo's vote step);
* `count_shortlist()` — the hybrid: the commission's `shortlist()`, the
  residents' order (`HybridResult`).

Names load on first use, so ``import civicgrants.pb`` costs nothing and the
``pb`` command never imports the commission's modules.

Examples
--------
>>> from civicgrants.pb import Election, equal_shares, greedy
>>> e = Election.from_ballots(
...     {"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100
... )
>>> greedy(e).selected, equal_shares(e).selected
(('a', 'c'), ('c',))

See Also
--------
civicgrants.io.views.pb : the text and JSON of a count.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from civicgrants.pb.certificates import CHECKS, Certificate, Certificates, check
    from civicgrants.pb.counting import (
        RULES,
        Comparison,
        Difference,
        VoteCount,
        check_rule,
        compare,
        count,
    )
    from civicgrants.pb.election import SATISFACTIONS, Election, UserSat, default_sat, vote_values
    from civicgrants.pb.hybrid import HybridResult, count_shortlist, shortlist, shortlist_election
    from civicgrants.pb.outcome import Outcome, ProjectDecision
    from civicgrants.pb.rules.comparison import (
        COMPARISONS,
        OutcomeChoice,
        choose_outcome,
        voter_satisfactions,
    )
    from civicgrants.pb.rules.cstv import CSTV_VARIANTS, cstv
    from civicgrants.pb.rules.equal_shares import COMPLETIONS, equal_shares, equal_shares_all
    from civicgrants.pb.rules.greedy import greedy, greedy_all
    from civicgrants.pb.rules.max_welfare import max_welfare, max_welfare_all
    from civicgrants.pb.rules.maximin_support import maximin_support
    from civicgrants.pb.rules.pb_ear import pb_ear
    from civicgrants.pb.rules.phragmen import phragmen, phragmen_all
    from civicgrants.pb.satisfaction import (
        ApprovalMeasures,
        SatisfactionSummary,
        approval_measures,
        satisfaction_summary,
    )
    from civicgrants.pb.ties import TIE_BREAKS

_WHERE = {
    "COMPARISONS": "rules.comparison",
    "ApprovalMeasures": "satisfaction",
    "CHECKS": "certificates",
    "Certificate": "certificates",
    "Certificates": "certificates",
    "COMPLETIONS": "rules.equal_shares",
    "OutcomeChoice": "rules.comparison",
    "choose_outcome": "rules.comparison",
    "voter_satisfactions": "rules.comparison",
    "Comparison": "counting",
    "Difference": "counting",
    "Election": "election",
    "HybridResult": "hybrid",
    "Outcome": "outcome",
    "ProjectDecision": "outcome",
    "RULES": "counting",
    "SATISFACTIONS": "election",
    "SatisfactionSummary": "satisfaction",
    "TIE_BREAKS": "ties",
    "UserSat": "election",
    "VoteCount": "counting",
    "approval_measures": "satisfaction",
    "check": "certificates",
    "check_rule": "counting",
    "compare": "counting",
    "count": "counting",
    "count_shortlist": "hybrid",
    "default_sat": "election",
    "equal_shares": "rules.equal_shares",
    "equal_shares_all": "rules.equal_shares",
    "greedy": "rules.greedy",
    "greedy_all": "rules.greedy",
    "max_welfare": "rules.max_welfare",
    "max_welfare_all": "rules.max_welfare",
    "maximin_support": "rules.maximin_support",
    "phragmen": "rules.phragmen",
    "cstv": "rules.cstv",
    "CSTV_VARIANTS": "rules.cstv",
    "pb_ear": "rules.pb_ear",
    "phragmen_all": "rules.phragmen",
    "satisfaction_summary": "satisfaction",
    "shortlist": "hybrid",
    "shortlist_election": "hybrid",
    "vote_values": "election",
}

__all__ = [
    "CHECKS",
    "COMPARISONS",
    "COMPLETIONS",
    "CSTV_VARIANTS",
    "RULES",
    "SATISFACTIONS",
    "TIE_BREAKS",
    "ApprovalMeasures",
    "Certificate",
    "Certificates",
    "Comparison",
    "Difference",
    "Election",
    "HybridResult",
    "Outcome",
    "OutcomeChoice",
    "ProjectDecision",
    "SatisfactionSummary",
    "UserSat",
    "VoteCount",
    "approval_measures",
    "check",
    "check_rule",
    "choose_outcome",
    "compare",
    "count",
    "count_shortlist",
    "cstv",
    "default_sat",
    "equal_shares",
    "equal_shares_all",
    "greedy",
    "greedy_all",
    "max_welfare",
    "max_welfare_all",
    "maximin_support",
    "pb_ear",
    "phragmen",
    "phragmen_all",
    "satisfaction_summary",
    "shortlist",
    "shortlist_election",
    "vote_values",
    "voter_satisfactions",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"civicgrants.pb.{module}"), name)
    globals()[name] = value  # found once, then an ordinary attribute (never a submodule)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
