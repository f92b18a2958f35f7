from ipm_lib import data

prevalence = data.load("prevalence")
rows = prevalence[
    (prevalence["source_id"] == "vandenbeuken2016_cancer")
    & prevalence["population"].str.contains("advanced")
]
answer = float(rows["value"].iloc[0])
answer
