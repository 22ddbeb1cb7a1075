"""What the quick start drafted and what is left to decide, said on the profile page
right after the click (someone alone must not have to discover it)."""

from __future__ import annotations

import streamlit as st

from impact.formatting import department_label, format_amount, localise_numbers, quoted, target_unit
from impact.model import STAGES, Card, Profile, Strategy
from impact.quickstart import DraftReport
from ui.components import stage_label
from ui.markdown import md_escape
from ui.state import lang, tr


def render_draft_report(
    strategy: Strategy, profile: Profile, cards: dict[str, Card], shown: tuple[str, DraftReport] | None
) -> None:
    if shown is None or shown[0] != strategy.id:
        return
    report = shown[1]
    with st.container(border=True, key="profile_draft_report"):
        st.markdown(f"#### {tr('profile.draft_title')}")
        if not report.goals and not report.kpis and not report.metrics:
            st.info(tr("profile.draft_nothing_new"))
            return
        goals = {g.id: g for g in strategy.goals}
        kpis = {k.id: k for k in strategy.kpis}

        def title(kpi_id: str) -> str:
            card = cards.get(kpis[kpi_id].card)
            return card.title.get(lang()) if card else kpis[kpi_id].card

        if report.goals:
            titles = "; ".join(quoted(goals[g].title, lang()) for g in report.goals)
            st.markdown("✅ " + md_escape(tr("profile.draft_goals", count=len(report.goals), titles=titles)))
        added = [kpis[k] for k in report.kpis if k in kpis]
        if added:
            lines = [md_escape(tr("profile.draft_kpis", count=len(added)))]
            for stage in STAGES:
                for kpi in (k for k in added if k.stage == stage):
                    goal = goals.get(kpi.goal or "")
                    lines.append(
                        "- "
                        + tr(
                            "profile.draft_kpi",
                            stage=stage_label(stage),
                            card=md_escape(title(kpi.id)),
                            goal=md_escape(goal.title if goal else "—"),
                            department=department_label(kpi.owner.department, lang()),
                        )
                    )
            st.markdown("✅ " + "\n".join(lines))
        if report.metrics:  # feedback beside a KPI, never a KPI of its own: said apart, with no target asked
            names = ", ".join(title(k) for k in report.metrics if k in kpis)
            st.markdown("ℹ️ " + md_escape(tr("profile.draft_metrics", count=len(report.metrics), cards=names)))
        for kpi_id, ref in report.targets_from.items():
            kpi = kpis[kpi_id]
            card = cards.get(kpi.card)
            value = format_amount(kpi.target, lang(), target_unit(card.unit if card else "", strategy.currency))
            st.markdown(
                "🎯 "
                + md_escape(
                    tr(
                        "profile.draft_target_from",
                        value=value,
                        card=title(kpi_id),
                        label=ref.label.get(lang()),
                        source=ref.source,
                        year=ref.year,
                    )
                )
            )
        left = [k for k in report.without_target if k in kpis]
        people = [k for k in report.without_person if k in kpis]
        if left or people:
            st.markdown(f"**{tr('profile.draft_left')}**")
            if left:
                names = ", ".join(title(k) for k in left)
                st.markdown("⬜ " + md_escape(tr("profile.draft_left_targets", count=len(left), cards=names)))
            if people:
                st.markdown("⬜ " + md_escape(tr("profile.draft_left_people", count=len(people))))
        for kpi_id, refs in report.benchmarks_not_targets.items():
            for ref in refs:
                text = tr(
                    "profile.draft_not_target",
                    card=title(kpi_id),
                    label=ref.label.get(lang()),
                    value=localise_numbers(ref.value, lang()),
                )
                st.caption("ℹ️ " + md_escape(text))
        to_board, to_owners = st.columns(2)
        to_board.page_link("views/board.py", label=tr("profile.to_board"), icon="🃏")
        to_owners.page_link("views/owners.py", label=tr("profile.to_owners"), icon="👥")
