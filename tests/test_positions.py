"""positions.csv: one statement counts once, however many rows report it.

The 34-society statement on the 2025 BMJ guideline reached the dataset three times (the statement
itself, a signatory's news release, a signatory's letter); a count of rows by stance counted it as
three critiques. Rows that report the same statement share a statement_id, and counts go by it.
"""

import pandas as pd
import pytest

from ipm_lib import data


@pytest.fixture(scope="module")
def positions() -> pd.DataFrame:
    return data.load("positions")


def stance_counts(positions: pd.DataFrame) -> pd.Series:
    """Statements per stance: each statement once (the count notebook 07 should show)."""
    statements = positions.drop_duplicates("statement_id")
    return statements["stance"].astype("str").value_counts()


def test_each_statement_has_one_stance(positions):
    stances = positions.groupby("statement_id", observed=True)["stance"].nunique()
    assert (stances == 1).all(), f"statements with two stances: {list(stances[stances > 1].index)}"


def test_rows_that_report_the_34_society_statement_share_one_statement_id(positions):
    text = positions["organisation"].astype("str") + " " + positions["summary"].astype("str")
    about = positions[text.str.contains(r"\b34\b", regex=True)]
    # the statement itself, the ACR's news release on it, NASS's letter as a signatory
    assert set(about["position_id"]) >= {"pos05", "pos06", "pos07"}
    assert about["statement_id"].nunique() == 1, about[["position_id", "statement_id"]]


def test_the_stance_count_counts_the_34_society_statement_once(positions):
    rows_per_stance = positions["stance"].astype("str").value_counts()
    counts = stance_counts(positions)
    critique_rows = positions[positions["stance"] == "critique"]
    # three rows report the one 34-society statement: two fewer critiques than rows
    assert counts["critique"] == rows_per_stance["critique"] - 2
    assert counts["critique"] == critique_rows["statement_id"].nunique()
    assert (critique_rows["statement_id"] == "ipsis2025_34society").sum() == 3


def test_two_recommendations_of_one_guideline_are_one_statement(positions):
    busse = positions[positions["source_id"] == "busse2025_bmjrapidrec"]
    assert len(busse) == 2 and busse["statement_id"].nunique() == 1
