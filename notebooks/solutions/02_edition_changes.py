from ipm_lib import data

bleed = data.load("bleeding_risk")
# rows that apply to the whole procedure and give a class ("not classified" is not a class)
general = bleed[(bleed["detail"] == "") & (bleed["risk_class"] != "not classified")]
table = general.pivot_table(
    index="procedure_id", columns="edition", values="risk_class", aggfunc="first", observed=True
)
both = table.dropna(subset=["2015 (1st edition)", "2018 (2nd edition)"])
answer = set(both.index[both["2015 (1st edition)"] != both["2018 (2nd edition)"]])
answer
