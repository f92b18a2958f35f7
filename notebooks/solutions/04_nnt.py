import math

from ipm_lib import risk

process = risk.outcome("c_o01")  # PROCESS, >=50% leg pain relief at 6 months
comparison = risk.Comparison(process["treatment_value"] / 100, process["control_value"] / 100)
answer = math.ceil(comparison.number_needed)
answer
