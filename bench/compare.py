#!/usr/bin/env python3
"""aelab's seconds per epoch beside PyTorch's and Keras's, as ratios measured in one run.

Every row is one model at one batch size, defined the same way on every side, trained with Adam
(learning rate 0.0005, ε 1e-7): one warm-up epoch, then the median of --epochs timed epochs (the
text rows time one epoch: they are slow). aelab's figures come from `aelab bench --json`; rows it
does not have show as "not in this aelab". Each framework runs in its own child process, so one
framework's thread pool never competes with another's, and a framework that is not installed is
skipped with a note (the CI case: aelab's rows alone, exit status 0).

Image rows train on aelab's 5,000 shipped MNIST digits (pixels / 255, flat 784-vectors):
  dense-ae            784→512→256→512→784, ReLU, sigmoid output; binary cross-entropy from logits
  dense-vae           784→512 ReLU→μ, log σ² (2 each)→z→512 ReLU→784 sigmoid
  conv-vae            the seed's: Conv2D 32 3×3 ReLU→MaxPool 2→Conv2D 1 3×3 ReLU→Flatten (196)→
                      Dense heads μ, log σ² (196 each)→z→Reshape 14×14×1→Conv2DTranspose 32 3×3
                      ReLU→UpSampling 2→Conv2DTranspose 1 3×3 sigmoid
  conv-vae-convheads  as conv-vae, but μ and log σ² are Conv2D 1 3×3 heads on the pooled 32 maps
  conv-ae             Conv2D 32→MaxPool→Conv2D 16→MaxPool→Flatten→Dense 32 ReLU; Dense 784 ReLU→
                      Reshape 7×7×16→Conv2DTranspose 16 and 32 (stride 2) ReLU→Conv2D 1 sigmoid
The VAEs' loss is binary cross-entropy summed over pixels plus KL to N(0, I), averaged over the
batch. Text rows train on the 5,452 TREC training questions, 10 tokens each (see `questions`):
  seq2seq   the seed's text VAE: Embedding 100→Bidirectional LSTM 512 (input dropout 0.2)→Dense 256
            ReLU→μ, log σ² (128 each)→z→Dense 256 ReLU→RepeatVector 10→Bidirectional LSTM 512
            (sequences, dropout 0.2)→TimeDistributed Dense 3501 softmax; cross-entropy summed
            over the 10 steps plus KL
  lstm-ae   seed 004's: Embedding 100→LSTM 256→RepeatVector 10→LSTM 256 (sequences)→
            TimeDistributed Dense 3501 softmax; cross-entropy averaged over steps
Every sigmoid and softmax output is fused into its loss (from logits), on every side. PyTorch and
Keras models have the same parameter counts, but for PyTorch's LSTM's second bias vector (8,192
more parameters in seq2seq's 9,960,513, 2,048 more in lstm-ae's 2,140,737).

The "floor" column is the least an epoch of the row could take in this run: aelab's count of the
model's products at the run's 1024³ sgemm speed (dense-ae: the products timed alone) plus its Adam
steps timed alone. "floor/faster" is that over the faster peer's epoch: the least ratio an
implementation of the same arithmetic could reach here, to set beside the target.

    python3 bench/compare.py [--aelab .build/release/aelab] [--epochs 5] [--rows dense-ae,seq2seq] [--json]
"""
import argparse
import collections
import gzip
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEARNING_RATE = 0.0005
STEPS = 10  # tokens per question: cut or padded at the end


@dataclass(frozen=True)
class Row:
    name: str
    batch: int
    family: str  # "autoencoder" or "vae": which builder makes it on each side
    target: float  # aelab's epoch over the faster peer's must be at most this
    data: str = "digits"  # or "questions"
    timed_epochs: int | None = None  # None: --epochs


ROWS = [
    Row("dense-ae", 32, "autoencoder", 1 / 3),
    Row("dense-ae", 256, "autoencoder", 3 / 4),
    Row("dense-vae", 32, "vae", 1 / 3),
    Row("conv-vae", 32, "vae", 1 / 3),
    Row("conv-vae-convheads", 32, "vae", 1 / 3),
    Row("conv-ae", 32, "autoencoder", 1 / 3),
    Row("seq2seq", 32, "vae", 1 / 2, data="questions", timed_epochs=1),
    Row("lstm-ae", 32, "autoencoder", 1 / 2, data="questions", timed_epochs=1),
]
PRODUCTS_TARGET = 1.15  # dense-ae's epoch over its matrix products alone
TARGET_TEXT = {1 / 3: "≤ ⅓", 3 / 4: "≤ ¾", 1 / 2: "≤ ½"}


