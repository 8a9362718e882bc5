"""The benchmark helpers that turn runs into the figures models/README.md reports."""

from __future__ import annotations

import runpy

import numpy as np
import pandas as pd
import pytest

import stance

from conftest import ROOT

DRAWS = {"unshuffled": (0.6883, 0.5051, 0.6482, 0.6279), "seed 1": (0.6769, 0.5404, 0.6328, 0.6364),
         "seed 2": (0.6993, 0.5084, 0.6618, 0.6267)}


@pytest.fixture
def calibration_check(monkeypatch):
    # the script imports its neighbour conflibert_labels, as a script does
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    return runpy.run_path(str(ROOT / "benchmarks" / "calibration_check.py"))


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


def test_resplit_runs_pair_split_by_split_without_all_items(tmp_path, paired_draws, capsys):
    # calibration_check.py --resplit-seeds tests the real items alone: no "all F1"
    draw_line = paired_draws["draw_line"]

    def run(path, shift):
        lines = ["real items: 1058 of 7079 rows, in 646 sentences"]
        for i, (name, (f1, mae, rho, _)) in enumerate(DRAWS.items()):
            lines.append(draw_line(name, {"macro_f1_3way": f1 + shift * i, "mae_5point": mae,
                                          "spearman": rho}, None))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    before, after = run(tmp_path / "before.txt", 0.0), run(tmp_path / "after.txt", 0.01)
    names, differences = paired_draws["paired"](before, after)
    np.testing.assert_allclose(differences[:, 0], [0.0, 0.01, 0.02], atol=1e-9)
    assert np.isnan(differences[:, 3]).all()
    assert paired_draws["main"]([str(before), str(after)]) == 0
    out = capsys.readouterr().out
    assert "real F1   +0.0100 ± 0.0058" in out and "all F1" not in out


