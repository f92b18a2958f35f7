from ipm_lib import data

bleed = data.load("bleeding_risk")
general = bleed[bleed["detail"] == ""]  # rows that apply to the whole procedure
table = general.pivot_table(
    index="procedure_id", columns="edition", values="risk_class", aggfunc="first", observed=True
)
both = table.dropna(subset=["2015 (1st edition)", "2018 (2nd edition)"])
answer = set(both.index[both["2015 (1st edition)"] != both["2018 (2nd edition)"]])
answer