# Data, shared by every side ------------------------------------------------------------------

def digits(file="train-5k-images-idx3-ubyte.gz", count=None):
    """MNIST images from assets/mnist as float32 rows of 784 pixels in [0, 1]."""
    import numpy as np
    with gzip.open(os.path.join(ROOT, "assets/mnist", file)) as f:
        data = f.read()
    n = int.from_bytes(data[4:8], "big") if count is None else count
    return np.frombuffer(data, dtype=np.uint8, count=n * 784, offset=16).reshape(n, 784).astype(np.float32) / 255


def question_tokens(text):
    """A question's tokens: lower case; '?' is a token; other punctuation except ' separates words.

    This is the Keras Tokenizer's rule with '?' taken out of its filters. Of the rules tried it is
    the one that gives the 3,501-entry vocabulary aelab's text models use; keeping every
    punctuation mark as a token (\\w+|[^\\w\\s]) gives 3,513."""
    text = text.lower()
    for mark in '!"#$%&()*+,-./:;<=>@[\\]^_`{|}~':
        text = text.replace(mark, " ")
    return text.split()


def questions():
    """The TREC training questions as lists of STEPS token ids, and the vocabulary's size.

    Ids: <pad> 0 (filling each question out at the end), <unk> 1, then the words seen at least
    twice, most frequent first."""
    with open(os.path.join(ROOT, "assets/trec/train_5500.label"), encoding="latin-1") as f:
        texts = [question_tokens(line.split(" ", 1)[1]) for line in f if line.strip()]
    counts = collections.Counter(word for text in texts for word in text)
    ids = {word: i + 2 for i, (word, n) in enumerate(counts.most_common()) if n >= 2}
    tokens = [[ids.get(word, 1) for word in text[:STEPS]] + [0] * (STEPS - len(text[:STEPS])) for text in texts]
    return tokens, len(ids) + 2


def data_for(row):
    """The training array a row uses (float32 pixels or int64 token ids) and the vocabulary size."""
    import numpy as np
    if row.data == "questions":
        tokens, vocabulary = questions()
        return np.array(tokens, dtype=np.int64), vocabulary
    return digits(), None


def seq2seq_flops(vocabulary, examples, embedding=100, units=512, dense=256):
    """Floating-point operations of one seq2seq epoch, by part, counting 2 per multiply-add.

    Counted: the four gates of both directions of both bidirectional LSTMs (input and recurrent
    products, every step) and the softmax layer at every step; forward once, backward twice
    (gradients for the inputs and for the weights). Left out: the small Dense layers and heads
    (under 0.5% of the total), the embedding lookup, and the element-wise gate arithmetic."""
    lstm = lambda inputs: 2 * STEPS * 2 * 4 * units * (inputs + units)  # 2 directions
    parts = {"encoder BiLSTM": lstm(embedding), "decoder BiLSTM": lstm(dense),
             "softmax": 2 * STEPS * 2 * units * vocabulary}
    return {name: 3 * per_example * examples for name, per_example in parts.items()}


@dataclass(frozen=True)
class Side:
    """One framework: a row's seconds an epoch, its versions, and its builders by family."""
    seconds: object  # (Row, epochs) -> median seconds
    versions: dict
    autoencoder: object  # (name, vocabulary) -> model (Keras: compiled; PyTorch: with its loss)
    vae: object


# PyTorch -------------------------------------------------------------------------------------

