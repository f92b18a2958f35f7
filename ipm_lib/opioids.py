"""Daily morphine milligram equivalents (MME) with the CDC 2022 conversion factors.

MME/day = daily dose x factor; for transdermal fentanyl the dose is the patch strength in mcg/hr.
The CDC table warns that MMEs must not be used to pick the dose when switching one opioid for
another: this module measures exposure, it does not convert doses.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from . import data

# Input sanity limits of the calculator (not clinical limits): a line beyond them is a typing error
# far more often than a regimen, so it is refused with a message instead of being computed.
MAX_DOSES_PER_DAY = 24
MAX_LINE_MME = 2000


class RegimenError(ValueError):
    """A line of a regimen cannot be used; the message says which line and how to fix it."""


@dataclass(frozen=True)
class Dose:
    """One line of a regimen: ``dose`` per administration, ``per_day`` administrations a day.

    For ``fentanyl_transdermal`` the dose is the patch strength in mcg/hr and ``per_day`` is 1.
    """

    opioid: str
    dose: float
    per_day: int = 1


def factors() -> pd.DataFrame:
    """The CDC 2022 factor table indexed by opioid."""
    return data.load("opioid_conversion").set_index("opioid")


def _as_dose(item, line: int) -> Dose:
    if isinstance(item, Dose):
        return item
    if isinstance(item, dict):
        return Dose(**item)
    if isinstance(item, (tuple, list)) and len(item) in (2, 3):
        return Dose(*item)
    raise RegimenError(f"line {line}: expected (opioid, dose, doses per day), got {item!r}")


def _check(dose: Dose, line: int, table: pd.DataFrame) -> None:
    try:
        data.check_name("opioid", dose.opioid, table.index)
    except data.UnknownNameError as exc:
        raise RegimenError(f"line {line}: {exc}") from exc
    unit = table.loc[dose.opioid, "unit"]
    if isinstance(dose.dose, bool) or not isinstance(dose.dose, (int, float)):
        raise RegimenError(
            f"line {line}: the dose must be a number in {unit.split('/')[0]}, got {dose.dose!r}"
        )
    if math.isnan(dose.dose) or math.isinf(dose.dose):
        raise RegimenError(f"line {line}: the dose must be a finite number, got {dose.dose}")
    if dose.dose <= 0:
        raise RegimenError(f"line {line}: the dose must be above 0, got {dose.dose}")
    if isinstance(dose.per_day, bool) or not isinstance(dose.per_day, int):
        raise RegimenError(
            f"line {line}: doses per day must be a whole number, got {dose.per_day!r}"
        )
    if not 1 <= dose.per_day <= MAX_DOSES_PER_DAY:
        raise RegimenError(
            f"line {line}: doses per day must be from 1 to {MAX_DOSES_PER_DAY}, got {dose.per_day}"
        )
    if unit == "mcg/hr" and dose.per_day != 1:
        raise RegimenError(
            f"line {line}: a fentanyl patch is dosed in mcg/hr, continuously: enter the patch "
            f"strength with 1 per day (got {dose.per_day} per day)"
        )


def breakdown(regimen: Iterable) -> pd.DataFrame:
    """MME/day of each line of a regimen, with factor, unit and daily dose.

    Raises RegimenError for an unknown opioid (with suggestions), a dose that is not a positive
    number, an impossible number of doses a day, or a line above the calculator's sanity limit.
    """
    table = factors()
    rows = []
    for line, item in enumerate(regimen, 1):
        dose = _as_dose(item, line)
        _check(dose, line, table)
        unit = table.loc[dose.opioid, "unit"]
        factor = float(table.loc[dose.opioid, "mme_factor"])
        daily = dose.dose if unit == "mcg/hr" else dose.dose * dose.per_day
        mme = daily * factor
        if mme > MAX_LINE_MME:
            raise RegimenError(
                f"line {line}: {dose.opioid} {dose.dose} x {dose.per_day}/day gives {mme:,.0f} MME/day, "
                f"above this calculator's check of {MAX_LINE_MME:,}: is the dose typed in the "
                f"right unit ({unit.split('/')[0]})?"
            )
        rows.append(
            {
                "opioid": dose.opioid,
                "dose": float(dose.dose),
                "per_day": dose.per_day,
                "daily_dose": float(daily),
                "unit": unit,
                "mme_factor": factor,
                "mme_per_day": mme,
                "source_id": table.loc[dose.opioid, "source_id"],
            }
        )
    if not rows:
        raise RegimenError("the regimen is empty: add at least one opioid")
    return pd.DataFrame(rows)


def mme_per_day(regimen: Iterable) -> float:
    """Total daily MME of a regimen (sum of its lines)."""
    return float(breakdown(regimen)["mme_per_day"].sum())


def taper_change(before: Iterable, after: Iterable | None) -> dict:
    """Daily MME before and after a change (e.g. a taper that a procedure made possible).

    ``after`` may be None or empty for stopping all opioids.
    """
    start = mme_per_day(before)
    end = mme_per_day(after) if after else 0.0
    return {
        "before": start,
        "after": end,
        "change": end - start,
        "change_pct": (end - start) / start * 100,
    }


def cdc_context() -> pd.DataFrame:
    """The CDC dose thresholds the dataset holds, with their editions (2016 ones are superseded)."""
    thr = data.load("thresholds")
    return thr[thr["threshold_id"].str.startswith("cdc")].reset_index(drop=True)
