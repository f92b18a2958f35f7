from ipm_lib import trajectory

answer = trajectory.change_category(8, 5)["category"]
answer