def torch_side():
    """The PyTorch builders; imported only in the child process that runs PyTorch."""
    import torch
    from torch import nn
    F = nn.functional

    class Image(nn.Module):
        """Flat 784-vectors to 1×28×28 images and back, so that every model takes and gives rows."""
        def __init__(self, *shape):
            super().__init__()
            self.shape = shape

        def forward(self, x):
            return x.reshape(len(x), *self.shape)

    class SequenceDropout(nn.Module):
        """Keras's LSTM(dropout=…): one mask per sequence and feature, the same at every step."""
        def __init__(self, rate):
            super().__init__()
            self.rate = rate

        def forward(self, x):
            if not self.training:
                return x
            keep = torch.full((x.shape[0], 1, x.shape[2]), 1 - self.rate)
            return x * torch.bernoulli(keep) / (1 - self.rate)

    class BiLSTM(nn.Module):
        """Keras's Bidirectional(LSTM(units, dropout=…)): the two final states, or every step's."""
        def __init__(self, inputs, units, sequences):
            super().__init__()
            self.dropout, self.sequences = SequenceDropout(0.2), sequences
            self.lstm = nn.LSTM(inputs, units, batch_first=True, bidirectional=True)

        def forward(self, x):
            outputs, (h, _) = self.lstm(self.dropout(x))
            return outputs if self.sequences else torch.cat([h[0], h[1]], dim=1)

    class LastState(nn.Module):
        """Keras's LSTM(units): the final hidden state."""
        def __init__(self, inputs, units):
            super().__init__()
            self.lstm = nn.LSTM(inputs, units, batch_first=True)

        def forward(self, x):
            return self.lstm(x)[1][0][0]

    class Repeat(nn.Module):
        """Keras's RepeatVector(STEPS)."""
        def forward(self, x):
            return x.unsqueeze(1).expand(-1, STEPS, -1)

    class Sequences(nn.Module):
        """Keras's LSTM(units, return_sequences=True)."""
        def __init__(self, inputs, units):
            super().__init__()
            self.lstm = nn.LSTM(inputs, units, batch_first=True)

        def forward(self, x):
            return self.lstm(x)[0]

    def conv_vae_decoder():
        return nn.Sequential(Image(1, 14, 14), nn.ConvTranspose2d(1, 32, 3, padding=1), nn.ReLU(),
                             nn.Upsample(scale_factor=2), nn.ConvTranspose2d(32, 1, 3, padding=1), nn.Flatten())

    def autoencoder(name, vocabulary):
        """dense-ae, conv-ae and lstm-ae: the model (to logits) and its loss of a batch."""
        if name == "dense-ae":
            model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(),
                                  nn.Linear(256, 512), nn.ReLU(), nn.Linear(512, 784))
        elif name == "conv-ae":
            model = nn.Sequential(
                Image(1, 28, 28), nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                nn.Conv2d(32, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(784, 32), nn.ReLU(),
                nn.Linear(32, 784), nn.ReLU(), Image(16, 7, 7),
                nn.ConvTranspose2d(16, 16, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
                nn.ConvTranspose2d(16, 32, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
                nn.Conv2d(32, 1, 3, padding=1), nn.Flatten())
        else:  # lstm-ae
            model = nn.Sequential(nn.Embedding(vocabulary, 100), LastState(100, 256), Repeat(),
                                  Sequences(256, 256), nn.Linear(256, vocabulary))
            return model, lambda x: F.cross_entropy(model(x).flatten(0, 1), x.flatten())
        return model, lambda x: F.binary_cross_entropy_with_logits(model(x), x)

    def vae(name, vocabulary):
        """dense-vae, conv-vae, conv-vae-convheads and seq2seq: the model and its loss of a batch."""
        if name == "dense-vae":
            encoder, head = nn.Sequential(nn.Linear(784, 512), nn.ReLU()), lambda: nn.Linear(512, 2)
            decoder = nn.Sequential(nn.Linear(2, 512), nn.ReLU(), nn.Linear(512, 784))
        elif name == "conv-vae":
            encoder = nn.Sequential(Image(1, 28, 28), nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                    nn.Conv2d(32, 1, 3, padding=1), nn.ReLU(), nn.Flatten())
            head, decoder = lambda: nn.Linear(196, 196), conv_vae_decoder()
        elif name == "conv-vae-convheads":
            encoder = nn.Sequential(Image(1, 28, 28), nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
            head = lambda: nn.Sequential(nn.Conv2d(32, 1, 3, padding=1), nn.Flatten())
            decoder = conv_vae_decoder()
        else:  # seq2seq
            encoder = nn.Sequential(nn.Embedding(vocabulary, 100), BiLSTM(100, 512, sequences=False),
                                    nn.Linear(1024, 256), nn.ReLU())
            head = lambda: nn.Linear(256, 128)
            decoder = nn.Sequential(nn.Linear(128, 256), nn.ReLU(), Repeat(), BiLSTM(256, 512, sequences=True),
                                    nn.Linear(1024, vocabulary))
        model = nn.ModuleDict({"encoder": encoder, "mean": head(), "log_var": head(), "decoder": decoder})

        def reconstruction(logits, x):  # summed over each example's pixels or steps
            if name == "seq2seq":
                return F.cross_entropy(logits.flatten(0, 1), x.flatten(), reduction="sum")
            return F.binary_cross_entropy_with_logits(logits, x, reduction="sum")

        def loss_of(x):
            h = model["encoder"](x)
            mean, log_var = model["mean"](h), model["log_var"](h)
            z = mean + torch.exp(0.5 * log_var) * torch.randn_like(mean)
            kl = -0.5 * torch.sum(1 + log_var - mean ** 2 - log_var.exp())
            return (reconstruction(model["decoder"](z), x) + kl) / len(x)
        return model, loss_of

    def seconds(row, epochs):
        """Median seconds of `epochs` epochs after a warm-up one."""
        data, vocabulary = data_for(row)
        x = torch.from_numpy(data)
        torch.manual_seed(0)
        model, loss_of = (vae if row.family == "vae" else autoencoder)(row.name, vocabulary)
        model.train()
        optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, eps=1e-7)
        times = []
        for _ in range(epochs + 1):
            start = time.perf_counter()
            for batch in torch.randperm(len(x)).split(row.batch):
                optimizer.zero_grad()
                loss_of(x[batch]).backward()
                optimizer.step()
            times.append(time.perf_counter() - start)
        return statistics.median(times[1:])

    versions = {"torch": torch.__version__, "torch_threads": torch.get_num_threads()}
    return Side(seconds, versions, autoencoder, vae)


# Keras ---------------------------------------------------------------------------------------

def keras_side():
    """The Keras builders; imported only in the child process that runs Keras."""
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    from keras import layers, ops

    class VAE(keras.Model):
        """Encoder, two heads, a sampled z and a decoder; the loss is reconstruction plus KL."""
        def __init__(self, encoder, head, decoder, reconstruction):
            super().__init__()
            self.encoder, self.mean, self.log_var, self.decoder = encoder, head(), head(), decoder
            self.reconstruction = reconstruction
            self.noise = keras.random.SeedGenerator(0)

        def call(self, x, training=False):
            h = self.encoder(x, training=training)
            mean, log_var = self.mean(h), self.log_var(h)
            z = mean + ops.exp(0.5 * log_var) * keras.random.normal(ops.shape(mean), seed=self.noise)
            return self.decoder(z, training=training), mean, log_var

        def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
            logits, mean, log_var = y_pred
            kl = -0.5 * ops.sum(1 + log_var - ops.square(mean) - ops.exp(log_var), axis=-1)
            return ops.mean(self.reconstruction(x, logits) + kl)

    def image(*layers_):
        return keras.Sequential([layers.Reshape((28, 28, 1)), *layers_])

    def conv_vae_decoder():
        return keras.Sequential([layers.Reshape((14, 14, 1)),
                                 layers.Conv2DTranspose(32, 3, activation="relu", padding="same"),
                                 layers.UpSampling2D(2), layers.Conv2DTranspose(1, 3, padding="same"),
                                 layers.Flatten()])

    def autoencoder(name, vocabulary):
        """dense-ae, conv-ae and lstm-ae, compiled."""
        if name == "dense-ae":
            model = keras.Sequential([keras.Input((784,)), layers.Dense(512, activation="relu"),
                                      layers.Dense(256, activation="relu"), layers.Dense(512, activation="relu"),
                                      layers.Dense(784)])
        elif name == "conv-ae":
            model = image(
                layers.Conv2D(32, 3, activation="relu", padding="same"), layers.MaxPooling2D(2, padding="same"),
                layers.Conv2D(16, 3, activation="relu", padding="same"), layers.MaxPooling2D(2, padding="same"),
                layers.Flatten(), layers.Dense(32, activation="relu"),
                layers.Dense(7 * 7 * 16, activation="relu"), layers.Reshape((7, 7, 16)),
                layers.Conv2DTranspose(16, 3, strides=2, activation="relu", padding="same"),
                layers.Conv2DTranspose(32, 3, strides=2, activation="relu", padding="same"),
                layers.Conv2D(1, 3, padding="same"), layers.Flatten())
        else:  # lstm-ae
            model = keras.Sequential([keras.Input((STEPS,), dtype="int32"), layers.Embedding(vocabulary, 100),
                                      layers.LSTM(256), layers.RepeatVector(STEPS),
                                      layers.LSTM(256, return_sequences=True),
                                      layers.TimeDistributed(layers.Dense(vocabulary))])
            loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
            model.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss=loss)
            return model
        model.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE),
                      loss=keras.losses.BinaryCrossentropy(from_logits=True))
        return model

    def vae(name, vocabulary):
        """dense-vae, conv-vae, conv-vae-convheads and seq2seq, compiled."""
        if name == "dense-vae":
            encoder, head = layers.Dense(512, activation="relu"), lambda: layers.Dense(2)
            decoder = keras.Sequential([layers.Dense(512, activation="relu"), layers.Dense(784)])
        elif name == "conv-vae":
            encoder = image(layers.Conv2D(32, 3, activation="relu", padding="same"),
                            layers.MaxPooling2D(2, padding="same"),
                            layers.Conv2D(1, 3, activation="relu", padding="same"), layers.Flatten())
            head, decoder = lambda: layers.Dense(196), conv_vae_decoder()
        elif name == "conv-vae-convheads":
            encoder = image(layers.Conv2D(32, 3, activation="relu", padding="same"),
                            layers.MaxPooling2D(2, padding="same"))
            head = lambda: keras.Sequential([layers.Conv2D(1, 3, padding="same"), layers.Flatten()])
            decoder = conv_vae_decoder()
        else:  # seq2seq
            encoder = keras.Sequential([layers.Embedding(vocabulary, 100),
                                        layers.Bidirectional(layers.LSTM(512, dropout=0.2)),
                                        layers.Dense(256, activation="relu")])
            head = lambda: layers.Dense(128)
            decoder = keras.Sequential([layers.Dense(256, activation="relu"), layers.RepeatVector(STEPS),
                                        layers.Bidirectional(layers.LSTM(512, return_sequences=True, dropout=0.2)),
                                        layers.TimeDistributed(layers.Dense(vocabulary))])

        def reconstruction(x, logits):  # summed over each example's pixels or steps
            if name == "seq2seq":
                return ops.sum(keras.losses.sparse_categorical_crossentropy(x, logits, from_logits=True), axis=-1)
            return 784 * keras.losses.binary_crossentropy(x, logits, from_logits=True)
        model = VAE(encoder, head, decoder, reconstruction)
        model.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE))
        return model

    def seconds(row, epochs):
        """Median seconds of `epochs` epochs after a warm-up one, timed by a callback around fit."""
        data, vocabulary = data_for(row)
        keras.utils.set_random_seed(0)
        model = (vae if row.family == "vae" else autoencoder)(row.name, vocabulary)
        times = []

        class Timer(keras.callbacks.Callback):
            def on_epoch_begin(self, epoch, logs=None):
                self.start = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                times.append(time.perf_counter() - self.start)

        target = None if isinstance(model, VAE) else data
        model.fit(data, target, batch_size=row.batch, epochs=epochs + 1, verbose=0, callbacks=[Timer()])
        return statistics.median(times[1:])

    import tensorflow as tf
    versions = {"keras": keras.__version__, "tensorflow": tf.__version__, "keras_backend": keras.backend.backend()}
    return Side(seconds, versions, autoencoder, vae)


