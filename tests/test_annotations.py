"""Stand-off annotations: attached to the text without touching it, validated with file and
line, harmless whatever a stranger writes, and exported as W3C Web Annotations."""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, EditionBuild, copy_root, sphinx_build
from conftest import build_project as build
from docutils import nodes
from edition_text import text_of
from parallel_edition.cite import text_hash

HOSTILE = Path(__file__).parent / "hostile"
LATER_NOTE = "id: later\ntarget: repete\nkind: source\nauthors: [A. Editor]\ndate: 2026-11-28"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_root("annotations", tmp_path)


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def write_note(srcdir: Path, name: str, header: str, body: str = "A note.") -> Path:
    path = srcdir / "annotations" / f"{name}.md"
    path.write_text(f"---\n{header.strip()}\n---\n{body}\n", encoding="utf-8")
    return path


# -- attaching ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> BeautifulSoup:
    srcdir = copy_root("annotations", tmp_path_factory.mktemp("ann"))
    status, warnings, outdir = build(srcdir)
    assert (status, warnings) == (0, "")
    return soup_of(outdir / "text.html")


def test_quotes_are_highlighted_in_both_columns_with_the_same_letter(annotated: BeautifulSoup) -> None:
    fr = annotated.select_one('#premier--fr mark[data-ed-ann="oui"]')
    en = annotated.select_one('#premier--en mark[data-ed-ann="oui"]')
    assert fr.get_text() == '"oui"' and en.get_text() == "“yes”"
    for lang in ("fr", "en"):
        marker = annotated.find(id=f"ann--oui--{lang}")
        assert marker["data-ed-letter"] == "b" and marker["href"] == "#ann--oui"
        assert marker.has_attr("data-ed-apparatus")
        assert marker.find_previous("mark")["data-ed-ann"] == "oui"


def test_letters_follow_reading_order_and_notes_stack_in_order(annotated: BeautifulSoup) -> None:
    letters = {m["data-ed-ann"]: m["data-ed-letter"] for m in annotated.select('a.ed-marker[id$="--fr"]')}
    assert all(m.get_text() == "" for m in annotated.select("a.ed-marker")), "a marker's letter is no text of the page"
    assert letters == {"titre-note": "a", "oui": "b", "block-level": "c", "second-mot": "d"}
    notes = annotated.select("#premier > aside.ed-annotations > .ed-annotation")
    assert [note["id"] for note in notes] == ["ann--oui", "ann--block-level"]
    # A block-level note puts its marker at the end of each column's text.
    for lang in ("fr", "en"):
        paragraph = annotated.find(id=f"premier--{lang}").find("p", recursive=False)
        assert paragraph.contents[-1]["id"] == f"ann--block-level--{lang}"


def test_prefix_settles_which_occurrence(annotated: BeautifulSoup) -> None:
    mark = annotated.select_one('#repete--fr mark[data-ed-ann="second-mot"]')
    assert mark.get_text() == "mot"
    assert mark.previous_sibling.endswith("encore le ")


def test_the_text_itself_is_unchanged(annotated: BeautifulSoup) -> None:
    assert text_of(annotated.find(id="premier--fr")).strip() == 'Il a dit "oui" -- puis... l\'a écrit[1].'
    assert text_of(annotated.find(id="repete--fr")).strip() == "Le mot encore, et encore le mot."


def test_notes_show_kind_authors_date_citations_and_links(annotated: BeautifulSoup) -> None:
    note = annotated.find(id="ann--oui")
    assert "ed-kind-context" in note["class"] and note["lang"] == "en"
    assert note.select_one(".ed-ann-kind").get_text() == "Context"
    assert note.select_one(".ed-ann-by").get_text() == "— Ada Editor, 2026-11-01"
    assert note.select_one("a[href$='bibliography.html#id1'], a[href*='bibliography.html']") is not None
    assert note.select_one("a[href='text.html#liste'], a[href='#liste']") is not None
    other = annotated.find(id="ann--block-level")
    assert other.select_one("a[href='https://example.org/source']") is not None
    kinds = [label.get_text() for label in annotated.select(".ed-kind-filter label")]
    assert kinds == ["Context", "Textual note", "Translation", "Update"]


