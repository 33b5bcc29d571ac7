#!/usr/bin/env python3
"""Keras reference figures for aelab's VAEs: test −ELBO after training as the seed did.

Trains a VAE from bench/compare.py (the same Keras definition the speed rows use) on aelab's
5,000 training digits with Adam 0.0005 at batch 32, then scores the first 5,000 MNIST test
digits. −ELBO per image = binary cross-entropy summed over the 784 pixels + KL(q(z|x) ‖ N(0, I)),
averaged over the images, in nats, two ways:
  sampled  the decoder sees one z drawn from q(z|x) per test image (the loss the model trains on)
  at μ     the decoder sees the mean μ(x); the KL term is the same
Defaults: the seed's conv VAE (Dense heads, 196-d z) 10 epochs, the dense VAE (z of 2) 30 epochs.
Needs Keras 3 with TensorFlow (e.g. /work/venv-peers). Measured with Keras 3.15.1 / TF 2.21,
seeds 0, 1, 2: conv VAE sampled 170.7, 169.1, 170.1 and at μ 143.4, 139.3, 141.3; dense VAE
sampled 165.6, 164.3, 163.9 and at μ 164.6, 163.1, 162.9. Compare means over seeds, not one run.

    python bench/reference_vae.py [--models conv-vae,dense-vae] [--epochs N] [--seed 0]
"""
import argparse
import sys
import time

import compare

EPOCHS = {"conv-vae": 10, "dense-vae": 30, "conv-vae-convheads": 10}


def negative_elbo(model, x, sampled, batch=500):
    """Mean −ELBO over the rows of `x`, decoding one sampled z per image or μ."""
    import numpy as np
    from keras import ops
    total = 0.0
    for start in range(0, len(x), batch):
        xb = x[start:start + batch]
        h = model.encoder(xb, training=False)
        mean, log_var = ops.convert_to_numpy(model.mean(h)), ops.convert_to_numpy(model.log_var(h))
        z = mean + np.exp(0.5 * log_var) * np.random.standard_normal(mean.shape).astype(np.float32) if sampled else mean
        logits = ops.convert_to_numpy(model.decoder(z, training=False)).astype(np.float64)
        # Cross-entropy from logits, stable at both ends: softplus(l) − x·l.
        reconstruction = (np.maximum(logits, 0) - xb * logits + np.log1p(np.exp(-np.abs(logits)))).sum(axis=1)
        kl = -0.5 * (1 + log_var - mean ** 2 - np.exp(log_var)).sum(axis=1)
        total += float((reconstruction + kl).sum())
    return total / len(x)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="conv-vae,dense-vae", help="comma-separated: " + ", ".join(EPOCHS))
    parser.add_argument("--epochs", type=int, help="training epochs for every model (default: conv 10, dense 30)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    names = args.models.split(",")
    unknown = [name for name in names if name not in EPOCHS]
    if unknown:
        parser.error(f"unknown model {', '.join(unknown)}; models are {', '.join(EPOCHS)}")
    keras_side = compare.keras_side()
    import keras
    import numpy as np
    train = compare.digits()
    test = compare.digits("t10k-images-idx3-ubyte.gz", count=5000)
    print("Keras " + ", ".join(f"{k} {v}" for k, v in keras_side.versions.items()) + f"; seed {args.seed}")
    for name in names:
        epochs = args.epochs or EPOCHS[name]
        keras.utils.set_random_seed(args.seed)
        model = keras_side.vae(name, None)
        start = time.perf_counter()
        history = model.fit(train, None, batch_size=32, epochs=epochs, verbose=0)
        seconds = time.perf_counter() - start
        np.random.seed(args.seed)
        print(f"{name}: {epochs} epochs in {seconds:.0f} s, last training loss {history.history['loss'][-1]:.1f}; "
              f"test −ELBO (first 5,000 test digits) sampled z {negative_elbo(model, test, True):.1f}, "
              f"at μ {negative_elbo(model, test, False):.1f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