# The run -------------------------------------------------------------------------------------

PEERS = {"PyTorch": (("torch",), torch_side), "Keras": (("keras", "tensorflow"), keras_side)}


def run_peer(name, rows, epochs):
    """In a child process: time `rows` in one framework and print {versions, seconds, errors}."""
    side = PEERS[name][1]()
    result = {"versions": side.versions, "seconds": {}, "errors": {}}
    for row in rows:
        key = f"{row.name}@{row.batch}"
        try:
            result["seconds"][key] = side.seconds(row, row.timed_epochs or epochs)
        except Exception as error:  # one row's failure must not lose the others' figures
            result["errors"][key] = f"{type(error).__name__}: {error}"
        print(f"{name} {key}: {result['seconds'].get(key, result['errors'].get(key))}", file=sys.stderr, flush=True)
    print(json.dumps(result))


def measure_peer(name, rows, epochs):
    """Runs `run_peer` in a child process; the reason instead when the framework is missing."""
    missing = [module for module in PEERS[name][0] if importlib.util.find_spec(module) is None]
    if missing:
        return None, f"{name} skipped: {', '.join(missing)} not installed for {sys.executable}"
    selection = ",".join(sorted({row.name for row in rows}))
    child = subprocess.run([sys.executable, os.path.abspath(__file__), "--peer", name, "--rows", selection,
                            "--epochs", str(epochs)], stdout=subprocess.PIPE, text=True)
    if child.returncode != 0:
        return None, f"{name} failed (exit status {child.returncode}); its error is above"
    return json.loads(child.stdout.strip().splitlines()[-1]), None


