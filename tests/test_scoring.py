"""The model, scoring and evaluation, against the shipped model and real files."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import stance
from stance.errors import DataError, InputError
from stance.model import LABEL_VALUES, LABELS

from conftest import ROOT, SEED, SHARED

LABELLED = ROOT / "seeds" / "_labelled"
PROBABILITIES = [f"p_{name}" for name in LABELS]


@pytest.fixture(scope="module")
def seed_scores():
    return stance.score(SEED)


def pair(frame, a, b):
    return frame[(frame["country_a"] == a) & (frame["country_b"] == b)]


def test_make_model_is_features_classifier_calibration():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.pipeline import Pipeline

    from stance.model import LogisticCalibration

    model = stance.make_model()
    assert isinstance(model, Pipeline)
    assert [name for name, _ in model.steps] == ["features", "classifier"]
    assert isinstance(model.steps[-1][1], LogisticCalibration)
    assert not hasattr(model, "classes_")
    assert isinstance(stance.make_model(calibration="isotonic").steps[-1][1], CalibratedClassifierCV)
    with pytest.raises(ValueError, match="calibration is 'platt'; expected 'logistic', 'isotonic' or 'sigmoid'"):
        stance.make_model(calibration="platt")


def test_make_model_drops_dense_features_by_name(written_and_seed, tmp_path):
    from stance.model import labelled_pairs, load_model, save_model

    _, _, labels = written_and_seed
    pairs = labelled_pairs(labels)
    dropped = ["paragraph_vader_compound", "countries"]
    plain, ablated = stance.make_model(), stance.make_model(drop_features=dropped)
    # the default pipeline is as it was, with no selection step
    assert [name for name, _ in plain["features"].transformer_list[0][1].steps] == ["union", "scale"]
    dense_names = lambda model: [n for n in model["features"].get_feature_names_out() if n.startswith("dense__")]
    plain.fit(pairs, pairs["label"])
    ablated.fit(pairs, pairs["label"])
    kept = dense_names(ablated)
    assert len(kept) == len(dense_names(plain)) - 2
    assert not any(name.endswith(("__paragraph_vader_compound", "__countries")) for name in kept)
    assert any(name.endswith("__paragraph_vader_neg") for name in kept)
    # the trees read the dense columns that are left, and no TF-IDF column among them
    trees = ablated["classifier"].estimator_.named_estimators_["boosted"]
    assert trees["trees"].n_features_in_ == len(kept)
    loaded = load_model(save_model(ablated, tmp_path / "ablated.skops"))
    assert np.allclose(loaded.predict_proba(pairs.iloc[:20]), ablated.predict_proba(pairs.iloc[:20]))
    with pytest.raises(ValueError, match=r"drop_features names \['paragraph_mood'\], which are not dense features"):
        stance.make_model(drop_features=["paragraph_mood", "countries"])
    with pytest.raises(ValueError, match="leaves out all"):
        stance.make_model(drop_features=[name.rsplit("__", 1)[1] for name in dense_names(plain)])


def _logistic_calibration_checks():
    from sklearn.linear_model import LogisticRegression
    from sklearn.utils.estimator_checks import parametrize_with_checks

    from stance.model import LogisticCalibration

    return parametrize_with_checks([LogisticCalibration(LogisticRegression()), LogisticCalibration()])


@_logistic_calibration_checks()
def test_logistic_calibration_passes_sklearn_checks(estimator, check):
    check(estimator)


def _serial_extra_trees_checks():
    from sklearn.utils.estimator_checks import parametrize_with_checks

    from stance.model import SerialExtraTrees

    return parametrize_with_checks([SerialExtraTrees(n_estimators=10, random_state=0)])


@_serial_extra_trees_checks()
def test_serial_extra_trees_passes_sklearn_checks(estimator, check):
    check(estimator)


def _first_columns_checks():
    from sklearn.utils.estimator_checks import parametrize_with_checks

    from stance.model import FirstColumns

    return parametrize_with_checks([FirstColumns()])


@_first_columns_checks()
def test_first_columns_passes_sklearn_checks(estimator, check):
    check(estimator)


def test_first_columns_selects_as_the_column_transformer_did():
    from scipy import sparse
    from sklearn.compose import ColumnTransformer

    from stance.model import FirstColumns

    rng = np.random.default_rng(0)
    X = sparse.random(40, 30, density=0.3, format="csr", random_state=1)
    X.data[::7] = np.nan  # passed through, as the column selection passes them
    old = ColumnTransformer([("dense", "passthrough", slice(0, 12))], sparse_threshold=0).fit(X)
    new = FirstColumns(12).fit(X)
    assert np.array_equal(new.transform(X), old.transform(X), equal_nan=True)
    dense = rng.normal(size=(5, 30))
    assert np.array_equal(new.transform(dense), dense[:, :12])
    assert list(new.get_feature_names_out([f"f{i}" for i in range(30)])) == [f"f{i}" for i in range(12)]
    with pytest.raises(ValueError, match="n is 31, but X has 30 columns"):
        FirstColumns(31).fit(X)
    with pytest.raises(ValueError, match="n is 0; expected a whole number of at least 1"):
        FirstColumns(0).fit(X)


def test_tfidf_state_holds_the_vocabulary_as_one_string(tmp_path):
    import pickle

    import skops.io as sio

    from stance.features import PairTfidf

    texts = ["CTRYA imposed sanctions on CTRYB", "CTRYA and CTRYB signed a deal", "CTRYA signed sanctions"]
    fitted = PairTfidf(ngram_range=(1, 2)).fit(texts)
    state = fitted.__getstate__()
    assert isinstance(state["vocabulary_"], str) and isinstance(fitted.vocabulary_, dict)
    for again in (pickle.loads(pickle.dumps(fitted)),
                  sio.loads(sio.dumps(fitted), trusted=["stance.features.PairTfidf"])):
        assert again.vocabulary_ == fitted.vocabulary_ and isinstance(again.vocabulary_, dict)
        assert (again.transform(texts) != fitted.transform(texts)).nnz == 0
    # a state saved before, with the vocabulary as a dict, reads as it was
    older = PairTfidf.__new__(PairTfidf)
    older.__setstate__({**fitted.__dict__})
    assert older.vocabulary_ == fitted.vocabulary_ and (older.transform(texts) != fitted.transform(texts)).nnz == 0


@pytest.mark.parametrize("n_jobs", [1, None, 2])
def test_serial_extra_trees_predicts_as_extra_trees_does(n_jobs):
    """The same probabilities to the last bit as scikit-learn's forest in one job (the
    plain loop), and to rounding in two (scikit-learn's own path)."""
    from sklearn.datasets import make_classification
    from sklearn.ensemble import ExtraTreesClassifier

    from stance.model import SerialExtraTrees

    X, y = make_classification(n_samples=400, n_features=12, n_informative=6, n_classes=5, random_state=3)
    params = dict(n_estimators=30, min_samples_leaf=5, max_features=0.3, class_weight="balanced_subsample",
                  n_jobs=n_jobs, random_state=0)
    serial = SerialExtraTrees(**params).fit(X[:300], y[:300])
    stock = ExtraTreesClassifier(**params).fit(X[:300], y[:300])
    if n_jobs == 2:  # threads add the trees in no fixed order: equal to rounding
        np.testing.assert_allclose(serial.predict_proba(X[300:]), stock.predict_proba(X[300:]), rtol=1e-12)
    else:
        assert np.array_equal(serial.predict_proba(X[300:]), stock.predict_proba(X[300:]))
        assert np.array_equal(serial.predict(X[300:]), stock.predict(X[300:]))


def test_article_scores_pool_paragraphs_by_weight():
    """Each article and pair, in order of first appearance, pools its paragraphs'
    probabilities weighted by 1 - p_neutral (at least 0.05), as a pandas groupby
    computes it, whichever order the paragraphs come in."""
    from stance.model import paragraph_weights
    from stance.scoring import ARTICLE_SCORE_COLUMNS, PARAGRAPH_SCORE_COLUMNS, aggregate_articles

    rng = np.random.default_rng(0)
    n = 60
    p = rng.dirichlet(np.full(5, 0.5), size=n)
    p[:5, 2] = 1.0 - 1e-9  # all but certain neutral: the least weight
    p[:5] /= p[:5].sum(axis=1, keepdims=True)
    keys = [("b", "CHN", "IND"), ("a", "IND", "PAK"), ("b", "IND", "PAK"), ("a", "CHN", "IND"), ("c", "RUS", "USA")]
    chosen = [keys[k] for k in rng.integers(0, len(keys), size=n)]
    paragraphs = pd.DataFrame({
        "article_id": [k[0] for k in chosen], "paragraph_id": np.arange(n), "country_a": [k[1] for k in chosen],
        "country_b": [k[2] for k in chosen], "label": "neutral", "temperature": 0.0,
        **{column: p[:, j] for j, column in enumerate(PROBABILITIES)}, "evidence": "x"})[PARAGRAPH_SCORE_COLUMNS]
    got = aggregate_articles(paragraphs)
    assert list(got.columns) == ARTICLE_SCORE_COLUMNS
    reference = paragraphs.assign(_w=paragraph_weights(paragraphs["p_neutral"]))
    for column in PROBABILITIES:
        reference[column] = reference[column] * reference["_w"]
    grouped = reference.groupby(["article_id", "country_a", "country_b"], sort=False)
    sums = grouped[list(PROBABILITIES) + ["_w"]].sum()
    assert list(zip(got["article_id"], got["country_a"], got["country_b"])) == list(sums.index)
    np.testing.assert_allclose(got[list(PROBABILITIES)].to_numpy(),
                               sums[list(PROBABILITIES)].to_numpy() / sums[["_w"]].to_numpy(), rtol=1e-12)
    assert got["n_paragraphs"].tolist() == grouped.size().tolist()
    values = np.array([LABEL_VALUES[name] for name in LABELS], dtype=float)
    np.testing.assert_allclose(got["temperature"], 50 * got[list(PROBABILITIES)].to_numpy() @ values)
    for column in ("article_id", "country_a", "country_b", "label"):
        assert got[column].dtype == paragraphs[column].dtype


def test_logistic_calibration_learns_from_the_weighted_rows_only():
    """Calibrated on a part of the rows whose classes are not balanced like the rest,
    the probabilities follow that part."""
    from sklearn.linear_model import LogisticRegression

    from stance.model import LogisticCalibration

    rng = np.random.default_rng(0)
    X = rng.normal(size=(3000, 3))
    y = (X[:, 0] + rng.normal(scale=2.0, size=3000) > 0).astype(int)  # a weak signal, half of each class
    # the calibrating part holds every row of class 1 and a fifth of class 0's
    part = (y == 1) | (rng.random(3000) < 0.2)
    fresh = rng.normal(size=(2000, 3))
    everywhere = LogisticCalibration(LogisticRegression()).fit(X, y)
    on_part = LogisticCalibration(LogisticRegression()).fit(X, y, calibration_weight=part.astype(float))
    assert abs(everywhere.predict_proba(fresh)[:, 1].mean() - y.mean()) < 0.05
    assert abs(on_part.predict_proba(fresh)[:, 1].mean() - y[part].mean()) < 0.05
    assert y[part].mean() - y.mean() > 0.25
    # the classifier itself learnt from every row either way
    np.testing.assert_allclose(everywhere.estimator_.coef_, on_part.estimator_.coef_)
    with pytest.raises(ValueError, match="at least one non-zero"):
        LogisticCalibration(LogisticRegression()).fit(X, y, calibration_weight=np.zeros(len(y)))


def test_shipped_model_predicts_the_five_labels():
    model = stance.load_model()
    assert sorted(model.classes_) == sorted(LABELS)


def test_score_tables(seed_scores):
    paragraphs, articles = seed_scores
    from stance.scoring import ARTICLE_SCORE_COLUMNS, PARAGRAPH_SCORE_COLUMNS

    assert list(paragraphs.columns) == PARAGRAPH_SCORE_COLUMNS
    assert list(articles.columns) == ARTICLE_SCORE_COLUMNS
    assert (paragraphs["country_a"] < paragraphs["country_b"]).all()
    np.testing.assert_allclose(paragraphs[PROBABILITIES].sum(axis=1), 1.0)
    values = np.array([LABEL_VALUES[n] for n in LABELS], dtype=float)
    np.testing.assert_allclose(paragraphs["temperature"], 50 * paragraphs[PROBABILITIES].to_numpy() @ values)
    assert paragraphs["temperature"].between(-100, 100).all()
    # the side (conflict, neutral, cooperation) with the most probability, then the degree
    p = paragraphs[PROBABILITIES].to_numpy()
    side = np.stack([p[:, 0] + p[:, 1], p[:, 2], p[:, 3] + p[:, 4]], axis=1).argmax(axis=1)
    expected_side = paragraphs["label"].map({"hostile": 0, "strained": 0, "neutral": 1, "cordial": 2,
                                              "friendly": 2})
    assert (side == expected_side.to_numpy()).all()
    counts = paragraphs.groupby(["article_id", "country_a", "country_b"]).size()
    assert dict(zip(zip(articles["article_id"], articles["country_a"], articles["country_b"]),
                    articles["n_paragraphs"])) == counts.to_dict()
    for row in paragraphs.itertuples():
        assert row.evidence


def test_seed_india_russia_is_warm(seed_scores):
    _, articles = seed_scores
    assert pair(articles, "IND", "RUS")["temperature"].iloc[0] >= 40


def test_seed_india_russia_is_cordial_or_friendly(seed_scores):
    _, articles = seed_scores
    row = pair(articles, "IND", "RUS").iloc[0]
    assert row["label"] in ("cordial", "friendly") and row["temperature"] > 25


def test_seed_adversaries_and_sanctions_read_cold(seed_scores):
    _, articles = seed_scores
    for a, b in (("IND", "PAK"), ("CHN", "IND"), ("RUS", "USA")):
        assert pair(articles, a, b)["label"].iloc[0] in ("strained", "hostile"), (a, b)


def test_seed_memorial_paragraphs_do_not_cool_india_russia(seed_scores):
    """The cemetery visit and war-memorial paragraphs around "the siege of Leningrad"."""
    paragraphs, articles = seed_scores
    memorial = paragraphs[(paragraphs["paragraph_id"].isin([10, 12])) & (paragraphs["country_a"] == "IND")
                          & (paragraphs["country_b"] == "RUS")]
    assert len(memorial) == 2 and (memorial["temperature"] > 0).all()
    # the Leningrad paragraph itself names only Russia, so it makes no pair at all
    assert 11 not in set(paragraphs["paragraph_id"])
    without = stance.score(stance.read_articles(SEED).assign(
        text=lambda d: d["text"].str.replace(
            "Putin's brother was killed 70 years ago in the siege of Leningrad during the World War II.", "",
            regex=False)))
    assert pair(articles, "IND", "RUS")["temperature"].iloc[0] >= \
        pair(without.articles, "IND", "RUS")["temperature"].iloc[0] - 1e-9


def test_jsonl_input_keeps_record_ids(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [{"id": "wire-1", "text": "India and Pakistan traded fire across the Line of Control.",
                "date": "2019-02-27"},
               {"id": "wire-2", "text": "Japan and Australia signed a defence pact in Tokyo.", "date": "2022-01-06"}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    scores = stance.score(path)
    assert set(scores.paragraphs["article_id"]) == {"wire-1", "wire-2"}
    assert set(scores.articles["article_id"]) == {"wire-1", "wire-2"}


def test_save_and_load_round_trip(tmp_path):
    model = stance.load_model()
    path = stance.save_model(model, tmp_path / "copy.skops")
    again = stance.load_model(path)
    pairs = stance.build_pairs(*_seed_reading())
    from stance.model import predict_pairs

    pd.testing.assert_frame_equal(predict_pairs(model, pairs), predict_pairs(again, pairs))


def test_scoring_takes_a_model_path_as_evaluate_does(tmp_path):
    path = stance.save_model(stance.load_model(), tmp_path / "copy.skops")
    loaded = stance.load_model(path)
    by_object = stance.score(SEED, model=loaded)
    for model in (path, str(path)):
        by_path = stance.score(SEED, model=model)
        pd.testing.assert_frame_equal(by_path.paragraphs, by_object.paragraphs)
        pd.testing.assert_frame_equal(by_path.articles, by_object.articles)
    pairs = stance.build_pairs(*_seed_reading())
    from stance.scoring import score_pairs

    pd.testing.assert_frame_equal(score_pairs(pairs, model=path), by_object.paragraphs)
    with pytest.raises(TypeError, match="expected a fitted pipeline.*got dict"):
        stance.score(SEED, model={"forest": 0})
    with pytest.raises(DataError, match="missing.skops: no such model file"):
        stance.score(SEED, model=tmp_path / "missing.skops")
    # analyze shows the card beside a model file; an object has none unless given
    (tmp_path / "copy.md").write_text("# The copy's card\n", encoding="utf-8")
    assert stance.analyze(SEED, model=path).model_card == "# The copy's card\n"
    assert stance.analyze(SEED, model=loaded).model_card == ""
    assert stance.analyze(SEED, model=loaded, model_card="# Given\n").model_card == "# Given\n"
    assert stance.analyze(SEED).model_card.startswith("# Model card: stance-default.skops")


def _seed_reading():
    paragraphs = stance.split_paragraphs(stance.read_articles(SEED))
    return paragraphs, stance.find_mentions(paragraphs)


def test_loading_refuses_untrusted_types(tmp_path):
    import os

    import skops.io as sio
    from sklearn.preprocessing import FunctionTransformer

    path = tmp_path / "evil.skops"
    path.write_bytes(sio.dumps(FunctionTransformer(func=os.system)))
    with pytest.raises(DataError, match="types stance does not trust"):
        stance.load_model(path)
    (tmp_path / "junk.skops").write_bytes(b"not a model")
    with pytest.raises(DataError, match="junk.skops: not a skops model file"):
        stance.load_model(tmp_path / "junk.skops")


def test_the_shipped_model_loads_in_one_pass_of_trusted_types():
    import skops.io as sio

    from stance._resources import data_dir
    from stance.model import _EXPECTED_TYPES, _TRUSTED_TYPES, DEFAULT_MODEL, _trusted_prefixes

    # every type that the one pass trusts is one the checked pass would trust
    assert all(t.startswith(_trusted_prefixes()) or t in _TRUSTED_TYPES for t in _EXPECTED_TYPES)
    # and the shipped model holds no other, so that it needs no second pass
    found = sio.get_untrusted_types(data=(data_dir("models") / DEFAULT_MODEL).read_bytes())
    assert set(found) <= set(_EXPECTED_TYPES)


def _saved_by(version: str, path):
    """A fitted estimator saved with skops as if by scikit-learn ``version``: the file's
    ``_sklearn_version`` entries rewritten."""
    import io
    import zipfile

    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression().fit(np.random.default_rng(0).normal(size=(30, 3)), [0, 1, 2] * 10)
    source = zipfile.ZipFile(io.BytesIO(sio.dumps(fitted)))
    schema = json.loads(source.read("schema.json"))

    def rewrite(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "_sklearn_version" and isinstance(value, dict) and "content" in value:
                    value["content"] = json.dumps(version)
                else:
                    rewrite(value)
        elif isinstance(node, list):
            for value in node:
                rewrite(value)

    rewrite(schema)
    with zipfile.ZipFile(path, "w") as out:
        for name in source.namelist():
            out.writestr(name, json.dumps(schema) if name == "schema.json" else source.read(name))
    return path


def test_a_model_saved_by_a_newer_scikit_learn_is_refused(tmp_path):
    import warnings

    import sklearn
    from sklearn.exceptions import InconsistentVersionWarning

    with pytest.raises(DataError, match=r"newer.skops: the model was saved with scikit-learn 99\.0\.1, and this is "
                                        rf"scikit-learn {re.escape(sklearn.__version__)}, which cannot read it; "
                                        r"expected scikit-learn 99\.0\.1 or newer"):
        stance.load_model(_saved_by("99.0.1", tmp_path / "newer.skops"))
    # an older one loads, with scikit-learn's own warning
    with pytest.warns(InconsistentVersionWarning, match="from version 1.0.2 when using version"):
        older = stance.load_model(_saved_by("1.0.2", tmp_path / "older.skops"))
    assert older.predict_proba(np.zeros((1, 3))).shape == (1, 3)
    # and the same version, silently
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        stance.load_model(_saved_by(sklearn.__version__, tmp_path / "same.skops"))


def test_read_labels_checks_the_format(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("text,country_a,country_b,label,direction\nRussia and India met.,RUS,IND,+1,a>b\n",
                    encoding="utf-8")
    table = stance.read_labels(good)
    assert table.loc[0, ["country_a", "country_b", "label", "value", "direction"]].tolist() == \
        ["IND", "RUS", "cordial", 1, "b>a"]
    # codes in lower case or with spaces are the guide's codes; a name is not a code
    loose = tmp_path / "loose.csv"
    loose.write_text("text,country_a,country_b,label\nRussia and India met.,rus , ind,1\n", encoding="utf-8")
    assert stance.read_labels(loose).loc[0, ["country_a", "country_b"]].tolist() == ["IND", "RUS"]
    named = tmp_path / "named.csv"
    named.write_text("text,country_a,country_b,label\nRussia and India met.,Russia,IND,1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"named.csv: line 2: country_a is 'Russia'; expected an ISO 3166-1"):
        stance.read_labels(named)
    bad = tmp_path / "bad.csv"
    bad.write_text("text,country_a,country_b,label\nA text.,RUS,IND,3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv: line 2: label is '3'"):
        stance.read_labels(bad)
    (tmp_path / "header.csv").write_text("text,country_a,country_b,label\n", encoding="utf-8")
    with pytest.raises(InputError, match="header.csv: no labelled rows"):
        stance.read_labels(tmp_path / "header.csv")
    with pytest.raises(InputError, match="missing columns"):
        (tmp_path / "cols.csv").write_text("text,label\nx,1\n", encoding="utf-8")
        stance.read_labels(tmp_path / "cols.csv")


def test_evaluate_counts_unfound_pairs_as_neutral(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text(
        "text,country_a,country_b,label,date\n"
        "\"The US imposed fresh sanctions on Russia.\",RUS,USA,-2,2018-04-06\n"
        "\"Germany and France signed a friendship treaty in Aachen.\",DEU,FRA,2,2019-01-22\n"
        "\"Talks were held in Vienna.\",IRN,USA,1,2021-04-06\n",
        encoding="utf-8")
    result = stance.evaluate(path)
    assert result["n_items"] == 3 and result["n_not_found"] == 1
    for name in ("model", "vader", "textblob"):
        assert 0 <= result[name]["macro_f1_3way"] <= 1
        assert np.asarray(result[name]["confusion"]).sum() == 3
    # the lexicons read the sanctions sentence as positive; the model does not
    assert result["vader"]["confusion"][0][2] == 1
    assert result["model"]["confusion"][0][0] == 1


def test_evaluate_files_scores_each_file_alone_and_all_together(tmp_path):
    from stance.evaluation import evaluate_files

    corpus = pd.read_csv(LABELLED / "corpus.csv", dtype=str, keep_default_na=False)
    unfound = pd.DataFrame({"text": ["Talks were held in Vienna."], "country_a": ["IRN"], "country_b": ["USA"],
                            "label": ["1"]})
    first, second = corpus.iloc[:60], pd.concat([corpus.iloc[60:90], unfound], ignore_index=True)
    first.to_csv(tmp_path / "first.csv", index=False)
    second.to_csv(tmp_path / "second.csv", index=False)
    paths = [tmp_path / "first.csv", tmp_path / "second.csv"]
    together, by_file = evaluate_files(paths)
    assert list(by_file) == [str(p) for p in paths]
    # each file read once gives what evaluate gives on it, and on the files joined
    for path in paths:
        assert by_file[str(path)] == stance.evaluate(path)
    assert together == stance.evaluate(paths)
    assert together["n_items"] == 91 and together["n_not_found"] == by_file[str(paths[1])]["n_not_found"] == 1


def run(*args):
    return subprocess.run([sys.executable, "-m", "stance", *args], capture_output=True, cwd=ROOT, timeout=600)


def test_cli_score_per_paragraph_and_article():
    result = run("score", str(SEED))
    assert result.returncode == 0, result.stderr.decode()
    table = pd.read_csv(io.BytesIO(result.stdout))
    assert "evidence" in table.columns and "paragraph_id" in table.columns
    result = run("score", str(SEED), "--per", "article")
    table = pd.read_csv(io.BytesIO(result.stdout))
    assert "n_paragraphs" in table.columns and "evidence" not in table.columns


def test_cli_evaluate_and_train(tmp_path):
    result = run("evaluate", str(LABELLED / "seed.csv"), "--json")
    assert result.returncode == 0, result.stderr.decode()
    figures = json.loads(result.stdout)
    assert figures["n_items"] == len(pd.read_csv(LABELLED / "seed.csv"))
    subset = pd.read_csv(LABELLED / "corpus.csv", dtype=str, keep_default_na=False).iloc[:400]
    subset.to_csv(tmp_path / "subset.csv", index=False)
    result = run("train", str(tmp_path / "subset.csv"), "--cv", "0", "-o", str(tmp_path / "small.skops"),
                 "--evaluate", str(LABELLED / "seed.csv"))
    assert result.returncode == 0, result.stderr.decode()
    card = (tmp_path / "small.md").read_text()
    assert (tmp_path / "small.skops").exists() and "# Model card" in card
    assert "## Held-out evaluation" in card and "seed.csv" in card and "All files together" not in card
    figures = json.loads((tmp_path / "small.json").read_text())
    assert figures["heldout"]["n_items"] == len(pd.read_csv(LABELLED / "seed.csv"))
    assert figures["heldout_by_file"] is None
    # the card and the figures name the libraries that trained the model, as installed
    from importlib.metadata import version

    assert figures["software"]["scikit-learn"] == version("scikit-learn")
    assert figures["software"]["skops"] == version("skops")
    software = card[card.index("## Software"):card.index("## Limits")]
    assert f"scikit-learn {version('scikit-learn')}, skops {version('skops')}" in software
    result = run("score", str(SEED), "--model", str(tmp_path / "small.skops"))
    assert result.returncode == 0
    # a report scored with another model shows that model's card, not the default's
    result = run("report", str(SEED), "--model", str(tmp_path / "small.skops"), "-o", str(tmp_path / "out"),
                 "--format", "html", "-q")
    assert result.returncode == 0, result.stderr.decode()
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "subset.csv" in html and "corpus.csv" not in html


def test_cli_bad_labels_exit_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,country_a,country_b,label\nx,RUS,XX,1\n", encoding="utf-8")
    result = run("evaluate", str(bad))
    assert result.returncode == 2
    assert b"bad.csv: line 2: country_b is 'XX'" in result.stderr
    result = run("train", str(bad), "-o", str(tmp_path / "m.skops"))
    assert result.returncode == 2 and not (tmp_path / "m.skops").exists()


@pytest.mark.skipif(not (SHARED / "data" / "conflibert-train").exists(), reason="../shared/data is absent")
def test_conflibert_conversion_keeps_state_pairs(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "conflibert_labels.py"),
                             "--out", str(tmp_path)], capture_output=True, timeout=600)
    assert result.returncode == 0, result.stderr.decode()
    train = stance.read_labels(tmp_path / "train.csv")
    holdout = stance.read_labels(tmp_path / "holdout.csv")
    assert len(train) > 100 and len(holdout) > 50
    assert not set(train["text"]) & set(holdout["text"])
    assert (train["country_a"] != train["country_b"]).all()
    # every guide label still meets its item: the mention finder finds the same pairs
    guide = pd.read_csv(LABELLED / "conflibert_guide_labels.csv", dtype=str, keep_default_na=False)
    written = pd.concat([pd.read_csv(tmp_path / f"{part}.csv", dtype=str, keep_default_na=False)
                         for part in ("train", "holdout")]).set_index("id")
    assert set(guide["id"]) <= set(written.index), sorted(set(guide["id"]) - set(written.index))[:10]
    assert (written.loc[guide["id"], "label"].astype(int).to_numpy() == guide["label"].astype(int).to_numpy()).all()
    # the event classes learn from every sentence but the held-out part's, the training
    # part's among them (EventClasses reads those out of fold)
    from stance.features import read_events

    events = read_events(tmp_path / "events.csv")
    assert set(train["text"]) <= set(events["text"]) and not set(holdout["text"]) & set(events["text"])
    # the sentences of each part joined into paragraphs: each item keeps its sentence's
    # label, its sentence is one of its paragraph's, and the paragraph joins sentences of
    # that part alone
    from stance.model import labelled_pairs

    for part, items in (("train", train), ("holdout", holdout)):
        joined = pd.read_csv(tmp_path / f"{part}_joined.csv", dtype=str, keep_default_na=False)
        # a paragraph is dropped where joining changes what the mention finder reads, which is rare
        assert joined["id"].str.split("-", n=2).str[2].nunique() >= 0.95 * len(items), part
        origin = pd.read_csv(tmp_path / f"{part}.csv", dtype=str, keep_default_na=False).set_index("id")
        source_ids = joined["id"].str.split("-", n=2).str[2]
        assert source_ids.isin(origin.index).all()
        mine = origin.loc[source_ids]
        assert (joined["label"].to_numpy() == mine["label"].to_numpy()).all()
        assert (joined["country_a"].to_numpy() == mine["country_a"].to_numpy()).all()
        assert all(sentence in paragraph and sentence != paragraph
                   for sentence, paragraph in zip(mine["text"], joined["text"]))
        sentences = set(origin["text"])
        for paragraph in joined["text"].unique()[:50]:
            inside = [sentence for sentence in sentences if sentence in paragraph]
            assert len(inside) >= 2 and sum(map(len, inside)) + len(inside) - 1 == len(paragraph), paragraph
        # the mention finder finds every item's pair in its joined paragraph
        assert len(labelled_pairs(stance.read_labels(tmp_path / f"{part}_joined.csv"))) == len(joined)


@pytest.fixture
def written_and_seed(tmp_path):
    """300 written paragraphs of the corpus and the seed's items, as two labelled files:
    the written items, the two file names as the labels name them, and the labels."""
    from stance.model import read_labels

    written = pd.read_csv(LABELLED / "corpus.csv", dtype=str, keep_default_na=False).iloc[:300]
    written.to_csv(tmp_path / "written.csv", index=False)
    files = [str(tmp_path / "written.csv"), str(LABELLED / "seed.csv")]
    return written, files, read_labels(files)


def test_weights_count_a_files_items_several_times(written_and_seed):
    from stance.model import _item_counts, labelled_pairs, train

    _, files, labels = written_and_seed
    pairs = labelled_pairs(labels)
    counts, listed = _item_counts(labels, pairs, {files[1]: 4})
    from_seed = (labels["file"].to_numpy()[pairs["item"].to_numpy()] == files[1])
    assert from_seed.any() and (~from_seed).any()
    assert (counts[from_seed] == 4).all() and (counts[~from_seed] == 1).all()
    assert (listed == from_seed).all()
    with pytest.raises(InputError, match="not among the labelled files"):
        _item_counts(labels, pairs, {"elsewhere.csv": 2})
    with pytest.raises(InputError, match="whole number of at least 1"):
        _item_counts(labels, pairs, {files[1]: 0})
    model, report = train(labels, cv_folds=2, weights={files[1]: 4})
    assert report.weights == {files[1]: 4} and set(report.cv_weighted_scores) == set(report.cv_scores)
    # the fitted model keeps its plain calibration folds, not the splits of its fit
    assert model.get_params()["classifier__cv"] == 3
    card = stance.model.model_card(report, "weighted.skops")
    assert "each item of `seed.csv` counts 4 times" in card
    assert report.calibration == "logistic" and report.calibrated_on is None


def test_train_calibrates_on_the_chosen_files(written_and_seed):
    from stance.model import _fit_counted, _item_counts, labelled_pairs, make_model, train

    _, files, labels = written_and_seed
    model, report = train(labels, cv_folds=0, weights={files[1]: 3}, calibrate_on=[files[1]])
    assert report.calibrated_on == [files[1]]
    assert "calibrated on cross-validated predictions (a multinomial logistic regression on the " \
           "log-probabilities) fitted on the items of `seed.csv`" in stance.model.model_card(report, "m.skops")
    # the same as fitting with the seed's rows alone weighing in the calibration
    pairs = labelled_pairs(labels)
    y = pairs["label"].to_numpy()
    counts, from_seed = _item_counts(labels, pairs, {files[1]: 3})
    by_hand = _fit_counted(make_model(), pairs, y, np.arange(len(pairs)), counts, calibrating=from_seed)
    np.testing.assert_allclose(model.named_steps["classifier"].calibrator_.coef_,
                               by_hand.named_steps["classifier"].calibrator_.coef_)
    everywhere = _fit_counted(make_model(), pairs, y, np.arange(len(pairs)), counts)
    assert not np.allclose(model.named_steps["classifier"].calibrator_.coef_,
                           everywhere.named_steps["classifier"].calibrator_.coef_)
    with pytest.raises(InputError, match="not among the labelled files"):
        train(labels, cv_folds=0, calibrate_on=["elsewhere.csv"])
    with pytest.raises(ValueError, match="needs make_model\\(calibration='logistic'\\)"):
        train(labels, cv_folds=0, calibrate_on=[files[1]], calibration="isotonic")


def test_train_tells_written_examples_from_news(written_and_seed):
    from stance.model import labelled_pairs, mark_written, train

    written, files, labels = written_and_seed
    pairs = labelled_pairs(labels)
    marked = mark_written(labels, pairs, [files[0]])
    from_written = pairs["text"].isin(written["text"]).to_numpy()  # the seed's texts are not in the corpus
    assert from_written.any() and (~from_written).any()
    np.testing.assert_array_equal(marked["written"].to_numpy(), from_written)
    assert not mark_written(labels, pairs, None)["written"].any()
    with pytest.raises(InputError, match="named as written examples, but it is not among the labelled files"):
        mark_written(labels, pairs, ["elsewhere.csv"])

    model, report = train(labels, cv_folds=0, written=[files[0]])
    assert report.written == [files[0]]
    assert "- Written examples: `written.csv`" in stance.model.model_card(report, "m.skops")
    # the classifier sees the column; rows without it (what scoring gives) read as news
    features = model.named_steps["features"]
    names = list(features.get_feature_names_out())
    provenance = [i for i, name in enumerate(names) if name.endswith("provenance__written")]
    assert len(provenance) == 1

    def column(rows):
        out = features.transform(rows)
        return (out.toarray() if hasattr(out, "toarray") else np.asarray(out))[:, provenance[0]]

    read = column(pairs.assign(written=from_written))
    assert len(set(read[from_written])) == 1 and len(set(read[~from_written])) == 1
    assert read[from_written][0] != read[~from_written][0]
    np.testing.assert_array_equal(column(pairs.drop(columns="written", errors="ignore")), read[~from_written][0])
    assert not np.allclose(model.predict_proba(pairs.assign(written=True)), model.predict_proba(pairs))
    # the n-grams' news copy learns from the seed's rows alone, and needs some
    words = dict(features.transformer_list)["words"]
    assert words.n_news_ == (~from_written).sum()
    with pytest.raises(InputError, match="every labelled file is named as written examples; expected at least one"):
        train(labels, cv_folds=0, written=files)
    assert train(labels, cv_folds=0, written=files, news_copy=False)[1].written == sorted(map(str, files))


def test_train_learns_event_classes_and_names_them_in_the_card(written_and_seed, events_csv):
    from stance.model import _event_classes, labelled_pairs, load_model, save_model, train

    _, files, labels = written_and_seed
    model, report = train(labels, cv_folds=0, written=[files[0]], events=events_csv)
    events = _event_classes(model)
    assert events is not None and events.n_sentences_ == report.n_event_sentences == 14
    assert report.events == str(events_csv) and "stance tests" in report.sources
    card = stance.model.model_card(report, "m.skops")
    assert "- Event classes: `events.csv`, 14 news sentences" in card
    names = list(model.named_steps["features"].get_feature_names_out())
    assert sum(name.endswith("events__event_conflict") for name in names) == 1
    assert _event_classes(train(labels, cv_folds=0)[0]) is None
    # it saves, and loads trusting only the types a model may hold, and predicts the same
    path = save_model(model, events_csv.parent / "m.skops", report)
    pairs = labelled_pairs(labels)
    np.testing.assert_allclose(load_model(path).predict_proba(pairs), model.predict_proba(pairs))


@pytest.mark.parametrize("seed", [None, 3])
def test_cross_validation_holds_out_pairs_and_their_paragraphs(seed):
    from stance.model import _cross_validation_splits, labelled_pairs, read_labels

    pairs = labelled_pairs(read_labels([LABELLED / "corpus.csv"]))
    pair = (pairs["country_a"] + "-" + pairs["country_b"]).to_numpy()
    text = pairs["text"].to_numpy()
    splits = list(_cross_validation_splits(pairs, 4, seed))
    assert len(splits) == 4
    tested = np.concatenate([test for _, test in splits])
    assert sorted(tested) == list(range(len(pairs)))  # every row is tested once
    left_out = 0
    for train_rows, test_rows in splits:
        assert not set(pair[train_rows]) & set(pair[test_rows])
        assert not set(text[train_rows]) & set(text[test_rows])
        left_out += len(pairs) - len(test_rows) - len(train_rows)
        assert len(train_rows) > len(test_rows)
    # paragraphs with several pairs are common in the corpus: some rows must go
    assert left_out > 0
    with pytest.raises(ValueError, match="at least 2 folds, got 1"):
        list(_cross_validation_splits(pairs, 1))


def test_calibration_folds_keep_an_items_copies_together():
    from stance.model import _calibration_splits

    rng = np.random.default_rng(0)
    rows = np.arange(60)
    counts = rng.integers(1, 5, size=60)
    fit_rows = np.repeat(rows, counts)
    y = np.array(["hostile", "neutral", "friendly"])[rows % 3][fit_rows]
    splits = _calibration_splits(fit_rows, y, 3)
    assert len(splits) == 3
    tested = np.concatenate([test for _, test in splits])
    assert sorted(tested) == list(range(len(fit_rows)))  # every copy is tested once
    for train_positions, test_positions in splits:
        assert not set(fit_rows[train_positions]) & set(fit_rows[test_positions])
        assert set(y[test_positions]) == {"hostile", "neutral", "friendly"}


def test_cli_train_evaluates_each_heldout_file_and_all_together(tmp_path):
    corpus = pd.read_csv(LABELLED / "corpus.csv", dtype=str, keep_default_na=False)
    corpus.iloc[:300].to_csv(tmp_path / "train.csv", index=False)
    corpus.iloc[300:340].to_csv(tmp_path / "other.csv", index=False)
    seed = str(LABELLED / "seed.csv")
    result = run("train", str(tmp_path / "train.csv"), "--cv", "0", "-o", str(tmp_path / "m.skops"),
                 "--evaluate", seed, str(tmp_path / "other.csv"))
    assert result.returncode == 0, result.stderr.decode()
    figures = json.loads((tmp_path / "m.json").read_text())
    by_file = figures["heldout_by_file"]
    assert {name: f["n_items"] for name, f in by_file.items()} == {seed: len(pd.read_csv(seed)),
                                                                    str(tmp_path / "other.csv"): 40}
    assert figures["heldout"]["n_items"] == len(pd.read_csv(seed)) + 40
    # each file's figures are its own: stance evaluate on that file alone gives them
    alone = run("evaluate", str(tmp_path / "other.csv"), "--model", str(tmp_path / "m.skops"), "--json")
    assert json.loads(alone.stdout)["model"] == by_file[str(tmp_path / "other.csv")]["model"]
    card = (tmp_path / "m.md").read_text()
    assert card.index("seed.csv` (") < card.index("other.csv` (40 items)") < card.index("All files together")


def test_cli_train_checks_its_output_and_heldout_files_before_training(tmp_path):
    # labels that training would reject: the other errors must come first, as they
    # would otherwise come after minutes of training
    broken = tmp_path / "broken.csv"
    broken.write_text("text,country_a,country_b,label\nIndia and Russia met.,IND,RUS,7\n", encoding="utf-8")
    result = run("train", str(broken), "-o", str(tmp_path / "missing" / "m.skops"))
    assert result.returncode == 2 and b"missing" in result.stderr and b"does not exist" in result.stderr
    result = run("train", str(broken), "-o", str(tmp_path / "m.skops"), "--evaluate", str(tmp_path / "absent.csv"))
    assert result.returncode == 2 and b"absent.csv" in result.stderr
    result = run("train", str(broken), "-o", str(tmp_path / "m.skops"))
    assert result.returncode == 2 and b"broken.csv" in result.stderr
    assert not list(tmp_path.rglob("*.skops"))


def test_cli_train_rejects_a_bad_weight(tmp_path):
    result = run("train", str(LABELLED / "seed.csv"), "-o", str(tmp_path / "m.skops"), "--weight", "other.csv=3")
    assert result.returncode == 2 and b"not one of the labelled files" in result.stderr
    result = run("train", str(LABELLED / "seed.csv"), "-o", str(tmp_path / "m.skops"),
                 "--weight", f"{LABELLED / 'seed.csv'}=two")
    assert result.returncode == 2 and b"FILE=K" in result.stderr
    result = run("train", str(LABELLED / "seed.csv"), "-o", str(tmp_path / "m.skops"), "--calibrate-on", "other.csv")
    assert result.returncode == 2 and b"--calibrate-on 'other.csv': not one of the labelled files" in result.stderr
    result = run("train", str(LABELLED / "seed.csv"), "-o", str(tmp_path / "m.skops"), "--written", "other.csv")
    assert result.returncode == 2 and b"--written 'other.csv': not one of the labelled files" in result.stderr
    bad_events = tmp_path / "events.csv"
    bad_events.write_text("text,event\nA deal.,statement\nA war.,warm\n", encoding="utf-8")
    result = run("train", str(LABELLED / "seed.csv"), "-o", str(tmp_path / "m.skops"), "--events", str(bad_events))
    assert result.returncode == 2 and b"events.csv: line 3: event is 'warm'" in result.stderr
    assert not (tmp_path / "m.skops").exists()


def _corpus_articles(count: int) -> pd.DataFrame:
    """``count`` distinct paragraphs of the labelled corpus as one-paragraph articles."""
    corpus = pd.read_csv(LABELLED / "corpus.csv", dtype=str, keep_default_na=False).drop_duplicates("text")
    corpus = corpus.head(count)
    return pd.DataFrame({"article_id": [f"c{i}" for i in range(len(corpus))], "title": None,
                         "date": pd.to_datetime(corpus["date"]).to_numpy(), "source": None, "url": None,
                         "text": corpus["text"].to_numpy()})


def test_worker_processes_score_as_one_process_does():
    articles = _corpus_articles(240)
    model = stance.load_model()
    one = stance.score(articles, model=model, batch_size=40)
    assert len(one.paragraphs) > 240  # several pairs in many paragraphs
    many = stance.score(articles, model=model, batch_size=40, n_jobs=2)
    pd.testing.assert_frame_equal(many.paragraphs, one.paragraphs, check_exact=True)
    pd.testing.assert_frame_equal(many.articles, one.articles, check_exact=True)
    # the batches come back in order, and the report's tables are the same
    seen = []
    analysis = stance.analyze(articles, model=model, batch_size=50, n_jobs=2,
                              progress=lambda done, total: seen.append((done, total)))
    assert seen == [(50, 240), (100, 240), (150, 240), (200, 240), (240, 240)]
    alone = stance.analyze(articles, model=model, batch_size=50)
    for table in ("paragraphs", "mentions", "pairs", "temperature"):
        pd.testing.assert_frame_equal(getattr(analysis, table), getattr(alone, table), check_exact=True)


def test_worker_processes_stop_when_the_caller_stops():
    from stance.scoring import score_batches

    batches = score_batches(_corpus_articles(60), stance.load_model(), batch_size=10, n_jobs=2)
    first = next(batches)
    assert first.done == 10 and set(first.scored["article_id"]) <= {f"c{i}" for i in range(10)}
    batches.close()  # the pool is shut down, the batches not begun dropped


def test_an_error_in_a_worker_reaches_the_caller():
    articles = _corpus_articles(4).rename(columns={"text": "body"})
    with pytest.raises(ValueError, match=r"articles is missing columns \['text'\]"):
        stance.score(articles, batch_size=1, n_jobs=2)


@pytest.mark.parametrize("n_jobs", [0, -2, 1.5, True, "2", None])
def test_n_jobs_is_checked(n_jobs):
    with pytest.raises(ValueError, match=f"n_jobs must be a whole number of at least 1, or -1 for every core; "
                                         f"got {re.escape(repr(n_jobs))}"):
        stance.score(SEED, n_jobs=n_jobs)
    with pytest.raises(ValueError, match="n_jobs must be a whole number"):
        stance.analyze(SEED, n_jobs=n_jobs)
    with pytest.raises(ValueError, match="n_jobs must be a whole number"):
        stance.score_stream(SEED, n_jobs=n_jobs)
    with pytest.raises(ValueError, match="format must be None or one of"):
        stance.score_stream(SEED, format="pdf")


def test_every_core_is_at_least_one_worker():
    from stance.scoring import _workers

    assert _workers(-1) >= 1 and _workers(3) == 3


@pytest.mark.parametrize("batch_size", [0, -5, 2.0, False])
def test_batch_size_is_checked(batch_size):
    with pytest.raises(ValueError, match=f"batch_size must be a whole number of at least 1, got {batch_size!r}"):
        stance.score(SEED, batch_size=batch_size)
    with pytest.raises(ValueError, match="batch_size must be a whole number"):
        stance.analyze(SEED, batch_size=batch_size)
    with pytest.raises(ValueError, match="batch_size must be a whole number"):
        stance.score_stream(SEED, batch_size=batch_size)  # by the call, before a batch is asked for


def test_input_error_survives_pickling():
    import pickle

    error = pickle.loads(pickle.dumps(InputError("feed.jsonl", "line 3: not valid JSON")))
    assert isinstance(error, InputError)
    assert (error.source, error.problem, str(error)) == ("feed.jsonl", "line 3: not valid JSON",
                                                         "feed.jsonl: line 3: not valid JSON")


def _write_feed(path: Path, articles: pd.DataFrame, bad_line_at: int | None = None) -> Path:
    """``articles`` as JSON Lines, with a line that is not JSON before record ``bad_line_at``."""
    with path.open("w", encoding="utf-8") as handle:
        for i, row in enumerate(articles.itertuples()):
            if i == bad_line_at:
                handle.write("{not json\n")
            handle.write(json.dumps({"id": row.article_id, "text": row.text, "date": str(row.date.date())}) + "\n")
    return path


def test_score_stream_batches_join_to_score(tmp_path):
    articles = _corpus_articles(30)
    first = _write_feed(tmp_path / "a.jsonl", articles.iloc[:10])
    second = _write_feed(tmp_path / "b.jsonl", articles.iloc[10:], bad_line_at=5)
    model = stance.load_model()
    whole = stance.score(tmp_path, model=model, batch_size=7, on_error="skip")
    batches = list(stance.score_stream(tmp_path, model=model, batch_size=7, on_error="skip"))
    assert len(batches) == 5  # 30 articles, 7 at a time
    for table in ("paragraphs", "articles"):
        joined = pd.concat([getattr(b, table) for b in batches], ignore_index=True)
        pd.testing.assert_frame_equal(joined, getattr(whole, table), check_exact=True)
    # the rows follow the articles' order, whatever the batch
    assert whole.paragraphs["article_id"].drop_duplicates().tolist() == [
        a for a in articles["article_id"] if a in set(whole.paragraphs["article_id"])]
    # the files are read as the batches need them, a JSON Lines file line by line: the
    # bad sixth line of the second file is told with the batch that reached it (the
    # first holds seven articles of the first file, the second three more and four of
    # the second file)
    told = [[s["source"] for s in b.paragraphs.attrs["skipped"]] for b in batches]
    assert told == [[], [], [f"{second}:6"], [], []] and first.exists()
    assert whole.paragraphs.attrs["skipped"] == batches[2].articles.attrs["skipped"]
    # an articles table is scored as the same batches
    articles = stance.read_articles(tmp_path, on_error="skip")
    again = list(stance.score_stream(articles, model=model, batch_size=7))
    pd.testing.assert_frame_equal(pd.concat([b.paragraphs for b in again], ignore_index=True), whole.paragraphs)
    assert again[0].paragraphs.attrs["skipped"] == articles.attrs["skipped"]


def test_cli_score_writes_a_file_a_batch_at_a_time(tmp_path):
    feed = _write_feed(tmp_path / "feed.jsonl", _corpus_articles(30))
    for per in ("paragraph", "article"):
        whole = run("score", str(feed), "--per", per)
        streamed = run("score", str(feed), "--per", per, "--batch-size", "7", "-o", str(tmp_path / f"{per}.csv"))
        assert whole.returncode == streamed.returncode == 0, streamed.stderr.decode()
        assert (tmp_path / f"{per}.csv").read_bytes() == whole.stdout and len(whole.stdout.splitlines()) > 30
    # with workers too
    result = run("score", str(feed), "--batch-size", "7", "--jobs", "2", "-o", str(tmp_path / "jobs.csv"))
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "jobs.csv").read_bytes() == (tmp_path / "paragraph.csv").read_bytes()
    # a bad record after batches were written: exit 2, and the file before is left as it was
    broken = _write_feed(tmp_path / "broken.jsonl", _corpus_articles(30), bad_line_at=25)
    out = tmp_path / "paragraph.csv"
    before = out.read_bytes()
    result = run("score", str(broken), "--batch-size", "7", "-o", str(out))
    assert result.returncode == 2 and b"broken.jsonl:26: line 26: invalid JSON" in result.stderr
    assert out.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))== []
    # skipped, it is named on standard error and the rest is written
    result = run("score", str(broken), "--batch-size", "7", "--on-error", "skip", "-o", str(tmp_path / "kept.csv"))
    assert result.returncode == 0 and b"stance: skipped 1 input(s)" in result.stderr
    assert (tmp_path / "kept.csv").read_bytes() == before
    result = run("score", str(feed), "--batch-size", "0")
    assert result.returncode == 2 and b"--batch-size: expected a whole number of at least 1; got '0'" in result.stderr


def test_cli_jobs(tmp_path):
    feed = tmp_path / "feed.jsonl"
    articles = _corpus_articles(520)  # more than one batch of 500
    with feed.open("w", encoding="utf-8") as handle:
        for row in articles.itertuples():
            handle.write(json.dumps({"id": row.article_id, "text": row.text, "date": str(row.date.date())}) + "\n")
    one = run("score", str(feed))
    two = run("score", str(feed), "--jobs", "2")
    assert one.returncode == two.returncode == 0, two.stderr.decode()
    assert two.stdout == one.stdout and len(one.stdout.splitlines()) > 520
    result = run("score", str(feed), "--jobs", "0")
    assert result.returncode == 2
    assert b"--jobs: expected a whole number of at least 1, or -1 for every core; got '0'" in result.stderr


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds a process's children in /proc (Linux)")
def test_ctrl_c_stops_the_workers_and_writes_nothing(tmp_path):
    import os
    import signal
    import time

    feed = tmp_path / "feed.jsonl"
    articles = _corpus_articles(2000)
    with feed.open("w", encoding="utf-8") as handle:
        for copy in range(5):  # long enough to be interrupted while the workers score
            for row in articles.itertuples():
                handle.write(json.dumps({"id": f"{copy}-{row.article_id}", "text": row.text}) + "\n")
    out = tmp_path / "out.csv"
    process = subprocess.Popen([sys.executable, "-m", "stance", "score", str(feed), "--jobs", "2", "-o", str(out)],
                               stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))

    def children() -> list[int]:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # the parent's pid is the second field after the parenthesised name
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == process.pid:
                    found.append(int(stat.parent.name))
            except (OSError, IndexError, ValueError):
                pass
        return found

    def ignores_ctrl_c(pid: int) -> bool | None:
        """Whether ``pid`` ignores SIGINT (True), catches it (False), or neither (None)."""
        try:
            status = dict(line.split(":\t", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                          if ":\t" in line)
        except OSError:
            return None
        bit = 1 << (signal.SIGINT - 1)
        return True if int(status["SigIgn"], 16) & bit else False if int(status["SigCgt"], 16) & bit else None

    def ready() -> bool:
        # two workers (and the resource tracker) born ignoring Ctrl-C, the caller
        # catching it again
        return (ignores_ctrl_c(process.pid) is False
                and sum(ignores_ctrl_c(pid) is True for pid in children()) >= 3)

    began = time.monotonic()
    while not ready() and process.poll() is None and time.monotonic() - began < 120:
        time.sleep(0.05)
    workers = children()
    assert ready() and process.poll() is None
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    stderr = process.communicate(timeout=60)[1].decode()
    assert process.returncode == 130, stderr
    assert stderr.strip() == "stance: interrupted"  # no traceback from any process
    assert not out.exists() and not list(tmp_path.glob("*.tmp*"))

    def alive() -> list[int]:
        running = []
        for pid in workers:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue  # gone
            if state != "Z":  # a process that has exited but is not yet reaped is a zombie
                running.append(pid)
        return running

    ended = time.monotonic()
    while alive() and time.monotonic() - ended < 30:  # the resource tracker ends once it sees the caller gone
        time.sleep(0.1)
    assert not alive()


def test_a_worker_that_cannot_start_is_an_error_not_a_hang(tmp_path):
    # a script without the __main__ guard: each worker runs its top level again, and
    # multiprocessing stops it there
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import pandas as pd\nimport stance\n"
        "articles = pd.DataFrame({'article_id': ['a', 'b'], 'text': ['India and Russia signed a deal.',"
        " 'Japan and China traded barbs.']})\n"
        "stance.score(articles, batch_size=1, n_jobs=2)\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 1
    last = result.stderr.decode().strip().splitlines()[-1]
    assert last.startswith("stance.errors.StanceError: a worker process stopped unexpectedly while scoring "
                           "articles 1 to 1:") and "if __name__ == \"__main__\":" in last
