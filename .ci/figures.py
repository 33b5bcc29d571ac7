#!/usr/bin/env python3
"""Runs the sessions in a release build and checks the figures the issues ask for.

Each session is run with `aelab run FILE --json`; the figures come from the cells' metrics.
A figure that slips back fails CI.

To add a session's checks: write a function that takes the session's cells and returns
(what, value, wanted, ok) tuples, and register it with @session("name"). A tuple with a fifth
element False is reported but not enforced: a target not reached yet, listed on every run.

    python3 .ci/figures.py path/to/aelab [session …]
"""
import json
import subprocess
import sys
import time

aelab = sys.argv[1] if len(sys.argv) > 1 else ".build/release/aelab"
only = set(sys.argv[2:])
SESSIONS = []


def session(name):
    def register(check):
        SESSIONS.append((name, check))
        return check
    return register


def run(name):
    out = subprocess.run([aelab, "run", f"sessions/{name}.ae", "--json"], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def metrics(cells, command):
    """The metrics of every cell whose command starts with `command`, in order."""
    return [c["metrics"] for c in cells if c["command"].split()[0] == command]


@session("standard-ae")
def standard_ae(cells):
    # The seed trains one classifier; the session trains it under three seeds.
    single = [m["test_accuracy"] for m in metrics(cells, "classify")]
    mean = sum(single) / len(single)
    what = "standard-ae: mean test accuracy of the seed's experiment (one classifier) over %d seeds" % len(single)
    # Keras 3 on the same data: 92.86, 92.68, 92.42 (mean 92.65) for seeds 1, 2, 3.
    return [(what, mean, ">= 0.92, below every Keras seed", mean >= 0.92),
            (what, mean, ">= 0.925 (the issue's target)", mean >= 0.925, False)]


@session("vae")
def vae(cells):
    e = metrics(cells, "eval")[-1]
    return [("vae latent=2, 30 epochs: test -ELBO, one sampled z (Keras 164.5)", e["test_neg_elbo"], "<= 164.5", e["test_neg_elbo"] <= 164.5),
            ("vae: importance-weighted test NLL below the -ELBO", e["test_nll"], "<= %.2f" % e["test_neg_elbo"], e["test_nll"] <= e["test_neg_elbo"])]


@session("convvae")
def convvae(cells):
    seed, conv = metrics(cells, "eval")
    return [("the seed's convvae (Dense heads), 10 epochs: test -ELBO, one sampled z (Keras 170.4)", seed["test_neg_elbo"], "<= 170.4", seed["test_neg_elbo"] <= 170.4),
            ("convvae: importance-weighted test NLL below the -ELBO", seed["test_nll"], "<= %.2f" % seed["test_neg_elbo"], seed["test_nll"] <= seed["test_neg_elbo"]),
            ("convvae heads=conv, 10 epochs: test -ELBO", conv["test_neg_elbo"], "<= 160", conv["test_neg_elbo"] <= 160)]


@session("denoise")
def denoise(cells):
    e = metrics(cells, "eval")[-1]
    gain = e["psnr_denoised_db"] - e["psnr_noisy_db"]
    return [("denoise: PSNR gain over the noisy input (dB)", gain, ">= 6.5", gain >= 6.5)]


@session("sparse")
def sparse(cells):
    plain, sparse = metrics(cells, "eval")
    ratio = sparse["mean_abs_code"] / plain["mean_abs_code"]
    bce = sparse["test_bce"] / plain["test_bce"] - 1
    return [("sparse: mean |code| over the plain ae's", ratio, "<= 0.5", ratio <= 0.5),
            ("sparse: test BCE change", bce, "<= +10%", bce <= 0.10)]


@session("contractive")
def contractive(cells):
    plain, contractive = metrics(cells, "eval")
    drop = 1 - contractive["jacobian_frobenius_sq"] / plain["jacobian_frobenius_sq"]
    bce = contractive["test_bce"] / plain["test_bce"] - 1
    return [("contractive: drop of mean ||dh/dx||^2", drop, ">= 30%", drop >= 0.30),
            ("contractive: test BCE change", bce, "<= +10%", bce <= 0.10)]


@session("pca-vs-linear")
def pca_vs_linear(cells):
    # The first comparison: 30 epochs at lr 0.005 from PyTorch's initial weights, as the reference.
    first = metrics(cells, "compare")[0]
    return [("linear vs PCA: MSE ratio", first["mse_ratio"], "within 2%", abs(first["mse_ratio"] - 1) <= 0.02),
            ("linear vs PCA: largest principal angle (degrees)", first["max_angle_degrees"], "<= 5", first["max_angle_degrees"] <= 5)]



@session("questions")
def questions(cells):
    # The seed's BiLSTM VAE, 10 epochs as the seed trains it (6 gave P@1 0.559-0.591 from machine to
    # machine and Adam's rounding). Keras 3, the same model after 10 epochs: test -ELBO
    # 31.4 (reconstruction 29.4, KL 2.0), codes' k-means NMI 0.032, kNN P@1 0.567.
    e = metrics(cells, "eval")[-1]
    c = metrics(cells, "cluster")[-1]
    t = metrics(cells, "baseline")[-1]
    s = metrics(cells, "similarity")[-1]
    return [("questions, the seed's seq2seq: test -ELBO (Keras, 10 epochs: 31.4)", e["test_neg_elbo"], "<= 31.4", e["test_neg_elbo"] <= 31.4),
            ("questions: token accuracy of greedy reconstructions", e["test_token_accuracy"], ">= 0.25", e["test_token_accuracy"] >= 0.25),
            ("questions: codes' k-means NMI, coarse labels (Keras 0.032)", c["cluster_nmi"], ">= 0.032", c["cluster_nmi"] >= 0.032),
            ("questions: codes' kNN P@1 test -> train (Keras 0.567)", c["knn_p1"], ">= 0.567", c["knn_p1"] >= 0.567),
            ("questions: TF-IDF kNN P@1 in the same run", t["tfidf_knn_p1"], ">= 0.62", t["tfidf_knn_p1"] >= 0.62),
            # The seed's codes group questions worse than TF-IDF does: reported, not asserted away.
            ("questions: codes' NMI over TF-IDF's (the issue wants the best text model > 0.30)", c["cluster_nmi"],
             "> %.3f (TF-IDF)" % t["tfidf_cluster_nmi"], c["cluster_nmi"] > t["tfidf_cluster_nmi"], False),
            ("questions: codes' P@1 over TF-IDF's (the issue wants >= 0.75)", c["knn_p1"],
             "> %.3f (TF-IDF)" % t["tfidf_knn_p1"], c["knn_p1"] > t["tfidf_knn_p1"], False),
            ("questions: the seed's sampled rule's recall over mu's at t=0.25", s["sampled_recall"],
             "> %.3f (mu alone)" % s["similar_recall"], s["sampled_recall"] > s["similar_recall"], False)]


@session("lstm-ae")
def lstm_ae(cells):
    e = metrics(cells, "eval")[-1]
    c = metrics(cells, "cluster")[-1]
    t = metrics(cells, "baseline")[-1]
    return [("lstm-ae, 10 epochs: token accuracy of greedy reconstructions", e["test_token_accuracy"], ">= 0.42", e["test_token_accuracy"] >= 0.42),
            ("lstm-ae: test reconstruction, nats per question", e["test_rec"], "<= 26", e["test_rec"] <= 26),
            ("lstm-ae: codes' NMI over TF-IDF's", c["cluster_nmi"], "> %.3f (TF-IDF)" % t["tfidf_cluster_nmi"],
             c["cluster_nmi"] > t["tfidf_cluster_nmi"], False)]


@session("questions-reverse")
def questions_reverse(cells):
    # aelab's best text model for grouping questions: lstm reverse=yes latent=16, 30 epochs.
    c = metrics(cells, "cluster")[-1]
    t = metrics(cells, "baseline")[-1]
    return [("questions-reverse: codes' k-means NMI above TF-IDF's in the same run", c["cluster_nmi"],
             "> %.3f" % t["tfidf_cluster_nmi"], c["cluster_nmi"] > t["tfidf_cluster_nmi"]),
            ("questions-reverse: codes' kNN P@1 above the seed's model in Keras (0.567)", c["knn_p1"], "> 0.567", c["knn_p1"] > 0.567),
            ("questions-reverse: codes' NMI (the issue's target for the best text model)", c["cluster_nmi"], "> 0.30", c["cluster_nmi"] > 0.30, False),
            ("questions-reverse: codes' P@1 (the issue's target for the best text model)", c["knn_p1"], ">= 0.75", c["knn_p1"] >= 0.75, False)]


@session("embedding-toy")
def embedding_toy(cells):
    # Seed 001: 8 reviews hashed into 20 ids, Embedding(20, 8) -> Flatten -> Dense(1, sigmoid),
    # 50 epochs, evaluated as the seed evaluates: on the reviews it trained on.
    d = metrics(cells, "data")[-1]
    m = metrics(cells, "embedclassify")[-1]
    return [("embedding-toy: ids of the hashing (the seed's one_hot(d, 20))", d["vocabulary"], "20", d["vocabulary"] == 20),
            ("embedding-toy: accuracy on the 8 training reviews (the seed's model.evaluate)", m["accuracy"], ">= 0.875", m["accuracy"] >= 0.875),
            ("embedding-toy: binary cross-entropy on them, below chance's ln 2", m["loss"], "< 0.6931", m["loss"] < 0.6931),
            ("embedding-toy: buckets that several words share", m["shared_ids"], "reported", True, False)]


@session("retrieval")
def retrieval(cells):
    m = metrics(cells, "retrieval")[-1]
    best = max(m["raw_p10"], m["pca_p10"])
    return [("retrieval: codes' precision at 10, above raw pixels and PCA-32 (scikit-learn 0.861, 0.867; PyTorch ae 0.878)",
             m["retrieval_p10"], "> %.4f" % best, m["retrieval_p10"] > best)]


@session("anomaly")
def anomaly(cells):
    m = metrics(cells, "anomaly")[-1]  # holdout=all: the mean over the ten digits
    gain = m["anomaly_auc"] - m["pca_anomaly_auc"]
    # Like for like too: each score given to both models, so the gain is not the score's alone.
    same_relative = m["anomaly_auc"] - m["pca_same_score_auc"]
    same_error = m["anomaly_error_auc"] - m["pca_anomaly_auc"]
    return [("anomaly holdout=all: mean ROC AUC, the vae's relative error minus PCA-16's squared error", gain, ">= +0.05", gain >= 0.05),
            ("anomaly: the same, both scored by relative error", same_relative, ">= +0.05", same_relative >= 0.05),
            ("anomaly: the same, both scored by squared error (PyTorch ae about +0.03 on 4 digits)", same_error, ">= +0.05", same_error >= 0.05)]


@session("semi")
def semi(cells):
    m = metrics(cells, "semi")[-1]
    margin = m["semi_accuracy"] - max(m["semi_raw_accuracy"], m["semi_pca_accuracy"])
    return [("semi labels=100: test accuracy of label spreading over the codes (Kingma M1+TSVM 88.2% on 60,000)",
             m["semi_accuracy"], ">= 0.80", m["semi_accuracy"] >= 0.80),
            ("semi: codes minus the better of raw pixels and PCA-32, same method", margin, "> 0", margin > 0)]


@session("reduce")
def reduce(cells):
    roll, digits = metrics(cells, "reduce")
    ratio = roll["mse_nonlinear"] / roll["mse_pca"]
    gain = digits["knn2d_ae"] - digits["knn2d_pca"]
    return [("reduce swissroll: the non-linear autoencoder's test MSE over PCA's", ratio, "<= 0.5", ratio <= 0.5),
            ("reduce mnist: 5-NN accuracy in 2-D, autoencoder minus PCA (PyTorch 52.3% - 40.3%)", gain, ">= 0.15", gain >= 0.15)]

@session("compress")
def compress(cells):
    out = []
    for m in metrics(cells, "compress"):
        w = m["code_width"]
        out.append(("compress latent=%d, 8-bit codes (%.1f bytes an image): PSNR over PCA codes of the same bytes (dB)" % (w, m["bytes_per_image"]),
                    m["psnr_db"] - m["pca_psnr_db"], "> 0", m["psnr_db"] > m["pca_psnr_db"]))
    d = metrics(cells, "decompress")[-1]
    c = metrics(cells, "compress")[-1]
    out.append(("decompress: PSNR of the file's images as compress measured it (dB)", d["psnr_db"], "%.4f" % c["psnr_db"], abs(d["psnr_db"] - c["psnr_db"]) < 1e-6))
    for c in cells:
        if c["command"].startswith("arith attribute="):
            # The issue asks to report these; it sets no target for them.
            a, what = c["metrics"], c["command"].split("attribute=")[1].split()[0]
            out.append(("arith %s vector: attribute_shift over the training quarters' gap" % what, a["attribute_shift"] / a["attribute_gap"], "> 0 (reported)", a["attribute_shift"] > 0, False))
            out.append(("arith %s vector: class_kept" % what, a["class_kept"], "reported", True, False))
    return out


@session("translate")
def translate(cells):
    names = [c["command"].split("target=")[1].split()[0] for c in cells if c["command"].startswith("model translate")]
    return [("translate target=%s: test MSE over predicting the mean target" % n, e["translate_mse"] / e["mean_target_mse"], "<= 0.25",
             e["translate_mse"] <= 0.25 * e["mean_target_mse"]) for n, e in zip(names, metrics(cells, "eval"))]


@session("augment")
def augment(cells):
    a = metrics(cells, "augment")[-1]
    return [("augment class=8 keep=20 make=480: recall of 8, augmented over duplicated", a["recall_k_augmented"] - a["recall_k_duplicated"], "> 0",
             a["recall_k_augmented"] > a["recall_k_duplicated"])]


failed = False
for name, check in SESSIONS:
    if only and name not in only:
        continue
    start = time.time()
    cells = run(name)
    for what, value, wanted, ok, *enforced in check(cells):
        enforced = enforced[0] if enforced else True
        print(f"figures: {what}: {value:.4g} (wanted {wanted}) {'ok' if ok else 'FAILED' if enforced else 'not reached'}")
        failed |= enforced and not ok
    print(f"figures: {name} ran in {time.time() - start:.0f} s")
sys.exit(1 if failed else 0)
