# 法治报告看板 — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
DB ?= data/reports.duckdb
RAW := $(shell find data/raw -type f ! -name '.*' 2>/dev/null)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install dev run test test-all lint bench bench-stages fuzz chromium office db clean model

# Each install runs again only when its requirements file changes (the stamps below). pip
# unpacks without compiling; the packages' bytecode is then compiled on both cores (their own
# test folders left out), once, since every Python process here would otherwise compile what
# it imports again where PYTHONDONTWRITEBYTECODE is set (a file that does not compile is left
# to compile when imported, as pip leaves it).
install: $(VENV)/.runtime
$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	$(COMPILE_PACKAGES)
	touch $@

# requirements-dev.txt includes requirements.txt: one pip run installs both (the runtime stamp too)
dev: $(VENV)/.dev
$(VENV)/.dev: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements-dev.txt
	$(COMPILE_PACKAGES)
	touch $(VENV)/.runtime $@

PIP_INSTALL = $(BIN)/python -m pip install -q --disable-pip-version-check --no-compile
COMPILE_PACKAGES = $(BIN)/python -m compileall -q -j 0 -x 'site-packages/.*/tests?/' "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" >/dev/null || true

# the store is (re)built when it is missing or older than a file in data/raw
db: $(DB)
$(DB): $(VENV)/.runtime $(RAW)
	$(BIN)/python -m analysis ingest data/raw --db $(DB) --replace || [ $$? -eq 2 ]
	touch $(DB)

run: install db
	$(BIN)/python -m analysis refresh --if-stale --db $(DB)
	@echo "法治报告看板: http://localhost:$(PORT)"
	REPORTS_DB=$(DB) $(BIN)/python -m pages.serve --server.port $(PORT) --server.headless true

# Debian's chromium drives the browser test (Playwright cannot download browsers here)
chromium:
	@{ command -v chromium >/dev/null 2>&1 && [ -d /usr/share/fonts/opentype/noto ]; } || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

# Debian's LibreOffice (Writer without a screen, ~200 MB, about 15 s) reads old .doc reports and renders the
# county brief to PDF in the tests; the dashboard reads .doc only where it (or antiword/catdoc) is installed
office:
	@command -v soffice >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null; }

# the quick suite (CI): every test but the slow forms of the long checks, whose fast forms it runs
test: dev chromium office
	$(BIN)/python -m ruff check analysis pages tests bench app.py
	$(BIN)/python -m ruff format --check analysis pages tests bench app.py
	$(COMPILE)
	$(BIN)/python -m pytest -q -m "not slow" $(PARALLEL)

# everything, the full cross-validations included (several minutes more)
test-all: dev chromium office
	$(COMPILE)
	$(BIN)/python -m pytest -q

# two test processes (pytest-xdist): the suite waits on servers, browsers and CLI runs, so a
# second process keeps both cores busy; the browser tests share one process and one server
# (tests/conftest.py groups them). `make test PARALLEL=` runs everything in one process.
PARALLEL ?= -n 2 --dist loadgroup

# the project's bytecode written once before a test run: the suite starts many Python
# processes (CLI runs, ingest workers, the dashboard), and where PYTHONDONTWRITEBYTECODE is set
# each of them would otherwise compile every module it imports again
COMPILE = $(BIN)/python -m compileall -q -j 0 analysis pages bench tests app.py >/dev/null

lint: dev
	$(BIN)/python -m ruff check analysis pages tests bench app.py
	$(BIN)/python -m ruff format --check analysis pages tests bench app.py

bench: install
	$(BIN)/python -m analysis bench

# the register's word classifier, refitted and shipped (data/problem_model.npz) after an edit of
# data/problems.csv, data/problem_labelled.csv or data/userdict.txt (a test says when)
model: install
	$(BIN)/python -c "from analysis.problems.register import write_model; write_model()"

# ingest's per-report time by stage, one process, 600 synthetic reports (a minute; part of `make bench`)
bench-stages: install
	$(BIN)/python -m bench.stages

# thousands of damaged copies of the seed reports through parse and ingest (tests/fuzzing.py)
fuzz: dev
	$(BIN)/python -m tests.fuzzing --cases 3000

clean:
	rm -rf $(VENV) .pytest_cache $(DB) $(DB).wal $(DB).waiting $(DB).snapshots