def test_sentences_and_paragraphs_of_a_resplit_run_pair_apart(tmp_path, paired_draws, capsys):
    # --resplit-seeds --paragraphs prints "seed N" and "seed N paragraphs" draws
    draw_line = paired_draws["draw_line"]

    def run(path, sentences, paragraphs):
        lines = ["real items: 1058 of 7079 rows, in 646 sentences"]
        for seed in (1, 2, 3):
            for name, f1 in ((f"seed {seed}", sentences), (f"seed {seed} paragraphs", paragraphs)):
                lines.append(draw_line(name, {"macro_f1_3way": f1 + 0.01 * seed, "mae_5point": 0.4,
                                              "spearman": 0.7}, None))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    before, after = run(tmp_path / "before.txt", 0.70, 0.68), run(tmp_path / "after.txt", 0.72, 0.67)
    names, differences = paired_draws["paired"](before, after, "paragraphs")
    assert names == ["seed 1 paragraphs", "seed 2 paragraphs", "seed 3 paragraphs"]
    np.testing.assert_allclose(differences[:, 0], -0.01, atol=1e-9)
    assert paired_draws["main"]([str(before), str(after), "--match", "^seed [0-9]+$"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 paired draws: seed 1 +0.0200") and "real F1   +0.0200 ± 0.0000" in out
    # without a match every draw pairs, as before
    assert len(paired_draws["paired"](before, after)[0]) == 6
    assert paired_draws["main"]([str(before), str(after), "--match", "joined"]) == 2
    assert "share no draw" in capsys.readouterr().err


def test_runs_on_other_items_are_refused(tmp_path, paired_draws, capsys):
    before = _run(tmp_path / "before.txt", 6337, DRAWS)
    after = _run(tmp_path / "after.txt", 6335, DRAWS)
    assert paired_draws["main"]([str(before), str(after)]) == 2
    assert "6337 pair items and" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no draw lines"):
        paired_draws["read_run"](empty)


def test_calibration_check_names_what_it_can_do(calibration_check, capsys):
    # with nothing asked of it, the check trains nothing and lists its five parts
    main = calibration_check["main"]
    with pytest.raises(SystemExit) as stopped:
        main([])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    for option in ("--oof", "--heldout-seeds", "--jackknife-seeds", "--random-states", "--resplit-seeds"):
        assert option in error


def test_a_new_split_keeps_a_sentence_whole_and_holds_out_its_share(calibration_check):
    held_out_anew = calibration_check["held_out_anew"]
    texts = [f"Sentence number {i} of the news." for i in range(2000)]
    first = held_out_anew(texts + texts[:5], seed=1)
    # a sentence's items fall on one side, whichever row they are
    assert (first[-5:] == first[:5]).all()
    share = calibration_check["HOLDOUT_SHARE"]
    assert share - 0.03 < first[:2000].mean() < share + 0.03
    # another seed splits otherwise, the same seed alike
    assert (held_out_anew(texts, seed=2) != first[:2000]).mean() > 0.3
    assert (held_out_anew(texts, seed=1) == first[:2000]).all()
    assert 0.17 < held_out_anew(texts, seed=1, share=0.2).mean() < 0.23


def test_readings_tables_follow_each_reading(monkeypatch):
    # benchmarks/readings.py imports its neighbour calibration_check, as a script does
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    report = runpy.run_path(str(ROOT / "benchmarks" / "readings.py"))["report"]
    rng = np.random.default_rng(0)
    true = rng.choice([-1, 0, 1], size=60)
    size = np.repeat([1, 3, 6, 10], 15)
    items = {"true": true, "news": true, "written": np.zeros(60, dtype=int), "pairs_in_paragraph": size,
             "real": np.arange(60) < 30, "marked": np.arange(60) >= 30}
    text = report(pd.DataFrame(items))
    lines = text.splitlines()
    assert lines[0] == "real news items: 30" and "written items: 30" in lines
    counts = [np.bincount(true[part] + 1, minlength=3) for part in (slice(0, 30), slice(30, 60))]
    for block, count in zip((lines[:8], lines[lines.index("written items: 30"):]), counts):
        # read as news, every item is right: the matrix is diagonal
        diagonal = ", ".join("/".join(str(count[i] if j == i else 0) for j in range(3)) for i in range(3))
        assert block[1].endswith(diagonal) and "macro-F1 1.000" in block[1]
        # read as written, every item is neutral: one column
        column = ", ".join(f"0/{n}/0" for n in count)
        assert block[2].endswith(column)
    # each size band counts its items, and neutral as written is 100% where there are any
    start = lines.index("written items: 30")
    for block, expected in ((lines[4:8], [15, 15, 0, 0]), (lines[start + 4:start + 8], [0, 0, 15, 15])):
        bands = [line.split() for line in block]
        assert [band[0] for band in bands] == ["1", "2-3", "4-6", "7+"]
        assert [int(band[1]) for band in bands] == expected
        assert all(band[-1] == "100%" for band in bands if int(band[1]))


def test_cv_designs_trains_on_joined_paragraphs_only_without_a_tested_sentence(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    with_joined = runpy.run_path(str(ROOT / "benchmarks" / "cv_designs.py"))["with_joined"]
    texts = ["Russia and China signed a deal.", "India protested to Pakistan.", "Japan thanked Korea.",
             "Russia and China signed a deal. Japan thanked Korea.", "India protested to Pakistan. Japan thanked Korea."]
    pairs = pd.DataFrame({"text": texts})
    folds = [(np.array([0, 1]), np.array([2])), (np.array([1, 2]), np.array([0])), (np.array([0, 2]), np.array([1]))]
    got = [(list(train), list(test)) for train, test in with_joined(iter(folds), pairs, 3)]
    # the joined rows (3, 4) are never tested, and train only where none of their sentences is
    assert got == [([0, 1], [2]), ([1, 2, 4], [0]), ([0, 2, 3], [1])]


def test_paragraph_features_groups_each_dense_column_once():
    # the shipped model's dense columns, each in one group, but the written mark, which
    # is the same for a sentence alone and in a paragraph
    groups = runpy.run_path(str(ROOT / "benchmarks" / "paragraph_features.py"))["feature_groups"]
    features = stance.load_model().named_steps["features"]
    names = list(dict(features.transformer_list)["dense"].named_steps["union"].get_feature_names_out())
    chosen = [i for columns in groups(names).values() for i in columns]
    assert sorted(chosen) == [i for i, name in enumerate(names) if name != "provenance__written"]
    assert all(groups(names).values())


def test_a_learning_curve_tests_the_same_items_with_less_training(calibration_check, capsys):
    split_rows = calibration_check["split_rows"]
    texts = [f"Sentence number {i} of the news." for i in range(2000)]
    real = np.arange(2000) % 10 != 0  # every tenth row written: never held out nor left out
    test, left_out = split_rows(texts, real, seed=1, share=0.25, leave_out=0.15)
    alone, kept_out = split_rows(texts, real, seed=1, share=0.25)
    # the same items tested, more of the real ones left out of training, none written
    assert (test == alone).all() and (kept_out == alone).all()
    assert (left_out >= test).all() and not (left_out & ~real).any()
    assert 0.22 < test[real].mean() < 0.28 and 0.37 < left_out[real].mean() < 0.43
    main = calibration_check["main"]
    with pytest.raises(SystemExit) as stopped:
        main(["--resplit-seeds", "1", "--holdout-share", "0.7", "--leave-out-share", "0.4"])
    assert stopped.value.code == 2
    assert "--holdout-share is 0.7 and --leave-out-share 0.4" in capsys.readouterr().err


def test_joined_training_paragraphs_of_a_new_split_hold_none_of_its_tested_sentences(calibration_check, tmp_path):
    # "joined": true with --resplit-seeds joins the split's own training sentences alone
    sentences = ["India and Russia signed a defence pact.", "China criticised Japan over the islands.",
                 "Brazil and Argentina held trade talks.", "Pakistan accused India of shelling.",
                 "France sent aid to Mali.", "Kenya and Ethiopia opened a border post."]
    pd.DataFrame({"id": [f"s{i}" for i in range(6)], "text": sentences,
                  "country_a": ["IND", "CHN", "ARG", "IND", "FRA", "ETH"],
                  "country_b": ["RUS", "JPN", "BRA", "PAK", "MLI", "KEN"], "label": [2, -1, 1, -2, 2, 1],
                  "source": [f"news, class line {i}" for i in range(6)]}).to_csv(tmp_path / "real.csv", index=False)
    labels = stance.read_labels(tmp_path / "real.csv")
    pairs = stance.model.labelled_pairs(labels).assign(written=False)
    counts, real = np.full(len(pairs), 3), np.ones(len(pairs), dtype=bool)
    left_out = pairs["text"].isin(sentences[:2]).to_numpy()
    fit_pairs, fit_counts, fit_real, rows = calibration_check["with_joined"](labels, pairs, counts, real,
                                                                              left_out, seed=1)
    extra = fit_pairs.iloc[len(pairs):]
    assert len(extra) > 0 and (fit_counts[len(pairs):] == 1).all() and not fit_real[len(pairs):].any()
    assert not any(s in t for s in sentences[:2] for t in extra["text"])
    assert all(sum(s in t for s in sentences[2:]) >= 2 for t in extra["text"])
    assert set(rows) == set(np.flatnonzero(~left_out)) | set(range(len(pairs), len(fit_pairs)))


def test_calibration_check_refuses_model_params_that_are_not_an_object(calibration_check, capsys):
    main = calibration_check["main"]
    for given, problem in (("[10]", "is not a JSON object"), ("{forest: 0}", "is not JSON")):
        with pytest.raises(SystemExit) as stopped:
            main(["--random-states", "--model-params", given])
        assert stopped.value.code == 2
        error = capsys.readouterr().err
        assert f"--model-params: '{given}' {problem}" in error and "forest_leaf" in error


def test_score_digests_see_the_last_bit_and_not_the_hash_seed():
    digest = runpy.run_path(str(ROOT / "benchmarks" / "score_digests.py"))["digest"]
    nudged = np.nextafter(0.1, 1.0)
    assert digest(np.array([0.1])) != digest(np.array([nudged]))
    assert digest(pd.DataFrame({"p": [0.1]})) != digest(pd.DataFrame({"p": [nudged]}))
    assert digest(pd.DataFrame({"p": [0.1]})) == digest(pd.DataFrame({"p": [0.1]}))
    # sets by their members, whatever order this process's string hashing gives them
    assert digest((frozenset({"IND", "RUS"}), 1)) == digest((frozenset({"RUS", "IND"}), 1))
    assert digest((frozenset({"IND", "RUS"}),)) != digest((frozenset({"IND", "PAK"}),))


def test_doubly_annotated_labels_are_the_ones_closer_to_zero(capsys):
    agreement = runpy.run_path(str(ROOT / "benchmarks" / "agreement.py"))
    assert agreement["main"]() == 0
    out = capsys.readouterr().out
    assert "round 6: short texts" in out and "test: alignment" in out


WRITTEN_TESTS = sorted(p.name for p in (ROOT / "seeds" / "_labelled").glob("*_test.csv"))


def test_the_written_tests_are_the_three_of_seeds_readme():
    assert WRITTEN_TESTS == ["alignment_test.csv", "sentences_test.csv", "short_test.csv"]


@pytest.mark.parametrize("name", WRITTEN_TESTS)
def test_the_written_tests_are_apart_from_training_and_fully_read(name):
    from stance.model import labelled_pairs, read_labels

    labelled = ROOT / "seeds" / "_labelled"
    test = pd.read_csv(labelled / name, dtype=str, keep_default_na=False)
    training = pd.concat([pd.read_csv(labelled / part, dtype=str, keep_default_na=False)
                          for part in ("corpus.csv", "seed.csv")])
    assert not set(test["text"]) & set(training["text"])
    assert not set(test["id"]) & set(training["id"])
    # every item's pair is one the toolkit forms in its text
    assert len(labelled_pairs(read_labels(labelled / name))) == len(test)


def test_calibration_check_sets_pipeline_parameters_after_making_the_model(calibration_check, tmp_path):
    # --model-params' "set_params" reaches the steps that make_model has no parameter for
    events = tmp_path / "events.csv"
    events.write_text("text,event\nA deal.,statement\nA war.,material_conflict\n", encoding="utf-8")
    made = calibration_check["build_model"]({"events": str(events), "forest": 0,
                                             "set_params": {"features__dense__union__events__C": 4.0,
                                                            "features__dense__union__events__cross_fit": 10}},
                                            random_state=3)
    assert made.get_params()["features__dense__union__events__C"] == 4.0
    assert made.get_params()["features__dense__union__events__cross_fit"] == 10
    assert made.get_params()["classifier__estimator__boosted__trees__random_state"] == 3
    assert "forest" not in made.named_steps["classifier"].estimator.named_estimators
    assert "set_params" not in calibration_check["model_params"]({"set_params": {}})


def test_compare_models_pairs_two_models_items(tmp_path):
    from stance.model import save_model

    compare = runpy.run_path(str(ROOT / "benchmarks" / "compare_models.py"))
    labelled = ROOT / "seeds" / "_labelled"
    small = pd.read_csv(labelled / "corpus.csv", dtype=str, keep_default_na=False).iloc[:300]
    small.to_csv(tmp_path / "small.csv", index=False)
    other = save_model(stance.train(tmp_path / "small.csv", cv_folds=0)[0], tmp_path / "small.skops")
    shipped, other = stance.load_model(), stance.load_model(other)
    labels = stance.read_labels(labelled / "short_test.csv")
    lost, gained, before, after = compare["discordant"](labels, shipped, other)
    assert len(lost) and len(gained) and not set(lost) & set(gained)
    # the split agrees with each model's three-way accuracy as stance evaluate counts it
    right = {name: round(stance.evaluate(labels, model=model)["model"]["accuracy_3way"] * len(labels))
             for name, model in (("shipped", shipped), ("other", other))}
    assert right["shipped"] - right["other"] == len(lost) - len(gained)
    # and read the other way round, the lost are the gained
    back = compare["discordant"](labels, other, shipped)
    assert list(back[0]) == list(gained) and list(back[1]) == list(lost)
    np.testing.assert_allclose(back[2], after)
    assert not any(len(rows) for rows in compare["discordant"](labels, shipped, shipped)[:2])


def test_label_shift_weighs_classes_as_scikit_learn_weighs_samples():
    from sklearn.metrics import f1_score

    shift = runpy.run_path(str(ROOT / "benchmarks" / "label_shift.py"))
    labels = stance.read_labels(ROOT / "seeds" / "_labelled" / "short_test.csv")
    figures = stance.evaluate(labels)
    truth, predicted = shift["_predictions"](ROOT / "seeds" / "_labelled" / "short_test.csv", None)
    counts = np.bincount(np.sign(truth).astype(int) + 1, minlength=3)
    # at the file's own shares, the figures of stance evaluate, baselines included
    for name in ("model", "vader", "textblob"):
        matrix = shift["confusion"](truth, predicted[name])
        assert matrix.tolist() == figures[name]["confusion"]
        own = shift["macro_f1"](matrix, (counts / counts.sum())[None, :])[0]
        assert own == pytest.approx(figures[name]["macro_f1_3way"])
        # any other mix: scikit-learn's macro-F1 with each item weighed by its class
        grid = shift["mixes"](0.05)
        assert len(grid) == 171 and np.allclose(grid.sum(axis=1), 1) and grid.min() >= 0.05 - 1e-9
        for shares in grid[::17]:
            weights = (shares / counts)[np.sign(truth).astype(int) + 1]
            expected = f1_score(np.sign(truth), np.sign(predicted[name]), average="macro", sample_weight=weights)
            assert shift["macro_f1"](matrix, shares[None, :])[0] == pytest.approx(expected)


def test_calibration_check_counts_each_real_item_as_often_as_real_weight_says(calibration_check, tmp_path,
                                                                             monkeypatch):
    labelled = ROOT / "seeds" / "_labelled"
    written, real = tmp_path / "written.csv", tmp_path / "real.csv"
    pd.read_csv(labelled / "corpus.csv", dtype=str, keep_default_na=False).iloc[:40].to_csv(written, index=False)
    pd.read_csv(labelled / "short_test.csv", dtype=str, keep_default_na=False).iloc[:30].to_csv(real, index=False)
    data = calibration_check["_data"]
    # the script's own files, pointed at small ones: written, the seed and "real news"
    monkeypatch.setitem(data.__globals__, "FILES", [written, labelled / "seed.csv", real])
    monkeypatch.setitem(data.__globals__, "WRITTEN", [str(written)])
    for params, weight in (({}, 3), ({"real_weight": 2}, 2), ({"real_weight": 5}, 5)):
        _, _, counts, is_real = data(params)
        assert is_real.sum() > 20 and set(counts[is_real]) == {weight} and set(counts[~is_real]) == {1}
    for wrong in (0, 1.5, True, "2"):
        with pytest.raises(ValueError, match=f"real_weight is {wrong!r}; expected a whole number"):
            data({"real_weight": wrong})
    # not a parameter of make_model
    assert "real_weight" not in calibration_check["model_params"]({"real_weight": 2})
