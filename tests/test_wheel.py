"""The wheel runs on its own: build it, install it in a fresh virtual environment, run the CLI."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import venv

import pandas as pd
import pytest

from conftest import ROOT, SEED

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheels = list(dist.glob("stance-*.whl"))
    assert len(wheels) == 1
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheels[0])],
                   check=True, capture_output=True, timeout=900)
    return python, wheels[0]


def test_wheel_ships_the_data(installed):
    import zipfile

    _, wheel = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    # every table of features/ that the extractors read (cue_stops.csv, reciprocal_cues.csv
    # and the others), not a list that a new table could be missing from
    tables = sorted(path.name for path in (ROOT / "features").glob("*.csv"))
    assert {"aliases.csv", "cues.csv", "modifiers.csv", "reciprocal_cues.csv"} <= set(tables)
    for data in tables:
        assert f"stance/_data/features/{data}" in names, data
    assert "stance/_data/models/stance-default.skops" in names
    assert "stance/_data/models/stance-default.md" in names


def test_installed_model_scores_the_seed(installed, tmp_path):
    python, _ = installed
    result = subprocess.run([str(python), "-m", "stance", "score", str(SEED), "--per", "article"],
                            capture_output=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    table = pd.read_csv(io.BytesIO(result.stdout))
    row = table[(table["country_a"] == "IND") & (table["country_b"] == "RUS")]
    assert len(row) == 1 and row["temperature"].iloc[0] > 0


def test_installed_cli_runs_outside_the_checkout(installed, tmp_path):
    python, _ = installed
    # run from an empty folder so that the checkout's stance/ cannot be imported
    result = subprocess.run([str(python), "-m", "stance", "mentions", str(SEED)],
                            capture_output=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    table = pd.read_csv(io.BytesIO(result.stdout))
    assert {"IND", "RUS"} <= set(table["country"])
    located = subprocess.run([str(python), "-c", "import stance, stance._resources as r; "
                              "print(r.data_dir('features'))"],
                             capture_output=True, cwd=tmp_path, check=True)
    assert "site-packages" in located.stdout.decode()
    script = python.parent / "stance"
    version = subprocess.run([str(script), "--version"], capture_output=True, cwd=tmp_path, check=True)
    assert version.stdout.decode().startswith("stance ")
