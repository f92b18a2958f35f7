from ipm_lib import anticoagulation

guidance = anticoagulation.guidance("scs_trial", "warfarin")
answer = guidance["stop_before_days"]
answer
