from ipm_lib import risk, trajectory

mint = risk.outcome("mint_facet_pain_3mo")
two_points = trajectory.thresholds().loc["farrar_raw_2pt", "value"]
answer = bool(abs(mint["effect"]) < two_points)
answer
