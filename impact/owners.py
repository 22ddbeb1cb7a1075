"""Who owns which part of the funnel: the departments × stages matrix."""

from __future__ import annotations

from impact.model import STAGES, Strategy


def ownership_matrix(strategy: Strategy) -> dict[str, dict[str, list[str]]]:
    """department → stage → card ids; departments without any KPI are left out,
    KPIs without an owner are collected under the empty department ``""``."""
    matrix: dict[str, dict[str, list[str]]] = {}
    for kpi in strategy.kpis:
        department = kpi.owner.department or ""
        row = matrix.setdefault(department, {stage: [] for stage in STAGES})
        row[kpi.stage].append(kpi.card)
    order = {d: i for i, d in enumerate(strategy.all_departments())}
    return dict(sorted(matrix.items(), key=lambda item: (item[0] == "", order.get(item[0], 999), item[0])))


def silo_report(strategy: Strategy) -> tuple[list[str], list[str]]:
    """(stages owned by marketing alone, stages nobody owns)."""
    matrix = ownership_matrix(strategy)
    marketing_only: list[str] = []
    unowned: list[str] = []
    for stage in STAGES:
        owners = {d for d, row in matrix.items() if row[stage] and d}
        if not owners:
            unowned.append(stage)
        elif owners == {"marketing"}:
            marketing_only.append(stage)
    return marketing_only, unowned


def others_to_ask(strategy: Strategy, profile_departments: list[str]) -> list[str]:
    """The departments besides marketing that could see a stage's results: the profile's
    (what such a business has), the team's own and those already owning a KPI. None for a
    one-person business (every KPI names the same person): there is nobody else to ask."""
    people = {k.owner.person.strip().lower() for k in strategy.kpis if k.owner.person and k.owner.person.strip()}
    if strategy.kpis and len(people) == 1 and all(k.owner.person for k in strategy.kpis):
        return []
    used = [k.owner.department for k in strategy.kpis if k.owner.department]
    found: list[str] = []
    for department in [*profile_departments, *strategy.departments, *used]:
        if department and department != "marketing" and department not in found:
            found.append(department)
    return found
