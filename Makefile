# Toetsapp — every target installs what it needs on a fresh Debian 12 machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSSTAMP := $(VENV)/.sysdeps
MO_STAMP := i18n/.compiled
# Runtime libraries PySide6 needs headless, the Xvfb stack for a real window,
# poppler-utils for looking at PDFs, qpdf for the dossier benchmark, softhsm2 for the
# smartcard (PKCS#11) signing tests.
SYSTEM_PACKAGES := libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 \
	libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 xvfb xauth \
	poppler-utils qpdf fonts-dejavu-core softhsm2

.PHONY: run test lint bench i18n-extract i18n-update dist install-desktop clean sysdeps venv

run: $(STAMP) $(MO_STAMP)
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
		echo "Geen beeldscherm gevonden: Toetsapp start in een virtueel scherm (Xvfb)."; \
		xvfb-run -a $(BIN)/toetsapp $(ARGS); \
	else \
		$(BIN)/toetsapp $(ARGS); \
	fi

test: $(STAMP) $(MO_STAMP)
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP) $(MO_STAMP)
	$(BIN)/python -m bench

sysdeps: $(SYSSTAMP)

$(SYSSTAMP): Makefile
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Systeempakketten installeren:$$missing"; \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@mkdir -p $(VENV) && touch $@

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml $(SYSSTAMP) | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

$(MO_STAMP): $(STAMP) $(wildcard i18n/*/LC_MESSAGES/*.po)
	@if ls i18n/*/LC_MESSAGES/toetsapp.po >/dev/null 2>&1; then \
		$(BIN)/pybabel -q compile -d i18n -D toetsapp; fi
	touch $@

i18n-extract: $(STAMP)
	$(BIN)/pybabel extract -F i18n/babel.cfg -k _ -k N_ -k ngettext:1,2 \
		--project=Toetsapp --copyright-holder=Toetsapp -o i18n/toetsapp.pot toetsapp

i18n-update: i18n-extract
	$(BIN)/pybabel update -i i18n/toetsapp.pot -d i18n -D toetsapp --no-fuzzy-matching \
		--ignore-obsolete
	$(BIN)/python i18n/fill_identity.py i18n

dist: $(STAMP) $(MO_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN pyinstaller.spec
	@du -sh dist/toetsapp
	@echo "Gebouwd: dist/toetsapp/toetsapp (start met dist/toetsapp/toetsapp of 'make install-desktop')"

# Registers the built bundle for the current user: menu entry, icon and the .toets file type.
install-desktop: dist
	mkdir -p $(HOME)/.local/share/applications $(HOME)/.local/share/mime/packages \
		$(HOME)/.local/share/icons/hicolor/256x256/apps $(HOME)/.local/share/icons/hicolor/scalable/apps
	sed "s|^Exec=toetsapp|Exec=$(CURDIR)/dist/toetsapp/toetsapp|" packaging/linux/toetsapp.desktop \
		> $(HOME)/.local/share/applications/toetsapp.desktop
	cp packaging/linux/toetsapp-mime.xml $(HOME)/.local/share/mime/packages/toetsapp.xml
	cp packaging/linux/toetsapp.png $(HOME)/.local/share/icons/hicolor/256x256/apps/toetsapp.png
	cp packaging/linux/toetsapp.svg $(HOME)/.local/share/icons/hicolor/scalable/apps/toetsapp.svg
	-update-mime-database $(HOME)/.local/share/mime
	-update-desktop-database $(HOME)/.local/share/applications

clean:
	rm -rf build dist $(MO_STAMP) i18n/*/LC_MESSAGES/*.mo