def test_pickled_doctrees_hold_their_own_document_only(project: Path) -> None:
    """Annotation bodies are parsed in a document of their own; their nodes must not keep it
    (with its settings and the whole environment) alive inside the pickled doctree."""
    status, warnings, outdir = build(project)
    assert (status, warnings) == (0, "")
    with (outdir.parent / f"{outdir.name}-doctrees" / "text.doctree").open("rb") as handle:
        doctree = pickle.load(handle)
    foreign = {type(node).__name__ for node in doctree.findall() if node._document not in (None, doctree)}
    assert not foreign, f"nodes that belong to another document: {foreign}"
    assert any("ed-annotation" in node["classes"] for node in doctree.findall(nodes.Element))


def test_other_builders_show_notes_after_their_block(project: Path) -> None:
    status, warnings, outdir = build(project, builder="text")
    assert (status, warnings) == (0, "")
    text = (outdir / "text.txt").read_text(encoding="utf-8")
    # (No smart quotes in text output: the translation quote “yes” still matches "yes".)
    assert re.search(r"He said \"yes\"\[b\].*\n\n\[b\] Context\n\nA quoted \*yes\*", text)
    assert text.index("[c] Update") < text.index("* un")


def test_marks_follow_the_text_as_read_when_the_theme_moves_footnotes_into_it(project: Path) -> None:
    # sphinx-book-theme's sidenotes put each footnote's text into the paragraph (a post-transform
    # of priority 1): the passages found when reading must be marked before that.
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('html_theme = "sphinx_book_theme"\nhtml_theme_options = {"use_sidenotes": True}\n')
    text = (project / "text.md").read_text(encoding="utf-8")
    text = text.replace("Le mot encore, et encore le mot.", "Le mot[^n] encore, et encore le mot.")
    text = text.replace(":source-hash: 036fc368", f":source-hash: {text_hash('Le mot[^n] encore, et encore le mot.')}")
    text = text.replace(
        "The word again, and again the word.\n:::\n", "The word again, and again the word.\n:::\n\n[^n]: A footnote.\n"
    )
    (project / "text.md").write_text(text, encoding="utf-8")
    status, warnings, outdir = build(project)
    assert (status, warnings) == (0, "")
    page = soup_of(outdir / "text.html")
    mark = page.select_one('#repete--fr mark[data-ed-ann="second-mot"]')
    assert mark.get_text() == "mot"
    assert "A footnote." in page.find(id="repete--fr").get_text()


def test_a_page_that_appears_twice_in_a_merged_document_is_marked_in_each_copy(project: Path) -> None:
    # latex_appendices puts the text page a second time into the one LaTeX document.
    status, warnings, outdir = build(project, "-D", "latex_appendices=text", builder="latex")
    assert status == 0, warnings
    (tex,) = outdir.glob("*.tex")
    body, appendix = tex.read_text(encoding="utf-8").split("\\appendix", 1)
    for letter in "abcd":
        assert body.count(f"\\edMarker{{{letter}}}") == appendix.count(f"\\edMarker{{{letter}}}") >= 1, letter


def test_a_passage_changed_after_reading_is_looked_for_near_where_it_was() -> None:
    from parallel_edition.annotations.selectors import nearest  # noqa: PLC0415

    assert nearest("le mot, encore le mot", "mot", 17) == (18, 21)
    assert nearest("le mot, encore le mot", "mot", 2) == (3, 6)
    assert nearest("le mot", "absent", 0) is None


