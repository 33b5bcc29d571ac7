#!/usr/bin/env python3
"""Seconds per epoch of the seed's models in PyTorch and Keras, beside aelab.

Trains, on aelab's shipped 5,000 MNIST digits with Adam 0.0005, one warm-up epoch then the median
of --epochs timed ones: the dense autoencoder 784→512→256→512→784 at batch 32 and 256, the dense
VAE 784→512→(2, 2)→512→784 and the seed's conv VAE at batch 32. It runs `aelab bench --json` for
the same figures. Frameworks that are not installed are skipped with a note, so the table always
says what was measured in this one run.

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


def torch_models(torch):
    nn = torch.nn

    class DenseVAE(nn.Module):
        def __init__(self):
            super().__init__()
            self.hidden, self.mean, self.log_var = nn.Linear(784, 512), nn.Linear(512, 2), nn.Linear(512, 2)
            self.decoder = nn.Sequential(nn.Linear(2, 512), nn.ReLU(), nn.Linear(512, 784))

        def forward(self, x):
            h = torch.relu(self.hidden(x))
            return self.mean(h), self.log_var(h)

    class ConvVAE(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(1, 32, 3, padding=1)
            self.mean, self.log_var = nn.Conv2d(32, 1, 3, padding=1), nn.Conv2d(32, 1, 3, padding=1)
            self.up1, self.up2 = nn.ConvTranspose2d(1, 32, 3, padding=1), nn.ConvTranspose2d(32, 1, 3, padding=1)

        def forward(self, x):
            h = torch.max_pool2d(torch.relu(self.conv(x.view(-1, 1, 28, 28))), 2)
            return self.mean(h).flatten(1), self.log_var(h).flatten(1)

        def decoder(self, z):
            h = torch.relu(self.up1(z.view(-1, 1, 14, 14)))
            return self.up2(torch.nn.functional.interpolate(h, scale_factor=2)).flatten(1)

    return DenseVAE, ConvVAE


def torch_epochs(model_name, batch, epochs):
    import torch
    raw, n = load_digits()
    x = torch.frombuffer(bytearray(raw), dtype=torch.uint8).reshape(n, 784).float() / 255
    torch.manual_seed(0)
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    if model_name == "dense-ae":
        model = torch.nn.Sequential(
            torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 256), torch.nn.ReLU(),
            torch.nn.Linear(256, 512), torch.nn.ReLU(), torch.nn.Linear(512, 784))
        loss_of = lambda xb: bce(model(xb), xb)
    else:
        DenseVAE, ConvVAE = torch_models(torch)
        model = DenseVAE() if model_name == "dense-vae" else ConvVAE()

        def loss_of(xb):
            mean, log_var = model(xb)
            z = mean + torch.exp(0.5 * log_var) * torch.randn_like(mean)
            reconstruction = bce(model.decoder(z), xb, reduction="sum") / len(xb)
            kl = -0.5 * torch.sum(1 + log_var - mean ** 2 - log_var.exp()) / len(xb)
            return reconstruction + kl
    opt = torch.optim.Adam(model.parameters(), lr=0.0005, eps=1e-7)
    times = []
    for epoch in range(epochs + 1):
        start = time.perf_counter()
        for i in torch.randperm(n).split(batch):
            opt.zero_grad()
            loss_of(x[i]).backward()
            opt.step()
        if epoch > 0:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def keras_epochs(model_name, batch, epochs):
    if model_name != "dense-ae":
        raise NotImplementedError("only the dense autoencoder is written for Keras here")
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
        print(f"aelab: OpenBLAS core {report['blas_core']}, products split over {report['threads']} cores, sgemm {report['sgemm_gflops']:.0f} GFLOP/s")
        for r in report["results"]:
            rows.append(("aelab", r["model"], r["batch"], r["epoch_seconds"]))
    else:
        print(f"aelab: no binary at {args.aelab}; build it with swift build -c release")
    runs = [("dense-ae", 32), ("dense-ae", 256), ("dense-vae", 32), ("conv-vae", 32)]
    for name, run in (("PyTorch", torch_epochs), ("Keras", keras_epochs)):
        try:
            for model_name, batch in runs:
                try:
                    rows.append((name, model_name, batch, run(model_name, batch, args.epochs)))
                except NotImplementedError as why:
                    print(f"{name} {model_name}: {why}")
        except ImportError as error:
            print(f"{name}: not installed ({error.name}); skipped")
    print()
    print("| framework | model | batch | seconds / epoch (median) |")
    print("| --- | --- | ---: | ---: |")
    for name, model_name, batch, seconds in rows:
        print(f"| {name} | {model_name} | {batch} | {seconds:.3f} |")


if __name__ == "__main__":
    sys.exit(main())
