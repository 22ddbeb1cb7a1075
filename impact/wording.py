"""Sentences from codes: a problem in a strategy file, a warning of an import or a
check, why a file could not be read, why a KPI has no number. Warnings and reasons
are kept as codes with '|'-separated parameters (a saved check reads in whoever's
language opens it); here they become words, with dates, periods, metrics and KPIs
as the reader writes and knows them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from impact.formatting import format_date, format_number, format_period
from impact.i18n import t
from impact.metrics import metric_label


def problem_text(path: str, code: str, detail: str, lang: str) -> str:
    """One line for a strategy-file problem, in the user's language."""
    message = t(f"problem.{code}", lang, detail=detail, **_params(detail, lang))
    if message == f"problem.{code}":
        message = t("problem.invalid", lang, detail=detail or code)
    return f"{path}: {message}" if path else message


def _params(detail: str, lang: str) -> dict[str, str]:
    """'|'-separated parameters as p0, p1 …; ISO dates in the reader's spelling."""
    params: dict[str, str] = {}
    for index, part in enumerate(detail.split("|") if detail else []):
        try:
            params[f"p{index}"] = format_date(date.fromisoformat(part), lang) if len(part) == 10 else part
        except ValueError:
            params[f"p{index}"] = part
    return params


# What the parameters of a warning are, so that they read as words: a card's title,
# metric labels, a period in the reader's language.
_PARAM_KINDS: dict[str, tuple[str | None, ...]] = {
    "missing_inputs": ("card", "metrics"),
    "several_sources": ("card", "metrics", None),
    "reach_upper_bound": ("card", "label"),
    "span_straddles": (None, "period"),
    "engagements_derived": ("metrics",),
    "ambiguous_column": (None, "readings"),
    "total_above_rows": (None, "number", "number", "number"),
    "total_below_rows": (None, "number", "number", "number"),
    "too_wide": ("number", "number"),
    "sheet_too_wide": (None, "number"),
    "larger_total_said": (None, "number", "number", "number"),
    "total_not_placed": (None, "number", "number", "number"),
}


def _worded(code: str, params: dict[str, str], lang: str, titles: Mapping[str, str] | None) -> dict[str, str]:
    for index, kind in enumerate(_PARAM_KINDS.get(code, ())):
        key = f"p{index}"
        if key not in params or kind is None:
            continue
        value = params[key]
        if kind == "card" and titles:
            params[key] = titles.get(value, value)
        elif kind == "metrics":
            joiner = " + " if "+" in value else ", "
            params[key] = joiner.join(metric_label(m.strip(), lang) for m in value.replace("+", ",").split(","))
        elif kind == "number":
            try:
                params[key] = format_number(float(value), lang)
            except ValueError:
                pass
        elif kind == "readings":
            labels = [metric_label(m.strip(), lang) for m in value.split(",")]
            params[key] = t("common.two_readings", lang, first=", ".join(labels[:-1]), second=labels[-1])
        elif kind == "period":
            params[key] = t(f"period.{value}", lang)
        elif kind == "label":
            params[key] = format_period(value, lang)
    return params


def warning_text(code: str, detail: str, lang: str, titles: Mapping[str, str] | None = None) -> str:
    """A warning from an import or a check; details are '|'-separated parameters.
    ``titles`` (card id → title) lets a warning name a KPI as the reader knows it."""
    params = _worded(code, _params(detail, lang), lang, titles)
    if code == "file_not_read":
        reason_code, _, reason_detail = detail.partition("|")
        return t("warning.file_not_read", lang, reason=export_text(reason_code, reason_detail, lang))
    text = t(f"warning.{code}", lang, detail=detail, **params)
    return f"{code}: {detail}" if text == f"warning.{code}" else text


def export_text(code: str, detail: str, lang: str) -> str:
    """Why an upload could not be read, in the reader's language."""
    params = _worded(code, _params(detail, lang), lang, None)
    if code == "nothing_to_check":
        params["reason"] = t(f"export.nothing.{detail}", lang)
    return t(f"export.{code}", lang, detail=detail, **params)


def reason_text(reason: str | None, lang: str) -> str:
    """Why a result has no data or no comparison (a code with '|'-separated parameters),
    in one sentence with the fix; metrics by their labels."""
    if not reason:
        return ""
    code, _, detail = reason.partition("|")
    params = _params(detail, lang)
    if code == "range_longer_than_period" and "p0" in params:
        params["p0"] = t(f"period.{params['p0']}", lang)
    if code in ("input_missing", "input_not_in_files", "division_by_zero", "not_finite") and params.get("p0"):
        params["p0"] = ", ".join(metric_label(m.strip(), lang) for m in params["p0"].split(","))
    # A sentence without its optional part (no channel, no unused column, no zero input known).
    last = {
        "no_rows_in_period": "p0",
        "input_not_in_files": "p1",
        "division_by_zero": "p0",
        "not_finite": "p0",
        "channel_no_column": "p1",
        "channel_not_in_data": "p2",
    }.get(code)
    if last and not params.get(last):
        code += "_plain"
    return t(f"check.why.{code}", lang, **params)
