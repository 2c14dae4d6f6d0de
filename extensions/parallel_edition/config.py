"""Configuration values, declared once and checked at ``config-inited``."""

from __future__ import annotations

import copy
import datetime
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .warnings_ import EditionWarning, warn

LANG_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def is_lang(value: Any) -> bool:
    return isinstance(value, str) and bool(LANG_CODE.match(value))


def is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def is_names(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    if not value:
        return True
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return bool(ISO_DATE.match(value))


#: The keys of ``edition_source_metadata``.
SOURCE_KEYS = frozenset({"title", "author", "publisher", "date", "url", "note"})


def is_source(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and set(value) <= SOURCE_KEYS
        and all(isinstance(v, str) for v in value.values())
        and is_date(value.get("date", ""))
    )


@dataclass(frozen=True)
class Setting:
    """One configuration value of the extension: declared here once, with its default, its
    check, what is allowed (for the warning) and its help (for the documentation)."""

    name: str
    default: Any
    help: str
    allowed: str
    valid: Callable[[Any], bool]


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "edition_original_lang",
        "fr",
        "BCP 47 code of the original text; also the name of its block directive.",
        "a language code such as 'fr' or 'pt-BR'",
        is_lang,
    ),
    Setting(
        "edition_translation_lang",
        "en",
        "BCP 47 code of the translation; also the name of its block directive.",
        "a language code such as 'en' or 'pt-BR'",
        is_lang,
    ),
    Setting(
        "edition_language_names",
        {},
        "Names shown in the view switch, by language code (default: the language's own name where known).",
        "a mapping of language codes to names, e.g. {'fr': 'Français'}",
        is_names,
    ),
    Setting(
        "edition_cite_title",
        "",
        "Title of the edition in citations (default: ``project``).",
        "a text",
        lambda value: isinstance(value, str),
    ),
    Setting(
        "edition_cite_authors",
        [],
        "Authors or editors of the edition in citations.",
        "a list of names, e.g. ['A. Editor']",
        is_text_list,
    ),
    Setting(
        "edition_cite_date",
        "",
        "Date of this version of the edition (ISO 8601, YYYY-MM-DD) in citations.",
        "a date written YYYY-MM-DD, or ''",
        is_date,
    ),
    Setting(
        "edition_organisations",
        [],
        "Names among the edition's and the annotations' authors that name a group or an organisation, "
        "not a person: typed ``Organization`` in the Web Annotation export and given as one name, never "
        "split into first and last names, in citations and meta tags.",
        "a list of names, e.g. ['The edition's editors']",
        lambda value: isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value),
    ),
    Setting(
        "edition_cite_title_original",
        "",
        "Kept from case changes in citations (CSL-JSON ``nocase``, BibTeX braces): the part of "
        "``edition_cite_title`` in the original's language, such as the original's own title. Empty: none.",
        "a text found in the citation title, or ''",
        lambda value: isinstance(value, str),
    ),
    Setting(
        "edition_source",
        "",
        "The text the edition reproduces, as a short reference naming its publisher (in the text "
        "pages' description meta tags). Empty: none.",
        "a text",
        lambda value: isinstance(value, str),
    ),
    Setting(
        "edition_cite_key",
        "edition",
        "Prefix of BibTeX and CSL keys: ``<prefix>-<anchor>``.",
        "a key of letters, digits, '-' and '_', starting with a letter",
        lambda value: isinstance(value, str) and bool(KEY.match(value)),
    ),
    Setting(
        "edition_cite_page",
        "",
        "The document that lists every block's citation (it holds the ``edition-citations`` "
        "directive): each block's cite link leads there when the page's script does not run. "
        "Empty: the link leads to the block itself.",
        "a document name, or ''",
        lambda value: isinstance(value, str),
    ),
    Setting(
        "edition_translators",
        [],
        "Translators of the edition, in the TEI header (default: ``edition_cite_authors``).",
        "a list of names, e.g. ['A. Translator']",
        is_text_list,
    ),
    Setting(
        "edition_license",
        "",
        "URL of the licence of the edition's own work, in the TEI header and on each annotation.",
        "a URL such as 'https://creativecommons.org/licenses/by/4.0/', or ''",
        lambda value: isinstance(value, str) and (not value or value.startswith(("https://", "http://"))),
    ),
    Setting(
        "edition_rights",
        "",
        "Statement of rights given with the licence in the TEI header (what it covers, and what not).",
        "a text",
        lambda value: isinstance(value, str),
    ),
    Setting(
        "edition_source_metadata",
        {},
        "The source of the original, for the TEI header: title, author, publisher, date (YYYY-MM-DD), url, note.",
        "a mapping with some of the keys title, author, publisher, date, url and note, each a text",
        is_source,
    ),
    Setting(
        "edition_dts",
        True,
        "Write the static DTS 1.0 API (``dts/``) with each HTML build.",
        "True or False",
        lambda value: isinstance(value, bool),
    ),
    Setting(
        "edition_dts_ranges",
        50,
        "The most blocks a text may have for the DTS API to hold its ranges (Level 1); above, Level 0.",
        "a whole number, 0 or more",
        lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= 0,
    ),
    Setting(
        "edition_pdf",
        "",
        "Path of the typeset PDF (from ``make pdf``), relative to conf.py: when it exists at build "
        "time it is published with the HTML and offered in every page's header. Empty: none.",
        "a path relative to conf.py, or ''",
        lambda value: isinstance(value, str),
    ),
    Setting(
        "edition_anchor_registry",
        "",
        "Path of the anchor registry (YAML), relative to conf.py; empty: none.",
        "a path relative to conf.py, or ''",
        lambda value: isinstance(value, str),
    ),
    Setting(
        "edition_annotations",
        "",
        "Folder of annotation files (``*.md``), relative to conf.py; empty: none.",
        "a folder relative to conf.py, or ''",
        lambda value: isinstance(value, str),
    ),
    Setting(
        "edition_registry_update",
        False,
        "Add new anchors to the registry instead of warning (``make anchors``).",
        "True or False",
        lambda value: isinstance(value, bool),
    ),
)


