"""nbgitpuller links (`python -m ipm_lib link`): encoding, notebook names and refusals."""

from urllib.parse import parse_qs, urlsplit

import pytest

from ipm_lib import __main__ as cli
from ipm_lib.link import LinkError, nbgitpuller_link, notebook_names, resolve_notebook

REPO = "https://github.com/teach-ipm/ipm-notebooks"


def test_link_opens_the_notebook_in_jupyterlab_inside_the_cloned_folder():
    link = nbgitpuller_link("https://hub.example.edu", "04_risks", REPO)
    assert link == (
        "https://hub.example.edu/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2Fteach-ipm%2Fipm-notebooks"
        "&branch=main"
        "&urlpath=lab%2Ftree%2Fipm-notebooks%2Fnotebooks%2F04_risks.ipynb"
    )


def test_every_value_is_encoded_and_decodes_back():
    link = nbgitpuller_link(
        "https://hub.example.edu/", "04", REPO + ".git", branch="spring&term/2027"
    )
    query = parse_qs(urlsplit(link).query)
    assert "&term" not in urlsplit(link).query  # the & inside the branch is encoded
    assert query == {
        "repo": [REPO],  # .git dropped: nbgitpuller names the folder after the last segment
        "branch": ["spring&term/2027"],
        "urlpath": ["lab/tree/ipm-notebooks/notebooks/04_risks.ipynb"],
    }


def test_voila_link_renders_the_dashboard():
    link = nbgitpuller_link("http://127.0.0.1:8000/hub", "dashboard", REPO, app="voila")
    assert link.startswith("http://127.0.0.1:8000/hub/user-redirect/git-pull?")
    assert parse_qs(urlsplit(link).query)["urlpath"] == [
        "voila/render/ipm-notebooks/notebooks/dashboard.ipynb"
    ]


def test_ssh_address_becomes_https():
    link = nbgitpuller_link(
        "https://hub.example.edu", "00", "git@github.com:teach-ipm/ipm-notebooks.git"
    )
    assert parse_qs(urlsplit(link).query)["repo"] == [REPO]


@pytest.mark.parametrize("name", ["04_risks", "04_risks.ipynb", "04", " 04_risks "])
def test_notebook_by_stem_file_or_number(name):
    assert resolve_notebook(name) == "04_risks.ipynb"


def test_notebook_list_comes_from_the_course_map():
    names = notebook_names()
    assert names[:2] == ["00_start_here", "01_what_is_ipm"]
    assert "08_case_studies" in names and "dashboard" in names


def test_unknown_notebook_suggests_the_closest():
    with pytest.raises(LinkError, match=r"unknown notebook '04_risk'\. Did you mean '04_risks'\?"):
        resolve_notebook("04_risk")


def test_unknown_number_lists_the_notebooks():
    with pytest.raises(LinkError, match=r"unknown notebook '42'.*Known notebooks: 00_start_here"):
        resolve_notebook("42")


@pytest.mark.parametrize(
    ("hub", "repo", "message"),
    [
        ("hub.example.edu", REPO, "not an http"),
        ("https://hub.example.edu/?x=1", REPO, "query or fragment"),
        ("https://hub.example.edu", "/srv/ipm-notebooks", "not an http"),
        ("https://hub.example.edu", "https://github.com/", "not an http"),
        ("https://hub.example.edu", "https://user:pw@github.com/a/b", "user name or password"),
    ],
)
def test_bad_hub_or_repo_is_refused(hub, repo, message):
    with pytest.raises(LinkError, match=message):
        nbgitpuller_link(hub, "04", repo)


def test_branch_with_spaces_is_refused():
    with pytest.raises(LinkError, match="branch"):
        nbgitpuller_link("https://hub.example.edu", "04", REPO, branch="my branch")


def test_cli_prints_the_link(capsys):
    code = cli.main(
        ["link", "--hub", "https://hub.example.edu", "--notebook", "04_risks", "--repo", REPO]
    )
    assert code == 0
    assert capsys.readouterr().out.strip() == nbgitpuller_link(
        "https://hub.example.edu", "04_risks", REPO
    )


def test_cli_unknown_notebook_is_a_friendly_error(capsys):
    code = cli.main(
        ["link", "--hub", "https://hub.example.edu", "--notebook", "4_risk", "--repo", REPO]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("cannot make a link: unknown notebook '4_risk'. Did you mean '04_risks'")


def test_cli_without_repo_or_origin_says_what_to_give(capsys, monkeypatch):
    monkeypatch.setattr(cli, "origin_url", lambda: None)
    assert cli.main(["link", "--hub", "https://hub.example.edu", "--notebook", "04"]) == 2
    assert "--repo https://github.com/OWNER/REPO" in capsys.readouterr().err


def test_cli_uses_the_origin_remote_by_default(capsys, monkeypatch):
    monkeypatch.setattr(cli, "origin_url", lambda: "git@github.com:teach-ipm/ipm-notebooks.git")
    assert cli.main(["link", "--hub", "https://hub.example.edu", "--notebook", "04"]) == 0
    assert "repo=https%3A%2F%2Fgithub.com%2Fteach-ipm%2Fipm-notebooks&" in capsys.readouterr().out
