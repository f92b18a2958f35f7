from ipm_lib import anticoagulation

guidance = anticoagulation.guidance("scs_trial", "acenocoumarol")
answer = guidance["stop_before_days"]
answer