KNOWN_NAMES = {"fr": "Français", "en": "English", "de": "Deutsch", "it": "Italiano", "es": "Español"}


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, "env", types=frozenset({type(setting.default)}))
    app.connect("config-inited", check_config)
    app.connect("config-inited", resolve_paths, priority=700)


def check_config(app: Sphinx, config: Config) -> None:
    """Reset invalid values to their defaults, with a warning that says what is allowed."""
    for setting in SETTINGS:
        value = config[setting.name]
        if not setting.valid(value):
            warn(
                EditionWarning.CONFIG,
                f"{setting.name} = {value!r} is not {setting.allowed}; using {setting.default!r}.",
                conf_location(app, setting.name),
            )
            config[setting.name] = copy.deepcopy(setting.default)
    if config.edition_original_lang == config.edition_translation_lang:
        warn(
            EditionWarning.CONFIG,
            "edition_original_lang and edition_translation_lang are both "
            f"{config.edition_original_lang!r}; they must differ. Using 'fr' and 'en'.",
            conf_location(app, "edition_translation_lang"),
        )
        config.edition_original_lang, config.edition_translation_lang = "fr", "en"


def cite_title(config: Config) -> str:
    """The edition's title in citations and exports."""
    return str(config.edition_cite_title or config.project)


#: The base of the exports' absolute IRIs when ``html_baseurl`` is not set. RFC 2606 reserves
#: the ``.invalid`` top-level domain: such an IRI never resolves, so it can name no one else's page,
#: and the README says how to rebase an export made with it.
PLACEHOLDER_BASE = "https://edition.invalid/"


def export_base(config: Config) -> str:
    """The base of absolute IRIs in the exports (no final slash): ``html_baseurl``, or the
    placeholder when it is not set."""
    return str(config.html_baseurl or PLACEHOLDER_BASE).rstrip("/")


def is_organisation(config: Config, name: str) -> bool:
    return name in config.edition_organisations


def edition_version(config: Config) -> str:
    """The edition's version in citations and exports."""
    return str(config.release or config.version)


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
