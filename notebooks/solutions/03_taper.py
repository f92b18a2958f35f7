from ipm_lib import opioids

before = [("oxycodone", 20, 2), ("tramadol", 50, 2)]
after = [("oxycodone", 10, 2)]
answer = opioids.taper_change(before, after)["change_pct"]
answer