def measure_aelab(path, epochs):
    """`aelab bench --json`'s report, or None and the reason."""
    if not os.path.exists(path):
        return None, f"aelab: no binary at {path}; build it with `swift build -c release`"
    child = subprocess.run([path, "bench", "--json", "--epochs", str(epochs)], stdout=subprocess.PIPE, text=True)
    if child.returncode != 0:
        return None, f"aelab bench failed (exit status {child.returncode}); its error is above"
    report = json.loads(child.stdout)
    names = {r["model"] for r in report["results"]}
    if "conv-vae" in names and "conv-vae-convheads" not in names:
        # Before the seed's Dense-headed conv VAE joined `aelab bench`, its "conv-vae" row was the
        # variant with Conv2D heads: file it under that row's name, not under the seed's.
        for r in report["results"]:
            if r["model"] == "conv-vae":
                r["model"] = "conv-vae-convheads"
    return report, None


def ratio(a, b):
    return a / b if a is not None and b is not None else None


def compare(rows, aelab, peers):
    """One record per row: the three sides' seconds, the ratios and whether the targets are met."""
    by_row = {(r["model"], r["batch"]): r for r in (aelab or {}).get("results", [])}
    records = []
    for row in rows:
        key, ours = f"{row.name}@{row.batch}", by_row.get((row.name, row.batch), {})
        record = {"row": row.name, "batch": row.batch, "aelab_seconds": ours.get("epoch_seconds")}
        for name, result in peers.items():
            record[f"{name.lower()}_seconds"] = (result or {}).get("seconds", {}).get(key)
            record[f"{name.lower()}_error"] = (result or {}).get("errors", {}).get(key)
        record["aelab_over_pytorch"] = ratio(record["aelab_seconds"], record["pytorch_seconds"])
        record["aelab_over_keras"] = ratio(record["aelab_seconds"], record["keras_seconds"])
        measured = [s for s in (record["pytorch_seconds"], record["keras_seconds"]) if s is not None]
        record["aelab_over_faster_peer"] = ratio(record["aelab_seconds"], min(measured, default=None))
        record["target_over_faster_peer"] = row.target
        record["meets_target"] = (None if record["aelab_over_faster_peer"] is None
                                  else record["aelab_over_faster_peer"] <= row.target)
        # The least this row's epoch could take here (its products at the run's sgemm speed
        # plus its Adam steps alone): over the faster peer, the least ratio any implementation
        # of the same arithmetic could reach in this run.
        record["floor_seconds"] = ours.get("floor_seconds")
        record["floor_over_faster_peer"] = ratio(record["floor_seconds"], min(measured, default=None))
        record["products_seconds"] = ours.get("products_seconds")
        record["epoch_over_products"] = ratio(record["aelab_seconds"], record["products_seconds"])
        if record["epoch_over_products"] is not None:
            record["products_target"] = PRODUCTS_TARGET
            record["meets_products_target"] = record["epoch_over_products"] <= PRODUCTS_TARGET
        records.append(record)
    return records


