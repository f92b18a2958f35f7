# One entry point for students, lecturers, maintainers and CI.
#   make course     set up (once) and open the course in JupyterLab on 127.0.0.1 with a token
#   make test       set up (once) and run the whole test suite
# Only python3 (3.11) and make are needed; everything else goes into .venv from PyPI.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NB     := notebooks
PORT   ?= 8888

.PHONY: course test setup lint format notebooks validate browser-deps benchmark mutation html dashboard clean \
        loadtest loadtest-deps

setup: $(STAMP)

$(STAMP): requirements/lock.txt requirements/base.txt requirements/dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt -c requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG = $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

course: setup
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) $(ROOT_FLAG) \
	    --ServerApp.root_dir=$(CURDIR) $(NB)/00_start_here.ipynb

test: setup browser-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m ipm_lib validate data
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

validate: setup
	$(BIN)/python -m ipm_lib validate data

# Re-execute every notebook in place with the pinned versions (after changing data, library or pins).
notebooks: setup
	$(BIN)/python -m tools.execute_notebooks $(NB)

# Headless Chromium for the browser tests: Debian's package (never a browser download).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	    if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	    else echo "chromium not found: install Debian's 'chromium' package (sudo apt-get install chromium); browser tests will be skipped"; fi; }

# The explorers without code, in Voila on 127.0.0.1 with token authentication (open the address with
# ?token=... that it prints), and a preheated kernel: a kernel that has already run the dashboard waits
# for the first visitor, so the page arrives at once; Voila refills it after use. The dashboard's
# template (share/jupyter/voila/templates/ipm-dashboard, found through JUPYTER_PATH) paints the page
# and the first explorer's chart as plain HTML before Voila's JavaScript has loaded (docs/performance.md).
# The used kernel is replaced 5 s after a page is served (Voila's default: 1 s), so that starting
# the new kernel does not compete with the browser loading the page on the same machine. Voila's
# settings (share/jupyter/config/voila.py, found through JUPYTER_CONFIG_PATH) keep one cache of the
# compiled page templates, so a refill does not hold up the open dashboards' clicks.
VOILA_PREHEAT = --preheat_kernel=True --pool_size=1 --VoilaKernelManager.fill_delay=5
VOILA_TEMPLATE = --template=ipm-dashboard

dashboard: setup
	JUPYTER_PATH="$(CURDIR)/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH}" JUPYTER_CONFIG_PATH="$(CURDIR)/share/jupyter/config$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" $(BIN)/voila --Voila.ip=127.0.0.1 --port=$(PORT) --token $(VOILA_PREHEAT) $(VOILA_TEMPLATE) $(NB)/dashboard.ipynb

benchmark: setup
	$(BIN)/python -m benchmarks.run

# A class on one local JupyterHub (127.0.0.1 only): STUDENTS simulated students log in, start their
# servers, run notebook 04 and change a widget at the same moment. Not run by `make test`.
# Installs its own tools: jupyterhub (pinned, into .venv) and configurable-http-proxy (npm, pinned
# by benchmarks/node/package-lock.json, into benchmarks/node/node_modules). Needs node >= 20.
STUDENTS ?= 5
LOADTEST_STAMP := $(VENV)/.loadtest-installed

loadtest-deps: $(LOADTEST_STAMP)

$(LOADTEST_STAMP): $(STAMP) requirements/loadtest.txt benchmarks/node/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm (node >= 20) is needed for the hub's proxy: apt-get install nodejs npm"; exit 1; }
	$(BIN)/python -m pip install --quiet -r requirements/loadtest.txt -c requirements/lock.txt
	npm ci --prefix benchmarks/node --no-audit --no-fund --loglevel=error
	@touch $(LOADTEST_STAMP)

loadtest: setup loadtest-deps
	$(BIN)/python -m benchmarks.loadtest --students $(STUDENTS)

# Mutation testing of the computation modules (about half an hour on two cores; not run by CI).
mutation: setup
	$(BIN)/python -m pip install --quiet mutmut==3.8.1
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

html: setup
	$(BIN)/jupyter nbconvert --to html --output-dir build/html $(NB)/*.ipynb

clean:
	rm -rf $(VENV) build .pytest_cache .hypothesis
