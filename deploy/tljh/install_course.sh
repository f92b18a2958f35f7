#!/usr/bin/env bash
# The Littlest JupyterHub (one server, https://tljh.jupyter.org): install what the course needs
# into TLJH's user environment and let each student's clone provide ipm_lib and its data.
# Run as root on the TLJH server, from a clone of this repository:  sudo bash deploy/tljh/install_course.sh REPO-NAME
# REPO-NAME is the folder nbgitpuller clones into (the repository's name). See docs/deployment.md.
set -euo pipefail
repo_name="${1:?usage: install_course.sh REPO-NAME (the repository's name, the folder nbgitpuller clones into)}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
user_python=/opt/tljh/user/bin/python
config_dir=/opt/tljh/config/jupyterhub_config.d

[ -x "$user_python" ] || { echo "no TLJH user environment at /opt/tljh/user: install TLJH first"; exit 1; }
version="$("$user_python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
if [ "$version" != "3.11" ]; then
    echo "TLJH's user environment has Python $version; the course pins Python 3.11 (requirements/lock.txt)."
    echo "Install a TLJH release whose user environment is 3.11, or add a 3.11 kernel (docs/deployment.md)."
    exit 1
fi
# The course's pinned packages, plus nbgitpuller for the links.
"$user_python" -m pip install --quiet -r "$here/requirements/base.txt" -c "$here/requirements/lock.txt" \
    "nbgitpuller==1.3.0"
mkdir -p "$config_dir"
sed "s/CHANGE-ME-repo-name/$repo_name/" "$here/deploy/tljh/ipm_course.py" > "$config_dir/ipm_course.py"
tljh-config set user_environment.default_app jupyterlab
# Idle servers are culled by TLJH's idle culler; an hour, as in the Kubernetes values.
tljh-config set services.cull.timeout 3600
tljh-config set services.cull.every 300
tljh-config set services.cull.max_age 28800
# Memory per student (docs/deployment.md, sizing): a limit stops one runaway kernel from taking the server.
tljh-config set limits.memory 1G
tljh-config set limits.cpu 1
tljh-config reload
echo "done: give students links from  python -m ipm_lib link --hub https://THIS-SERVER --notebook 00_start_here"
