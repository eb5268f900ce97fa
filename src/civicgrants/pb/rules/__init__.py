"""The counting rules, one module per rule (after pabutools' ``rules`` package).

* `civicgrants.pb.rules.greedy` — the utilitarian greedy rule;
* `civicgrants.pb.rules.equal_shares` — the Method of Equal Shares and its
  completions, counted by `civicgrants.pb.rules.mes_engine`;
* `civicgrants.pb.rules.composition` — rules completing each other, or rerun with a
  larger budget.
* `civicgrants.pb.rules.exact_equal_shares` — Exact Equal Shares and its ADD-OPT
  completion; `civicgrants.pb.rules.mes_bounds` — MES with bounds per group.

Import the rules from `civicgrants.pb` (``from civicgrants.pb import greedy``).
"""