def test_web_annotation_export(project: Path) -> None:
    _, _, outdir = build(project)
    collection = json.loads((outdir / "annotations.jsonld").read_text(encoding="utf-8"))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["id"].startswith("https://example.org/ed/")
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == 4 and collection["first"]["type"] == "AnnotationPage"
    for item in items:
        # The model's required fields: @context, id (an IRI), type, target (with a source).
        assert item["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert item["type"] == "Annotation" and item["id"].startswith("https://example.org/ed/text.html#ann--")
        assert {target["source"] for target in item["target"]} == {"https://example.org/ed/text.html"}
        assert {target["selector"]["type"] for target in item["target"]} == {"FragmentSelector"}
        assert all(body["type"] == "TextualBody" and body["value"] for body in item["body"])
    oui = next(i for i in items if i["id"].endswith("ann--oui"))
    assert oui["target"][0]["selector"] == {
        "type": "FragmentSelector",
        "conformsTo": "http://tools.ietf.org/rfc/rfc3236",
        "value": "premier--fr",
        "refinedBy": {"type": "TextQuoteSelector", "exact": '"oui"'},
    }
    assert "[source2024]" in oui["body"][0]["value"]


def test_adding_an_annotation_never_touches_the_text(project: Path) -> None:
    def digest() -> dict[str, str]:
        return {
            str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in project.rglob("*")
            if p.is_file() and "annotations" not in p.parts
        }

    before = digest()
    write_note(project, "extra", "id: extra\ntarget: liste\nkind: source\nauthors: [Ada]\ndate: 2026-11-05")
    status, warnings, outdir = build(project)
    assert (status, warnings) == (0, "")
    assert digest() == before
    assert soup_of(outdir / "text.html").find(id="ann--extra") is not None


def test_incremental_builds_follow_added_changed_and_removed_annotations(project: Path) -> None:
    outdir = project.parent / "inc"
    assert sphinx_build(project, outdir) == (0, "")
    note = write_note(
        project, "late", "id: late\ntarget: liste\nkind: update\nauthors: [Ada]\ndate: 2026-11-06", "First."
    )
    assert sphinx_build(project, outdir) == (0, "")
    assert "First." in soup_of(outdir / "text.html").find(id="ann--late").get_text()
    note.write_text(note.read_text(encoding="utf-8").replace("First.", "Second."), encoding="utf-8")
    assert sphinx_build(project, outdir) == (0, "")
    assert "Second." in soup_of(outdir / "text.html").find(id="ann--late").get_text()
    note.unlink()
    assert sphinx_build(project, outdir) == (0, "")
    assert soup_of(outdir / "text.html").find(id="ann--late") is None


# -- validation ----------------------------------------------------------------------------------

GOOD = "id: bad\ntarget: premier\nkind: context\nauthors: [Ada]\ndate: 2026-11-28"

CASES = {
    "unknown_target": (GOOD.replace("premier", "premeir"), "A note.", 3, ["'premeir'", "Did you mean 'premier'?"]),
    "quote_not_found": (
        GOOD + "\nquote:\n  exact: Il a dit oui",
        "A note.",
        7,
        ["'Il a dit oui'", "closest passage is 'Il a dit \"ou'"],
    ),
    "ambiguous_quote": (
        GOOD.replace("premier", "repete") + "\nquote:\n  exact: mot",
        "A note.",
        7,
        ["occurs 2 times", "prefix"],
    ),
    "unknown_kind": (GOOD.replace("context", "gossip"), "A note.", 4, ["'gossip'", "context, law, source"]),
    "bad_field": (GOOD.replace("date: 2026-11-28", "date: yesterday"), "A note.", 6, ["'date'", "YYYY-MM-DD"]),
    "unknown_bibkey": (GOOD, "As {cite:p}`nobody1999` says.", 8, ["'nobody1999'"]),
}


def test_bibliography_links_follow_annotations_in_incremental_builds(project: Path) -> None:
    """An annotation added or edited: the bibliography page is written again (not read again)
    with its "cited in" links up to date."""

    def cited_in(outdir: Path) -> list[str]:
        return [a.get_text() for a in soup_of(outdir / "bibliography.html").select(".ed-cited-in a")]

    outdir = project.parent / "html"
    assert sphinx_build(project, outdir)[0] == 0
    assert cited_in(outdir) == ["[b] ¶ 2"]
    write_note(project, "later", LATER_NOTE, "Also {cite:p}`source2024`.")
    status, warnings = sphinx_build(project, outdir, "-v")
    assert status == 0, warnings
    assert cited_in(outdir) == ["[b] ¶ 2", "[e] ¶ 5"]
    # A block inserted before the annotated ones: their numbers, and the links, follow.
    text = project / "text.md"
    new_block = ":::{fr} inserted\nBloc inséré.\n:::\n\n:::{en} inserted\n:source-hash: 276353df\nInserted.\n:::\n\n"
    text.write_text(text.read_text(encoding="utf-8").replace(":::{fr} premier", new_block + ":::{fr} premier"), "utf-8")
    status, warnings = sphinx_build(project, outdir)
    assert cited_in(outdir) == ["[b] ¶ 3", "[e] ¶ 6"], warnings


def test_an_edit_that_changes_no_link_leaves_the_bibliography_and_passages_alone(project: Path) -> None:
    outdir = project.parent / "html"
    assert sphinx_build(project, outdir)[0] == 0
    before = {name: (outdir / name).stat().st_mtime_ns for name in ("bibliography.html", "passages.json")}
    note = project / "annotations" / "oui.md"
    note.write_text(note.read_text(encoding="utf-8").replace("A quoted *yes*", "A quoted, *yes*"), encoding="utf-8")
    assert sphinx_build(project, outdir)[0] == 0
    assert "A quoted, " in soup_of(outdir / "text.html").find(id="ann--oui").get_text()
    after = {name: (outdir / name).stat().st_mtime_ns for name in before}
    assert after == before


def test_exports_kept_between_builds_are_a_clean_builds(project: Path) -> None:
    """Each page's lines of the Web Annotation export are made when the page is read, and
    kept: after an edit, and after a change of html_baseurl (which reads nothing again), both
    exports are the ones a clean build makes."""
    outdir = project.parent / "html"
    assert sphinx_build(project, outdir)[0] == 0
    note = project / "annotations" / "oui.md"
    note.write_text(note.read_text(encoding="utf-8").replace("A quoted *yes*", "A quoted, *yes*"), encoding="utf-8")
    other = ("-D", "html_baseurl=https://other.example/ed/")
    steps = [(), other, (*other, "-D", "html_link_suffix=.htm")]  # each changes one thing
    for step, options in enumerate(steps):
        assert sphinx_build(project, outdir, *options)[0] == 0
        clean = project.parent / f"clean{step}"
        assert sphinx_build(project, clean, *options)[0] == 0
        for name in ("annotations.jsonld", "passages.json", "edition.tei.xml", "annotations.hypothesis.json"):
            assert (outdir / name).read_bytes() == (clean / name).read_bytes(), (step, name)
        export = (outdir / "annotations.jsonld").read_text(encoding="utf-8")
        assert "A quoted, yes" in export
        if step == 1:
            assert '"id": "https://other.example/ed/text.html#ann--oui"' in export
    assert '"url": "https://other.example/ed/text.htm#premier"' in (outdir / "passages.json").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("subtype", sorted(CASES))
def test_invalid_annotations_are_reported_with_file_and_line(project: Path, subtype: str) -> None:
    header, body, line, words = CASES[subtype]
    write_note(project, "bad", header, body)
    status, warnings, _ = build(project)
    assert status != 0
    (warning,) = warnings.strip().splitlines()
    assert warning.startswith(f"annotations/bad.md:{line}: WARNING: "), warning
    assert warning.endswith(f"[edition.{subtype}]")
    for word in words:
        assert word in warning


@pytest.mark.parametrize(
    ("content", "subtype", "line", "words"),
    [
        ("No header at all.\n", "bad_header", 1, ["YAML header"]),
        ("---\nid: [unclosed\n---\nText\n", "bad_header", 3, ["malformed"]),
        (f"---\n{GOOD.replace('authors: [Ada]', '')}\n---\nText\n", "bad_field", 2, ["lacks the field 'authors'"]),
        (f"---\n{GOOD}\ncolour: red\n---\nText\n", "bad_field", 7, ["'colour'"]),
    ],
)
def test_malformed_headers(project: Path, content: str, subtype: str, line: int, words: list[str]) -> None:
    (project / "annotations" / "bad.md").write_text(content, encoding="utf-8")
    status, warnings, _ = build(project)
    assert status != 0
    (warning,) = warnings.strip().splitlines()
    assert warning.startswith(f"annotations/bad.md:{line}: WARNING: ") and warning.endswith(f"[edition.{subtype}]")
    for word in words:
        assert word in warning


def test_dot_files_in_the_annotations_folder_are_ignored(project: Path) -> None:
    (project / "annotations" / ".#oui.md").write_text("an editor's lock file, not an annotation", encoding="utf-8")
    (project / "annotations" / ".drafts").mkdir()
    (project / "annotations" / ".drafts" / "draft.md").write_text("not read", encoding="utf-8")
    status, warnings, _ = build(project)
    assert (status, warnings) == (0, "")


def test_duplicate_ids(project: Path) -> None:
    write_note(project, "zz-copy", GOOD.replace("id: bad", "id: oui"))
    status, warnings, _ = build(project)
    assert status != 0
    assert re.fullmatch(
        r"annotations/zz-copy\.md:2: WARNING: annotation id 'oui' is already used by oui\.md"
        r".*\[edition\.duplicate_annotation\]\n",
        warnings,
    )


def test_make_check_reports_every_problem_at_once(project: Path) -> None:
    write_note(project, "one", GOOD.replace("id: bad", "id: one").replace("premier", "nowhere"))
    write_note(project, "two", GOOD.replace("id: bad", "id: two").replace("context", "gossip"))
    write_note(project, "three", GOOD.replace("id: bad", "id: three"), "<script>alert(1)</script>")
    result = subprocess.run(
        [sys.executable, "-m", "parallel_edition.check", str(project)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    for name, subtype in [("one", "unknown_target"), ("two", "unknown_kind"), ("three", "unsafe_content")]:
        assert re.search(rf"annotations/{name}\.md:\d+: WARNING: .*\[edition\.{subtype}\]", result.stderr), (
            result.stderr
        )
    assert "3 problem(s)" in result.stdout


# -- security -----------------------------------------------------------------------------------

ACTIVE_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


def test_a_refused_annotation_leaves_no_gap_in_the_letters(project: Path) -> None:
    header = LATER_NOTE.replace("later", "refused").replace("target: repete", "target: titre")
    write_note(project, "refused", header, "A note <b>with raw HTML</b>.")
    status, warnings, outdir = build(project)
    assert status != 0 and "refused.md" in warnings
    letters = [a.get_text() for a in soup_of(outdir / "text.html").select(".ed-ann-letter")]
    assert letters == ["[a]", "[b]", "[c]", "[d]"]


def test_hostile_annotations_never_reach_the_page_as_active_content(project: Path) -> None:
    _, _, clean_out = build(project)
    baseline_scripts = sorted(str(s) for s in soup_of(clean_out / "text.html").find_all("script"))
    for path in HOSTILE.glob("*.md"):
        shutil.copy(path, project / "annotations" / path.name)
    status, warnings, outdir = build(project)
    assert status != 0
    refused = set(re.findall(r"annotations/([\w-]+)\.md:\d+: WARNING: .*\[edition\.unsafe_content\]", warnings))
    # Every payload that Markdown would have made active is refused outright ...
    assert refused >= {
        "script-tag", "img-onerror", "svg-onload", "iframe", "a-tag", "event-attribute-inline", "style-tag",
        "raw-directive", "raw-colon", "include-passwd", "literalinclude", "eval-rst", "raw-role",
        "data-image", "remote-image", "html-block-comment",
    }  # fmt: skip
    page = soup_of(outdir / "text.html")
    # ... and nothing active reaches the page, whatever the route.
    assert sorted(str(s) for s in page.find_all("script")) == baseline_scripts
    article = page.find(attrs={"role": "main"})
    assert article.find_all(["script", "style", "iframe", "object", "embed", "svg", "img", "form"]) == []
    for tag in page.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            assert not ACTIVE_URL.match(str(tag.get(name, ""))), tag
    assert "root:x:0:0" not in page.get_text()
    assert "extensions = [" not in page.get_text()  # literalinclude of conf.py
    # The inert ones are shown as the text they are.
    assert "[click me](javascript:alert(1))" in article.find(id="ann--javascript-link").get_text()


# -- the real edition -----------------------------------------------------------------------------


def test_the_edition_has_real_annotations(edition_html: EditionBuild) -> None:
    page = edition_html.soup("text.html")
    notes = page.select("[role=main] .ed-annotation")
    assert len(notes) >= 3
    kinds = {kind for note in notes for kind in note["class"] if kind.startswith("ed-kind-")}
    assert len(kinds) >= 3
    export = json.loads((edition_html.outdir / "annotations.jsonld").read_text(encoding="utf-8"))
    assert export["total"] == len(notes) == len(list((REPO / "edition" / "annotations").glob("*.md")))


EXERCISED = {
    *CASES,
    "bad_header",
    "bad_field",
    "duplicate_annotation",
    "unsafe_content",
}


def test_a_decomposed_accent_before_a_quote_does_not_shift_its_highlight(project: Path) -> None:
    """Text pasted from a PDF or macOS often writes é as e + U+0301: the highlight must still
    cover exactly the quoted passage, and the marker follow it."""
    text = project / "text.md"
    original = 'Il a dit "oui" -- puis... l\'a écrit{noteref}`note-a`.'
    decomposed = 'Le\u0301on a dit "oui" -- puis... l\'a e\u0301crit{noteref}`note-a`.'
    source = text.read_text(encoding="utf-8").replace(original, decomposed)
    source = source.replace(f":source-hash: {text_hash(original)}", f":source-hash: {text_hash(decomposed)}")
    text.write_text(source, encoding="utf-8")
    status, warnings, outdir = build(project)
    assert (status, warnings) == (0, "")
    page = soup_of(outdir / "text.html")
    mark = page.select_one('#premier--fr mark[data-ed-ann="oui"]')
    assert mark.get_text() == '"oui"'
    assert mark.next_sibling.get("id") == "ann--oui--fr"  # the marker right after the passage
    assert "Le\u0301on" in page.select_one("#premier--fr").get_text()  # the text itself untouched


def test_rendering_a_note_leaves_the_page_settings_alone() -> None:
    """MyST's renderer writes its footnote and heading settings into the document's settings
    when it finishes: a note's rendering must not change the page's."""
    from docutils.frontend import get_default_settings  # noqa: PLC0415
    from docutils.parsers.rst import Parser  # noqa: PLC0415
    from parallel_edition.annotations.sanitize import body_tokens, render_body  # noqa: PLC0415

    settings = get_default_settings(Parser)
    settings.env = None  # (no Sphinx environment is needed for a note without roles)
    settings.myst_footnote_transition = settings.myst_footnote_sort = "the page's own"
    tokens, env, findings = body_tokens("A *note*.\n")
    assert findings == []
    document = render_body(tokens, env, "note.md", settings)
    assert document.astext() == "A note."
    assert settings.myst_footnote_transition == settings.myst_footnote_sort == "the page's own"


def test_a_build_parses_each_body_once(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A body is parsed when its file is read (to be checked) and its tokens are kept for the
    page that renders it; a body whose block is on no page is not kept after reading."""
    from parallel_edition.annotations import sanitize  # noqa: PLC0415
    from sphinx.application import Sphinx  # noqa: PLC0415
    from sphinx.util.docutils import docutils_namespace, patch_docutils  # noqa: PLC0415

    parsed: list[str] = []
    parse_body = sanitize.parse_body
    monkeypatch.setattr(sanitize, "parse_body", lambda body: parsed.append(body) or parse_body(body))
    write_note(project, "nowhere", "id: nowhere\ntarget: no-such-block\nkind: source\nauthors: [A]\ndate: 2026-11-28")
    outdir = project.parent / "html"
    with patch_docutils(project), docutils_namespace():
        app = Sphinx(project, project, outdir, outdir / ".doctrees", "html", status=None, warning=None)
        app.build()
    files = sorted((project / "annotations").glob("*.md"))
    bodies = [path.read_text(encoding="utf-8").split("---\n", 2)[2] for path in files]
    assert sorted(parsed) == sorted(bodies) and len(parsed) > 3
    assert sanitize.PARSED == {}
