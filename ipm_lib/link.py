"""nbgitpuller links: one click on a JupyterHub clones (or updates) this repository into the
student's home and opens one notebook of the course.

``python -m ipm_lib link --hub https://hub.example.edu --notebook 04_risks`` prints the link.
The link has the form ``HUB/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=...``;
nbgitpuller clones into a folder named after the repository's last path segment, so ``urlpath``
points into that folder.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from .course.catalogue import NOTEBOOKS

ROOT = Path(__file__).resolve().parent.parent
APPS = {"lab": "lab/tree", "voila": "voila/render"}


class LinkError(ValueError):
    """A link cannot be made from what was given; the message says what to change."""


def notebook_names() -> list[str]:
    """Every notebook of the course catalogue (lessons, appendix, dashboard) by its file name without
    ``.ipynb`` (``04_risks``)."""
    return [n.name for n in NOTEBOOKS]


def resolve_notebook(name: str) -> str:
    """The notebook's file name for ``name``: its stem (``04_risks``), its file name
    (``04_risks.ipynb``) or its number (``04``). Anything else is refused with the closest names."""
    names = notebook_names()
    wanted = name.strip().removesuffix(".ipynb")
    if wanted in names:
        return wanted + ".ipynb"
    by_number = [n for n in names if n.split("_", 1)[0] == wanted]
    if len(by_number) == 1:
        return by_number[0] + ".ipynb"
    close = difflib.get_close_matches(wanted, names, n=2, cutoff=0.75)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise LinkError(
        f"unknown notebook {name!r}.{hint} Known notebooks: {', '.join(names)}"
        " (a number such as 04 works too)."
    )


def normalise_repo(repo: str) -> str:
    """An https URL of the repository, without a trailing ``.git`` or ``/``. An ``git@host:owner/name``
    address is turned into its https form; anything else that is not http(s) is refused."""
    repo = repo.strip()
    ssh = re.fullmatch(r"git@([^:/]+):(.+)", repo)
    if ssh:
        repo = f"https://{ssh.group(1)}/{ssh.group(2)}"
    parts = urlsplit(repo)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path.strip("/") == "":
        raise LinkError(
            f"repository {repo!r} is not an http(s) URL of a repository; give --repo "
            "https://github.com/OWNER/REPO (the public address the hub can clone)"
        )
    if parts.username or parts.password:
        raise LinkError(f"repository URL {repo!r} holds a user name or password; leave them out")
    return repo.rstrip("/").removesuffix(".git")


def normalise_hub(hub: str) -> str:
    """The hub's base URL without a trailing ``/`` or ``/hub``; refuses anything but http(s)."""
    parts = urlsplit(hub.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LinkError(f"hub {hub!r} is not an http(s) URL; give --hub https://hub.example.edu")
    if parts.query or parts.fragment:
        raise LinkError(f"hub {hub!r} has a query or fragment; give only its base URL")
    base = hub.strip().rstrip("/")
    return base.removesuffix("/hub")


def origin_url(root: Path = ROOT) -> str | None:
    """The URL of this checkout's git remote ``origin``, if there is one."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    return out.stdout.strip() or None


def nbgitpuller_link(
    hub: str, notebook: str, repo: str, branch: str = "main", app: str = "lab"
) -> str:
    """The nbgitpuller link that opens ``notebook`` of ``repo`` at ``branch`` on ``hub``.
    Every query value is percent-encoded (``/``, ``:``, spaces, ``&`` included)."""
    if app not in APPS:
        raise LinkError(f"unknown app {app!r}; choose one of {', '.join(APPS)}")
    if not branch.strip() or any(c.isspace() for c in branch):
        raise LinkError(f"branch {branch!r} is empty or holds spaces; give a git branch name")
    repo = normalise_repo(repo)
    folder = repo.rsplit("/", 1)[-1]
    urlpath = f"{APPS[app]}/{folder}/notebooks/{resolve_notebook(notebook)}"
    query = urlencode(
        {"repo": repo, "branch": branch, "urlpath": urlpath}, quote_via=quote, safe=""
    )
    return f"{normalise_hub(hub)}/hub/user-redirect/git-pull?{query}"
