"""The counting rules, one module per rule (after pabutools' ``rules`` package).

* :mod:`civicgrants.pb.rules.greedy` — the utilitarian greedy rule;
* :mod:`civicgrants.pb.rules.equal_shares` — the Method of Equal Shares and its
  completions, counted by :mod:`civicgrants.pb.rules.mes_engine`.

Import the rules from :mod:`civicgrants.pb` (``from civicgrants.pb import greedy``).
"""
