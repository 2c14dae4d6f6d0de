"""Issue #19, item 2: the annotations in Hypothesis's import format, as its client reads them
(``readExportFile``: an object with an ``annotations`` array; ``ImportAnnotationsService``
keeps ``target``, ``tags``, ``text``, ``uri``, ``document``; the import panel lists them by
``user`` and ``user_info.display_name``; the client anchors ``target[0]``'s TextQuoteSelector)."""

from __future__ import annotations

import json

from conftest import EditionBuild


def test_every_annotation_is_in_hypothesis_import_format(edition_html: EditionBuild) -> None:
    export = json.loads((edition_html.outdir / "annotations.hypothesis.json").read_text(encoding="utf-8"))
    collection = json.loads((edition_html.outdir / "annotations.jsonld").read_text(encoding="utf-8"))
    items = collection["first"]["items"]
    assert isinstance(export, dict) and isinstance(export["annotations"], list)
    assert {"export_date", "export_userid", "client_version"} <= set(export)
    assert len(export["annotations"]) == len(items) >= 90
    for annotation, item in zip(export["annotations"], items, strict=True):
        assert annotation["id"] == item["id"]
        assert annotation["uri"].startswith(("http://", "https://")) and annotation["uri"].endswith("text.html")
        assert annotation["user"].startswith("acct:") and annotation["user_info"]["display_name"]
        assert annotation["text"].strip() and annotation["tags"] == [item["body"][1]["value"]]
        assert annotation["document"]["title"]
        (target,) = annotation["target"]
        assert target["source"] == annotation["uri"]
        refined = item["target"][0]["selector"].get("refinedBy")
        if refined:  # the passage the edition highlights, as the client finds it: its quote
            (quote,) = [s for s in target["selector"] if s["type"] == "TextQuoteSelector"]
            assert quote["exact"] == refined["exact"]
