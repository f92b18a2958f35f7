# The Littlest JupyterHub: extra JupyterHub configuration for this course.
# deploy/tljh/install_course.sh copies it into /opt/tljh/config/jupyterhub_config.d/.
# Each student's nbgitpuller clone lands in ~/REPO-NAME; its ipm_lib (and so its data/) comes
# first on the kernel's path, so notebooks, library and data always come from the same commit.
import os

from tljh.normalize import generate_system_username

c = get_config()  # noqa: F821 (JupyterHub provides it when it loads this file)

REPO_NAME = "CHANGE-ME-repo-name"


def course_path(spawner) -> str:
    # TLJH runs each student as the system user "jupyter-<name>" (shortened when long),
    # the same name its spawner derives.
    system_user = generate_system_username("jupyter-" + spawner.user.name)
    return os.path.join(os.path.expanduser("~" + system_user), REPO_NAME)


c.Spawner.environment = {"PYTHONPATH": course_path}
