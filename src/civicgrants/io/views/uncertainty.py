"""Text and JSON views of decisions that show their uncertainty (see `civicgrants.io.render`).

* `UncertaintyModel` — every application's quality and rank with their
  intervals, the members' offsets and the convergence check.
* `LotteryZone` — funded, lottery zone and not funded at a funding line.
* `Lottery` — the draw and every application's placement, with its reason
  worded from the structured `PlacementReason` (`reason_text()`) in en, ru, kk.

Statistics are shown with one decimal (JSON keeps 6 places); weights are exact
decimal strings.

Examples
--------
>>> from civicgrants.io.render import render
>>> from civicgrants.scoring import Grade, draw_lottery, fit_uncertainty, funding_zone
>>> grades = [Grade(a, m, v) for a, m, v in [("a", "m1", 90), ("a", "m2", 92), ("b", "m1", 60),
...           ("b", "m2", 61), ("c", "m2", 59), ("c", "m1", 58), ("d", "m2", 20), ("d", "m1", 22)]]
>>> lottery = draw_lottery(funding_zone(fit_uncertainty(grades, seed=1), fundable=2), seed=9)
>>> print(render(lottery, "text").splitlines()[0])
Lottery: seed 9; places drawn: 1; applications in the zone: 2
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from civicgrants.io.fmt import number
from civicgrants.io.labels import N_, label
from civicgrants.io.render import data_view, dump_json, text_view
from civicgrants.io.table import table
from civicgrants.scoring.uncertainty import (
    LineKind,
    Lottery,
    LotteryZone,
    PlacementReason,
    UncertaintyModel,
)

__all__ = [
    "LABELS",
    "lottery_data",
    "lottery_text",
    "model_data",
    "model_text",
    "reason_text",
    "zone_data",
    "zone_text",
]

LABELS = {
    "model_head": {
        "en": N_(
            "Ranking with uncertainty: {applications} applications, {members} members, "
            "{grades} grades ({level}% intervals)"
        )
    },
    "sampler": {
        "en": N_("Gibbs sampler: seed {seed}, {chains} chains of {draws} draws after {burn_in}")
    },
    "expected_rank": {"en": N_("expected rank")},
    "rank_interval": {"en": N_("rank interval")},
    "quality": {"en": N_("quality")},
    "quality_interval": {"en": N_("quality interval")},
    "raw_mean": {"en": N_("raw mean")},
    "grades": {"en": N_("grades")},
    "members_head": {"en": N_("\nMembers' offsets (above 0: grades higher than the average)")},
    "offset": {"en": N_("offset")},
    "offset_interval": {"en": N_("interval")},
    "panels_head": {"en": N_("\nPanels' offsets")},
    "panel": {"en": N_("panel")},
    "member": {"en": N_("member")},
    "convergence": {"en": N_("\nConvergence (split R-hat, below 1.05 is good): {groups}")},
    "not_converged": {"en": N_("  warning: the chains have not converged; draw more")},
    "noise": {"en": N_("Noise (standard deviation of a grade): {noise}")},
    "zone_head": {"en": N_("Funding line: {line}")},
    "line.rank": {"en": N_("{line} places")},
    "line.quality": {"en": N_("quality {line}")},
    "zone_funded": {"en": N_("  funded ({count}): {applications}")},
    "zone_zone": {"en": N_("  lottery zone ({count}, {places} places): {applications}")},
    "zone_not_funded": {"en": N_("  not funded ({count}): {applications}")},
    "lottery_head": {
        "en": N_("Lottery: seed {seed}; places drawn: {places}; applications in the zone: {zone}")
    },
    "application": {"en": N_("application")},
    "outcome": {"en": N_("outcome")},
    "weight": {"en": N_("weight")},
    "order": {"en": N_("order")},
    "reason": {"en": N_("reason")},
    "placed.above": {"en": N_("funded")},
    "placed.below": {"en": N_("not funded")},
    "placed.drawn": {"en": N_("funded by lottery")},
    "placed.not_drawn": {"en": N_("not drawn")},
    "reason.rank.above": {"en": N_("rank interval {low}–{high} lies within the {line} places")},
    "reason.rank.below": {"en": N_("rank interval {low}–{high} lies below the {line} places")},
    "reason.rank.drawn": {
        "en": N_(
            "rank interval {low}–{high} crosses the line of {line} places; "
            "drawn {order}, within the {places} places of the lottery"
        )
    },
    "reason.rank.not_drawn": {
        "en": N_(
            "rank interval {low}–{high} crosses the line of {line} places; "
            "drawn {order}, after the {places} places of the lottery"
        )
    },
    "reason.quality.above": {"en": N_("quality interval {low}–{high} lies above the line {line}")},
    "reason.quality.below": {"en": N_("quality interval {low}–{high} lies below the line {line}")},
    "reason.quality.drawn": {
        "en": N_(
            "quality interval {low}–{high} crosses the line {line}; "
            "drawn {order}, within the {places} places of the lottery"
        )
    },
    "reason.quality.not_drawn": {
        "en": N_(
            "quality interval {low}–{high} crosses the line {line}; "
            "drawn {order}, after the {places} places of the lottery"
        )
    },
}
"""The words of the uncertain ranking and the lottery, in en (ru and kk from the catalogs)."""


def _say(key: str, lang: str, /, **values: object) -> str:
    return label(LABELS, key, lang).format(**values)


def _num(value: float, lang: str, places: int = 1) -> str:
    return number(Decimal(f"{value:.{places}f}"), lang, places=places)


def _round(value: float) -> float:
    return round(value, 6)


def reason_text(reason: PlacementReason, lang: str) -> str:
    """One placement's reason in ``lang``, worded from its code and numbers.

    Parameters
    ----------
    reason : PlacementReason
        The structured reason.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        One sentence without a final full stop.

    Examples
    --------
    >>> from civicgrants.scoring import LineKind, Placed, PlacementReason
    >>> why = PlacementReason(Placed.DRAWN, 3, 7, 5, LineKind.RANK, order=1, places=2)
    >>> print(reason_text(why, "en"))
    rank interval 3–7 crosses the line of 5 places; drawn 1, within the 2 places of the lottery
    >>> print(reason_text(why, "ru"))
    интервал мест 3–7 пересекает черту в 5 мест; вытянута 1-й, в пределах 2 мест жеребьёвки

    See Also
    --------
    lottery_text : every placement with its reason.
    civicgrants.scoring.uncertainty.PlacementReason : the code and numbers worded here.
    """
    by_rank = reason.kind is LineKind.RANK
    if by_rank:
        low, high, line = str(int(reason.low)), str(int(reason.high)), str(int(reason.line))
    else:
        low, high, line = (_num(x, lang) for x in (reason.low, reason.high, reason.line))
    key = f"reason.{reason.kind.value}.{reason.code.value}"
    return _say(key, lang, low=low, high=high, line=line, order=reason.order, places=reason.places)


def model_text(model: UncertaintyModel, lang: str) -> str:
    """Every application's quality and rank with their intervals, the offsets, the convergence.

    Parameters
    ----------
    model : UncertaintyModel
        `civicgrants.scoring.fit_uncertainty()`'s result.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The text, ending with a newline.

    Examples
    --------
    >>> from civicgrants.scoring import Grade, fit_uncertainty
    >>> grades = [Grade("a", "m1", 80), Grade("b", "m1", 40), Grade("b", "m2", 45)]
    >>> print(model_text(fit_uncertainty(grades, seed=0, draws=200), "en").splitlines()[0])
    Ranking with uncertainty: 2 applications, 2 members, 3 grades (90% intervals)

    See Also
    --------
    model_data : the same as JSON.
    lottery_text : the lottery drawn from it.
    """
    say = _say
    out = [
        say(
            "model_head",
            lang,
            applications=len(model.applications),
            members=len(model.reviewers),
            grades=model.grades,
            level=_num(model.level * 100, lang, 0),
        ),
        say(
            "sampler",
            lang,
            seed=model.seed,
            chains=model.chains,
            draws=model.draws,
            burn_in=model.burn_in,
        ),
        "",
    ]
    header = [
        label(LABELS, k, lang)
        for k in (
            "expected_rank",
            "rank_interval",
            "application",
            "quality",
            "quality_interval",
            "raw_mean",
            "grades",
        )
    ]
    rows = [
        [
            _num(r.expected_rank, lang),
            f"{r.rank_low}–{r.rank_high}",
            r.application,
            _num(r.quality, lang),
            f"{_num(r.quality_low, lang)} – {_num(r.quality_high, lang)}",
            _num(r.raw_mean, lang),
            r.grades,
        ]
        for r in model.applications
    ]
    out.append(table(header, rows, right=[0, 3, 5, 6]))
    out.append(say("members_head", lang))
    out.append(
        table(
            [label(LABELS, k, lang) for k in ("member", "offset", "offset_interval", "grades")],
            [
                [
                    e.member,
                    _num(e.offset, lang),
                    f"{_num(e.low, lang)} – {_num(e.high, lang)}",
                    e.grades,
                ]
                for e in model.reviewers
            ],
            right=[1, 3],
        )
    )
    if model.panels:
        out.append(say("panels_head", lang))
        out.append(
            table(
                [label(LABELS, k, lang) for k in ("panel", "offset", "offset_interval")],
                [
                    [p.panel, _num(p.offset, lang), f"{_num(p.low, lang)} – {_num(p.high, lang)}"]
                    for p in model.panels
                ],
                right=[1],
            )
        )
    groups = ", ".join(f"{c.group} {_num(c.rhat, lang, 3)}" for c in model.convergence)
    out.append(say("convergence", lang, groups=groups))
    if not model.converged:
        out.append(say("not_converged", lang))
    out.append(say("noise", lang, noise=_num(model.noise, lang)))
    return "\n".join(out) + "\n"


text_view(UncertaintyModel)(model_text)


def _line(zone: LotteryZone, lang: str) -> str:
    if zone.kind is LineKind.RANK:
        return _say("line.rank", lang, line=int(zone.line))
    return _say("line.quality", lang, line=_num(zone.line, lang))


def zone_text(zone: LotteryZone, lang: str) -> str:
    """The funding line and the three groups it makes.

    Parameters
    ----------
    zone : LotteryZone
        `civicgrants.scoring.funding_zone()`'s result.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        Four lines, ending with a newline.

    Examples
    --------
    >>> from civicgrants.scoring import Grade, fit_uncertainty, funding_zone
    >>> grades = [Grade("a", "m1", 80), Grade("b", "m1", 40), Grade("b", "m2", 45)]
    >>> zone = funding_zone(fit_uncertainty(grades, seed=0, draws=200), fundable=1)
    >>> print(zone_text(zone, "en").splitlines()[0])
    Funding line: 1 places

    See Also
    --------
    zone_data : the same as JSON.
    """
    out = [
        _say("zone_head", lang, line=_line(zone, lang)),
        _say(
            "zone_funded", lang, count=len(zone.funded), applications=", ".join(zone.funded) or "—"
        ),
        _say(
            "zone_zone",
            lang,
            count=len(zone.zone),
            places=zone.places,
            applications=", ".join(zone.zone) or "—",
        ),
        _say(
            "zone_not_funded",
            lang,
            count=len(zone.not_funded),
            applications=", ".join(zone.not_funded) or "—",
        ),
    ]
    return "\n".join(out) + "\n"


text_view(LotteryZone)(zone_text)


def lottery_text(lottery: Lottery, lang: str) -> str:
    """The draw and every application's placement with its reason.

    Parameters
    ----------
    lottery : Lottery
        `civicgrants.scoring.draw_lottery()`'s result.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The text, ending with a newline.

    Examples
    --------
    >>> from civicgrants.scoring import Grade, draw_lottery, fit_uncertainty, funding_zone
    >>> grades = [Grade("a", "m1", 80), Grade("b", "m1", 40), Grade("b", "m2", 45)]
    >>> zone = funding_zone(fit_uncertainty(grades, seed=0, draws=200), fundable=1)
    >>> print(lottery_text(draw_lottery(zone, seed=3), "en").splitlines()[-1])  # doctest: +ELLIPSIS
      b  ...

    See Also
    --------
    lottery_data : the same as JSON.
    reason_text : one reason's words.
    """
    zone = lottery.zone
    out = [
        _say("lottery_head", lang, seed=lottery.seed, places=lottery.places, zone=len(zone.zone)),
        zone_text(zone, lang).rstrip("\n"),
        "",
    ]
    drawn = {e.application: e for e in lottery.entries}
    header = [
        label(LABELS, k, lang)
        for k in ("application", "expected_rank", "outcome", "weight", "order", "reason")
    ]
    rows = []
    for p in lottery.placements:
        e = drawn.get(p.application)
        rows.append(
            [
                p.application,
                _num(p.expected_rank, lang),
                label(LABELS, f"placed.{p.reason.code.value}", lang),
                number(e.weight, lang) if e else "—",
                e.order if e else "—",
                reason_text(p.reason, lang),
            ]
        )
    out.append(table(header, rows, right=[1, 4]))
    return "\n".join(out) + "\n"


text_view(Lottery)(lottery_text)


def _model_dict(model: UncertaintyModel) -> dict[str, Any]:
    return {
        "seed": model.seed,
        "draws": model.draws,
        "burn_in": model.burn_in,
        "chains": model.chains,
        "level": model.level,
        "prior": list(model.prior),
        "grades": model.grades,
        "noise": _round(model.noise),
        "converged": model.converged,
        "convergence": [
            {"group": c.group, "rhat": None if c.rhat != c.rhat else _round(c.rhat)}
            for c in model.convergence
        ],
        "applications": [
            {
                "application": r.application,
                "quality": _round(r.quality),
                "quality_interval": [_round(r.quality_low), _round(r.quality_high)],
                "expected_rank": _round(r.expected_rank),
                "rank_interval": [r.rank_low, r.rank_high],
                "rank_probabilities": [_round(p) for p in r.probabilities],
                "grades": r.grades,
                "raw_mean": _round(r.raw_mean),
            }
            for r in model.applications
        ],
        "members": [
            {
                "member": e.member,
                "offset": _round(e.offset),
                "interval": [_round(e.low), _round(e.high)],
                "grades": e.grades,
            }
            for e in model.reviewers
        ],
        "panels": [
            {
                "panel": p.panel,
                "offset": _round(p.offset),
                "interval": [_round(p.low), _round(p.high)],
                "applications": p.applications,
            }
            for p in model.panels
        ],
    }


@data_view(UncertaintyModel)
def model_data(model: UncertaintyModel) -> str:
    """The model as JSON: the settings, every application, member and panel, the convergence.

    Parameters
    ----------
    model : UncertaintyModel
        `civicgrants.scoring.fit_uncertainty()`'s result.

    Returns
    -------
    str
        A JSON text; numbers rounded to 6 places.

    Examples
    --------
    >>> import json
    >>> from civicgrants.scoring import Grade, fit_uncertainty
    >>> grades = [Grade("a", "m1", 80), Grade("b", "m1", 40), Grade("b", "m2", 45)]
    >>> data = json.loads(model_data(fit_uncertainty(grades, seed=0, draws=200)))
    >>> data["seed"], [a["application"] for a in data["applications"]]
    (0, ['a', 'b'])

    See Also
    --------
    model_text : the same for people.
    """
    return dump_json(_model_dict(model))


def _zone_dict(zone: LotteryZone) -> dict[str, Any]:
    return {
        "kind": zone.kind.value,
        "line": int(zone.line) if zone.kind is LineKind.RANK else _round(zone.line),
        "funded": list(zone.funded),
        "zone": list(zone.zone),
        "not_funded": list(zone.not_funded),
        "places": zone.places,
    }


@data_view(LotteryZone)
def zone_data(zone: LotteryZone) -> str:
    """The zone as JSON: the line, the three groups and the zone's places.

    Parameters
    ----------
    zone : LotteryZone
        `civicgrants.scoring.funding_zone()`'s result.

    Returns
    -------
    str
        A JSON text.

    Examples
    --------
    >>> import json
    >>> from civicgrants.scoring import Grade, fit_uncertainty, funding_zone
    >>> grades = [Grade("a", "m1", 80), Grade("b", "m1", 40), Grade("b", "m2", 45)]
    >>> json.loads(zone_data(funding_zone(fit_uncertainty(grades, seed=0, draws=200), fundable=2)))
    {'kind': 'rank', 'line': 2, 'funded': ['a', 'b'], 'zone': [], 'not_funded': [], 'places': 0}

    See Also
    --------
    zone_text : the same for people.
    """
    return dump_json(_zone_dict(zone))


def _reason_dict(reason: PlacementReason) -> dict[str, Any]:
    by_rank = reason.kind is LineKind.RANK
    return {
        "code": reason.code.value,
        "interval": [int(reason.low), int(reason.high)]
        if by_rank
        else [_round(reason.low), _round(reason.high)],
        "order": reason.order,
        "places": reason.places,
        "en": reason_text(reason, "en"),
        "ru": reason_text(reason, "ru"),
        "kk": reason_text(reason, "kk"),
    }


@data_view(Lottery)
def lottery_data(lottery: Lottery) -> str:
    """The lottery as JSON: the seed, the zone, the draw (exact weights) and every placement.

    Parameters
    ----------
    lottery : Lottery
        `civicgrants.scoring.draw_lottery()`'s result.

    Returns
    -------
    str
        A JSON text; each placement's reason as its code and numbers with its words in
        en, ru and kk.

    Examples
    --------
    >>> import json
    >>> from civicgrants.scoring import Grade, draw_lottery, fit_uncertainty, funding_zone
    >>> grades = [Grade("a", "m1", 80), Grade("b", "m1", 40), Grade("b", "m2", 45)]
    >>> zone = funding_zone(fit_uncertainty(grades, seed=0, draws=200), fundable=1)
    >>> data = json.loads(lottery_data(draw_lottery(zone, seed=3)))
    >>> data["seed"], len(data["funded"]), data["placements"][0]["reason"]["code"] in {"drawn", "not_drawn"}
    (3, 1, True)

    See Also
    --------
    lottery_text : the same for people.
    """
    return dump_json(
        {
            "seed": lottery.seed,
            "places": lottery.places,
            "funded": list(lottery.funded),
            "zone": _zone_dict(lottery.zone),
            "draw": [
                {"application": e.application, "weight": str(e.weight), "order": e.order}
                for e in lottery.entries
            ],
            "placements": [
                {
                    "application": p.application,
                    "funded": p.funded,
                    "expected_rank": _round(p.expected_rank),
                    "reason": _reason_dict(p.reason),
                }
                for p in lottery.placements
            ],
        }
    )
