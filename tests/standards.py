"""The standards' own checkers, for the tests: the W3C Web Annotation test suite's assertions
(JSON Schemas, draft-04, formats checked) and the CSL schemas, read from ``../shared/standards``
(never copied into the project); and the npm tools the browser tests run (Apache Annotator,
bundled by esbuild), installed from ``tests/js/package-lock.json`` into ``build/npm``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT7

REPO = Path(__file__).resolve().parent.parent
STANDARDS = REPO.parent / "shared" / "standards"
WEB_ANNOTATION_TESTS = STANDARDS / "web-annotation-tests"
CSL = STANDARDS / "csl"
NPM_DIR = REPO / "build" / "npm"


def require_standards() -> None:
    if not WEB_ANNOTATION_TESTS.is_dir() or not CSL.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"The standards' test data is missing: {STANDARDS} (the project's ../shared).")
        pytest.skip(f"The standards' test data is not at {STANDARDS}.")


@dataclass(frozen=True)
class Assertion:
    name: str
    kind: str  # must, should, may
    expected: str  # valid, invalid
    validator: Draft4Validator

    def holds(self, instance: Any) -> bool:
        valid = self.validator.is_valid(instance)
        return valid == (self.expected == "valid")


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted((WEB_ANNOTATION_TESTS / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


@cache
def suite(test_file: str) -> tuple[Assertion, ...]:
    """The assertions a ``*.test`` file of the W3C suite lists (e.g. ``annotations/annotationMusts.test``)."""
    require_standards()
    listing = json.loads((WEB_ANNOTATION_TESTS / test_file).read_text(encoding="utf-8"))
    assertions = []
    for name in listing["assertions"]:
        schema = json.loads((WEB_ANNOTATION_TESTS / name).read_text(encoding="utf-8"))
        validator = Draft4Validator(schema, registry=_registry(), format_checker=Draft4Validator.FORMAT_CHECKER)
        assertions.append(Assertion(name, schema.get("assertionType", "must"), schema["expectedResult"], validator))
    return tuple(assertions)


def failed_musts(test_file: str, instance: Any) -> list[str]:
    """The MUST assertions of *test_file* that *instance* fails, by file name."""
    return [a.name for a in suite(test_file) if a.kind == "must" and not a.holds(instance)]


@cache
def csl_validator(schema: str) -> Draft7Validator:
    """A validator for ``csl-data.json`` or ``csl-citation.json`` (which refers to the first)."""
    require_standards()
    schemas = {
        name: json.loads((CSL / name).read_text(encoding="utf-8")) for name in ("csl-data.json", "csl-citation.json")
    }
    registry = Registry().with_resources(
        (body["$id"], Resource.from_contents(body, default_specification=DRAFT7)) for body in schemas.values()
    )
    return Draft7Validator(schemas[schema], registry=registry, format_checker=FormatChecker())


# -- npm tools ------------------------------------------------------------------------------


def require_tool(tool: str) -> str:
    """The program *tool*; where it is missing, the test is skipped, and fails in CI (which
    installs every tool the tests use, see .ci/run)."""
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is missing: .ci/run installs it (see README, 'Tests').")
        pytest.skip(f"{tool} is not installed (see README, 'Tests').")
    return path


_require = require_tool


def npm_tools() -> Path:
    """``build/npm`` with the locked npm packages installed (``npm ci``, once per lock file)."""
    npm = _require("npm")
    lock = (REPO / "tests" / "js" / "package-lock.json").read_text(encoding="utf-8")
    stamp = NPM_DIR / "node_modules" / ".parallel-edition-lock"
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != lock:
        NPM_DIR.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(REPO / "tests" / "js" / name, NPM_DIR / name)
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=NPM_DIR, check=True)
        stamp.write_text(lock, encoding="utf-8")
    return NPM_DIR


@cache
def annotator_bundle() -> str:
    """``tests/js/anchor.js`` with Apache Annotator, bundled by esbuild for the browser."""
    _require("node")
    folder = npm_tools()
    out = folder / "anchor.bundle.js"
    subprocess.run(
        [
            str(folder / "node_modules" / ".bin" / "esbuild"),
            str(REPO / "tests" / "js" / "anchor.js"),
            "--bundle",
            "--format=iife",
            "--log-level=warning",
            f"--outfile={out}",
        ],
        check=True,
        env={**os.environ, "NODE_PATH": str(folder / "node_modules")},
    )
    return out.read_text(encoding="utf-8")
