"""The dashboard server's settings (.streamlit/config.toml), as Streamlit reads them."""

from __future__ import annotations

import tomllib

import pytest

from tests.conftest import ROOT

CONFIG = ROOT / ".streamlit" / "config.toml"


@pytest.mark.parametrize(
    ("section", "option", "value"),
    [
        ("server", "maxUploadSize", 20),
        ("server", "headless", True),
        # each new session walked all of sys.modules on the event loop that answers every session
        ("server", "fileWatcherType", "none"),
        # a full collection after every run held the GIL for 0.1–0.4 s, stalling every session
        ("runner", "postScriptGC", False),
        ("client", "toolbarMode", "viewer"),
        ("browser", "gatherUsageStats", False),
    ],
)
def test_the_servers_settings(section, option, value):
    settings = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert settings[section][option] == value


@pytest.mark.parametrize(("option", "value"), [("server.fileWatcherType", "none"), ("runner.postScriptGC", False)])
def test_streamlit_reads_them(option, value, monkeypatch):
    from streamlit import config

    monkeypatch.chdir(ROOT)  # Streamlit reads .streamlit/config.toml from the folder it is started in
    config.get_config_options(force_reparse=True)
    try:
        assert config.get_option(option) == value
    finally:
        config.get_config_options(force_reparse=True)


@pytest.mark.parametrize("option", ["server.fileWatcherType", "runner.postScriptGC"])
def test_the_options_exist_in_this_streamlit(option):
    """A misspelt or retired option would be ignored without a word: Streamlit knows both."""
    from streamlit import config

    assert option in config._config_options_template