def print_table(records, aelab, peers, notes, epochs):
    if aelab:
        print(f"aelab: OpenBLAS core {aelab['blas_core']}, products split over {aelab['threads']} cores, "
              f"sgemm 1024³ {aelab['sgemm_gflops']:.0f} GFLOP/s")
    for name, result in peers.items():
        if result:
            print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in result["versions"].items()))
    print(f"Adam 0.0005; median of {epochs} timed epochs after a warm-up one (text rows: one timed epoch)\n")
    seconds = lambda s, missing: missing if s is None else f"{s:.3f}"
    times = lambda r: "–" if r is None else f"{r:.2f}"
    print("| row | batch | aelab s | PyTorch s | Keras s | aelab/PyTorch | aelab/Keras | target: aelab/faster | met "
          "| floor s | floor/faster | aelab/products (≤ 1.15) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: |")
    for r in records:
        peer = lambda name: seconds(r[f"{name}_seconds"], "failed" if r[f"{name}_error"] else "skipped")
        met = {None: "–", True: "yes", False: "no"}[r["meets_target"]]
        products = "–" if r["epoch_over_products"] is None else (
            f"{r['epoch_over_products']:.2f} ({'yes' if r['meets_products_target'] else 'no'}; "
            f"products {r['products_seconds']:.3f} s)")
        print(f"| {r['row']} | {r['batch']} | {seconds(r['aelab_seconds'], 'not in this aelab')} | {peer('pytorch')} "
              f"| {peer('keras')} | {times(r['aelab_over_pytorch'])} | {times(r['aelab_over_keras'])} "
              f"| {TARGET_TEXT[r['target_over_faster_peer']]} | {met} | {seconds(r['floor_seconds'], '–')} "
              f"| {times(r['floor_over_faster_peer'])} | {products} |")
    for r in records:
        for name in ("pytorch", "keras"):
            if r[f"{name}_error"]:
                print(f"{name} {r['row']}@{r['batch']} failed: {r[name + '_error']}")
    for note in notes:
        print(note)


