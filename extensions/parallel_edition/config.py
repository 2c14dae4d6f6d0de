"""Configuration values, declared once and checked at ``config-inited``."""

from __future__ import annotations

import os
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from .messages import EditionWarning, warn

LANG_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")

#: name -> (default, description)
CONFIG_VALUES: dict[str, tuple[object, str]] = {
    "edition_original_lang": ("fr", "BCP 47 code of the original text; also the name of its block directive."),
    "edition_translation_lang": ("en", "BCP 47 code of the translation; also the name of its block directive."),
    "edition_language_names": ({}, "Names shown in the view switch, by language code."),
    "edition_cite_title": ("", "Title of the edition in citations (default: ``project``)."),
    "edition_cite_authors": ([], "Authors or editors of the edition in citations."),
    "edition_cite_date": ("", "Date of this version of the edition (ISO 8601) in citations."),
    "edition_cite_key": ("edition", "Prefix of BibTeX and CSL keys: ``<prefix>-<anchor>``."),
    "edition_anchor_registry": ("", "Path of the anchor registry (YAML), relative to conf.py; empty: none."),
    "edition_annotations": ("", "Folder of annotation files (``*.md``), relative to conf.py; empty: none."),
    "edition_registry_update": (False, "Add new anchors to the registry instead of warning (``make anchors``)."),
}

KNOWN_NAMES = {"fr": "Français", "en": "English", "de": "Deutsch", "it": "Italiano", "es": "Español"}


def setup_config(app: Sphinx) -> None:
    for name, (default, _doc) in CONFIG_VALUES.items():
        app.add_config_value(name, default, "env", types=frozenset({type(default)}))
    app.connect("config-inited", check_config)
    app.connect("config-inited", resolve_paths, priority=700)


def check_config(app: Sphinx, config: Config) -> None:
    """Reset invalid values to their defaults, with a warning that says what is allowed."""
    for name in ("edition_original_lang", "edition_translation_lang"):
        value = config[name]
        if not isinstance(value, str) or not LANG_CODE.match(value):
            default = CONFIG_VALUES[name][0]
            warn(
                EditionWarning.CONFIG,
                f"{name} = {value!r} is not a language code such as 'fr' or 'pt-BR'; using {default!r}.",
                conf_location(app, name),
            )
            config[name] = default
    if config.edition_original_lang == config.edition_translation_lang:
        warn(
            EditionWarning.CONFIG,
            "edition_original_lang and edition_translation_lang are both "
            f"{config.edition_original_lang!r}; they must differ. Using 'fr' and 'en'.",
            conf_location(app, "edition_translation_lang"),
        )
        config.edition_original_lang, config.edition_translation_lang = "fr", "en"
    names = config.edition_language_names
    if not isinstance(names, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in names.items()):
        warn(
            EditionWarning.CONFIG,
            f"edition_language_names = {names!r} must map language codes to names, e.g. {{'fr': 'Français'}}.",
            conf_location(app, "edition_language_names"),
        )
        config.edition_language_names = {}


#: Config values that name a path relative to conf.py's folder; made absolute at config-inited.
PATH_VALUES = ("edition_annotations", "edition_anchor_registry")


def resolve_paths(app: Sphinx, config: Config) -> None:
    """Made absolute, but symbolic links are not resolved: the annotations folder must not be
    one (see ``annotations.annotation_files``)."""
    for name in PATH_VALUES:
        if config[name]:
            config[name] = os.path.abspath(Path(app.confdir, config[name]))  # noqa: PTH100


def config_path(config: Config, name: str) -> Path | None:
    """The path a config value names (absolute), or None where it is empty."""
    return Path(config[name]) if config[name] else None


def conf_location(app: Sphinx, name: str) -> str:
    """``path/conf.py:line`` of the assignment to *name* (line 1 if it is not found there)."""
    path = Path(app.confdir, "conf.py")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    line = next((n for n, text in enumerate(lines, 1) if re.match(rf"\s*{name}\s*=", text)), 1)
    return f"{path}:{line}"


def language_name(config: Config, code: str) -> str:
    return config.edition_language_names.get(code) or KNOWN_NAMES.get(code) or code
