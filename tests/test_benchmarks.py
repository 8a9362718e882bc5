"""The benchmark helpers that turn runs into the figures models/README.md reports."""

from __future__ import annotations

import runpy

import numpy as np
import pytest

from conftest import ROOT

DRAWS = {"unshuffled": (0.6883, 0.5051, 0.6482, 0.6279), "seed 1": (0.6769, 0.5404, 0.6328, 0.6364),
         "seed 2": (0.6993, 0.5084, 0.6618, 0.6267)}


@pytest.fixture(scope="module")
def paired_draws():
    return runpy.run_path(str(ROOT / "benchmarks" / "paired_draws.py"))


def _run(path, items, draws, order=None):
    """A run as cv_designs.py --per-draw prints it, its draw lines made by the same function."""
    draw_line = runpy.run_path(str(ROOT / "benchmarks" / "paired_draws.py"))["draw_line"]
    lines = [f"{items} pair items, {items + 7} labelled items; draws of the folds: unshuffled, seed 1, seed 2",
             "variant         design     real F1    ±sd   acc5    MAE Spearman  all F1   time"]
    for name in order or draws:
        f1, mae, rho, every = draws[name]
        lines.append(draw_line(name, {"macro_f1_3way": f1, "mae_5point": mae, "spearman": rho}, every))
    lines.append("shipped         strict       0.688  0.008  0.573  0.521    0.651   0.630   456s")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_draws_are_paired_by_name(tmp_path, paired_draws, capsys):
    shift = np.array([0.004, -0.010, 0.002, 0.001])
    after = {name: tuple(np.array(v) + shift * (i + 1)) for i, (name, v) in enumerate(DRAWS.items())}
    before = _run(tmp_path / "before.txt", 6337, DRAWS)
    # the draws may come in another order: they pair by name, not by line
    after = _run(tmp_path / "after.txt", 6337, after, order=["seed 2", "unshuffled", "seed 1"])
    names, differences = paired_draws["paired"](before, after)
    assert names == list(DRAWS)
    np.testing.assert_allclose(differences, np.outer([1, 2, 3], shift), atol=1e-9)
    assert paired_draws["main"]([str(before), str(after)]) == 0
    out = capsys.readouterr().out
    mean, error = shift[0] * 2, shift[0] * np.std([1, 2, 3], ddof=1) / np.sqrt(3)
    assert f"real F1   {mean:+.4f} ± {error:.4f}" in out


def test_runs_on_other_items_are_refused(tmp_path, paired_draws, capsys):
    before = _run(tmp_path / "before.txt", 6337, DRAWS)
    after = _run(tmp_path / "after.txt", 6335, DRAWS)
    assert paired_draws["main"]([str(before), str(after)]) == 2
    assert "6337 pair items and" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no draw lines"):
        paired_draws["read_run"](empty)


def test_calibration_check_names_what_it_can_do(capsys):
    # with nothing asked of it, the check trains nothing and lists its four parts
    main = runpy.run_path(str(ROOT / "benchmarks" / "calibration_check.py"))["main"]
    with pytest.raises(SystemExit) as stopped:
        main([])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    for option in ("--oof", "--heldout-seeds", "--jackknife-seeds", "--random-states"):
        assert option in error