def print_flops():
    tokens, vocabulary = questions()
    parts = seq2seq_flops(vocabulary, len(tokens))
    print(f"\nseq2seq, one epoch of {len(tokens):,} questions (vocabulary {vocabulary:,}): "
          f"{sum(parts.values()) / 1e12:.2f} TFLOP = "
          + " + ".join(f"{name} {flops / 1e12:.2f}" for name, flops in parts.items())
          + " (2 per multiply-add; forward once, backward twice; gates of all 4 LSTM directions and the "
            "softmax layer at all 10 steps)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aelab", default=os.path.join(ROOT, ".build/release/aelab"), help="the aelab binary")
    parser.add_argument("--epochs", type=int, default=5, help="timed epochs per row (text rows time one)")
    parser.add_argument("--rows", help="comma-separated row names: " + ", ".join(dict.fromkeys(r.name for r in ROWS)))
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--peer", choices=PEERS, help=argparse.SUPPRESS)  # the child process's job
    args = parser.parse_args()
    if args.epochs < 1:
        parser.error("--epochs must be at least 1")
    rows = ROWS
    if args.rows:
        wanted = args.rows.split(",")
        unknown = [name for name in wanted if name not in {r.name for r in ROWS}]
        if unknown:
            parser.error(f"unknown row {', '.join(unknown)}; rows are {', '.join(dict.fromkeys(r.name for r in ROWS))}")
        rows = [r for r in ROWS if r.name in wanted]
    if args.peer:
        return run_peer(args.peer, rows, args.epochs)

    notes, peers = [], {}
    aelab, note = measure_aelab(args.aelab, args.epochs)
    notes += [note] if note else []
    for name in PEERS:
        peers[name], note = measure_peer(name, rows, args.epochs)
        notes += [note] if note else []
    records = compare(rows, aelab, peers)
    if args.json:
        header = {k: v for k, v in (aelab or {}).items() if k != "results"}
        versions = {k: v for result in peers.values() if result for k, v in result["versions"].items()}
        flops = None
        if any(r.name == "seq2seq" for r in rows):
            tokens, vocabulary = questions()
            flops = seq2seq_flops(vocabulary, len(tokens))
        print(json.dumps({"epochs": args.epochs, "aelab": header or None, "versions": versions, "rows": records,
                          "seq2seq_flops": flops, "notes": notes}, ensure_ascii=False))
    else:
        print_table(records, aelab, peers, notes, args.epochs)
        if any(r.name == "seq2seq" for r in rows):
            print_flops()
    return 0


if __name__ == "__main__":
    sys.exit(main())
