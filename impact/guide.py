"""Where a self-serving owner stands: which workshop steps are done."""

from __future__ import annotations

from impact.model import STAGES, Strategy

STEPS = ("start", "profile", "goals", "board", "owners", "strategy")


def steps_done(strategy: Strategy | None, healthy: bool = False) -> dict[str, bool]:
    """``healthy``: no failing error in the health checklist (the strategy step's aim)."""
    if strategy is None:
        return dict.fromkeys(STEPS, False)
    return {
        "start": True,
        "profile": strategy.industry_profile is not None,
        "goals": bool(strategy.goals),
        "board": all(strategy.kpis_in(stage) for stage in STAGES),
        "owners": bool(strategy.kpis) and all(k.owner.department for k in strategy.kpis),
        "strategy": healthy,
    }
