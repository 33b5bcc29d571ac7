#!/usr/bin/env python3
"""Seconds per epoch of the seed's dense autoencoder in PyTorch and Keras, beside aelab.

Trains 784→512→256→512→784 (ReLU, sigmoid output, BCE, Adam 0.0005) on aelab's shipped 5,000
MNIST digits at batch 32 and 256, one warm-up epoch then the median of --epochs timed ones, and
runs `aelab bench --json` for the same figures. Frameworks that are not installed are skipped
with a note, so the table always says what was measured in this one run.

    python3 bench/compare.py [--aelab .build/release/aelab] [--epochs 5]
"""
import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_digits():
    with gzip.open(os.path.join(ROOT, "assets/mnist/train-5k-images-idx3-ubyte.gz")) as f:
        data = f.read()
    count = int.from_bytes(data[4:8], "big")
    return data[16:16 + count * 784], count


def torch_epochs(batch, epochs):
    import torch
    raw, n = load_digits()
    x = torch.frombuffer(bytearray(raw), dtype=torch.uint8).reshape(n, 784).float() / 255
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 512), torch.nn.ReLU(), torch.nn.Linear(512, 784))
    opt = torch.optim.Adam(model.parameters(), lr=0.0005, eps=1e-7)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    times = []
    for epoch in range(epochs + 1):
        start = time.perf_counter()
        for i in torch.randperm(n).split(batch):
            xb = x[i]
            opt.zero_grad()
            loss_fn(model(xb), xb).backward()
            opt.step()
        if epoch > 0:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def keras_epochs(batch, epochs):
    import numpy as np
    import keras
    raw, n = load_digits()
    x = np.frombuffer(raw, dtype=np.uint8).reshape(n, 784).astype("float32") / 255
    inputs = keras.Input((784,))
    h = keras.layers.Dense(512, activation="relu")(inputs)
    h = keras.layers.Dense(256, activation="relu")(h)
    h = keras.layers.Dense(512, activation="relu")(h)
    outputs = keras.layers.Dense(784, activation="sigmoid")(h)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(0.0005), loss="binary_crossentropy")
    times = []

    class Timer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            if epoch > 0:
                times.append(time.perf_counter() - self.start)

    model.fit(x, x, batch_size=batch, epochs=epochs + 1, verbose=0, callbacks=[Timer()])
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aelab", default=os.path.join(ROOT, ".build/release/aelab"))
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()

    rows = []
    if os.path.exists(args.aelab):
        report = json.loads(subprocess.run([args.aelab, "bench", "--json", "--epochs", str(args.epochs)],
                                           check=True, capture_output=True, text=True).stdout)
        print(f"aelab: OpenBLAS core {report['blas_core']}, {report['threads']} threads, sgemm {report['sgemm_gflops']:.0f} GFLOP/s")
        for r in report["results"]:
            if r["model"] == "dense-ae":
                rows.append(("aelab", r["batch"], r["epoch_seconds"]))
    else:
        print(f"aelab: no binary at {args.aelab}; build it with swift build -c release")
    for name, run in (("PyTorch", torch_epochs), ("Keras", keras_epochs)):
        try:
            for batch in (32, 256):
                rows.append((name, batch, run(batch, args.epochs)))
        except ImportError as error:
            print(f"{name}: not installed ({error.name}); skipped")
    print()
    print("| framework | batch | seconds / epoch (median) |")
    print("| --- | ---: | ---: |")
    for name, batch, seconds in rows:
        print(f"| {name} | {batch} | {seconds:.3f} |")


if __name__ == "__main__":
    sys.exit(main())
