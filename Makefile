# The two commands: `make serve` (build and preview on http://127.0.0.1:8000/) and `make test`.
# Both set everything up on a fresh machine: a virtual environment with pinned packages,
# and for the tests Debian's Chromium and nginx, and the W3C Nu Html Checker (npm ci, run with Java).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Material prints a banner about MkDocs 2.0 on every run; the pin below 2.0 is deliberate.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build validate bench links chromium nginx vnu clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The preview builds only the languages in LANGS (comma-separated, or "all"; hooks/preview.py),
# so a saved change shows in seconds. `make build` and the tests always build every language.
LANGS ?= de

serve: $(STAMP)
	AMM_PREVIEW_LANGS=$(LANGS) $(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP) chromium nginx vnu
	$(PY) -m pytest

build: $(STAMP)
	$(PY) scripts/build.py

validate: $(STAMP)
	$(PY) scripts/validate.py

bench: $(STAMP) nginx
	$(PY) scripts/benchmark.py

links: $(STAMP)
	$(PY) scripts/links.py

chromium:
	@bash scripts/ensure-chromium.sh

nginx:
	@bash scripts/ensure-nginx.sh

vnu:
	@bash scripts/ensure-vnu.sh

clean:
	rm -rf site .pytest_cache
