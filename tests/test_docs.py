"""The README keeps its promises: the two commands first, and every warning documented."""

import re

from conftest import REPO
from parallel_edition.warnings_ import EditionWarning

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    head = README.splitlines()[:5]
    assert any(line.strip().startswith("make html") for line in head)
    assert any(line.strip().startswith("make test") for line in head)
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^html:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_every_warning_subtype_is_documented() -> None:
    documented = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", README, re.M))
    assert set(documented) == {kind.value for kind in EditionWarning}


def test_contribution_workflow_is_in_place() -> None:
    import yaml  # noqa: PLC0415

    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for needed in ("make check", "target:", "quote:", "kind:", "annotation.schema.json"):
        assert needed in contributing
    assert (REPO / ".github" / "pull_request_template.md").is_file()
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML reads the key `on` as True
    steps = " ".join(step.get("run", "") for step in workflow["jobs"]["test"]["steps"])
    assert "make test" in steps and "make html" in steps
    rtd = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert rtd["sphinx"]["configuration"] == "edition/conf.py" and rtd["version"] == 2


def test_the_workflow_can_carry_no_token() -> None:
    """Pull requests from strangers are built by CI: read-only permissions for every job, and a
    checkout that keeps no credentials."""
    import yaml  # noqa: PLC0415

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert job.get("permissions", workflow["permissions"]) == {"contents": "read"}
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/checkout"):
                assert step.get("with", {}).get("persist-credentials") is False


def test_the_readme_states_the_threat_model_and_what_is_refused() -> None:
    section = README.split("## Security", 1)[1].split("\n## ", 1)[0]
    for needed in ("Threat model", "strangers", "secrets", "audit hook", "paranoid", "staging", "read-only"):
        assert needed in section
