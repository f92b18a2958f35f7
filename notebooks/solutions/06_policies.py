from ipm_lib import pathway

means = {}
for policy in ("repeat_on_return", "stop_after_failure"):
    params = pathway.PathwayParams(response_rate=0.3, relief_median_months=6, policy=policy, seed=1)
    result, _ = pathway.simulate(params)
    means[policy] = result["procedures"].mean()
answer = float(means["repeat_on_return"] - means["stop_after_failure"])
answer
