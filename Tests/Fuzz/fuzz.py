#!/usr/bin/env python3
"""Feeds aelab broken files and checks that each gets a result or an error, never a crash.

Usage: Tests/Fuzz/fuzz.py AELAB [--seed N] [--seconds S] [--out DIR]

For each kind of input aelab reads (IDX, gzip, CSV, PNG, safetensors, model JSON, session,
notebook) it makes a small valid file, then mutates it (truncation, bit flips, huge and negative
numbers in headers and in text, inserted and random bytes, repeated and dropped lines) and runs
aelab on it the way a person would (`data`, `load`, `replay`, `run`). Every run must end by
itself within TIME_CAP seconds, under a memory cap (RLIMIT_AS), with an exit status below 128:
a Swift trap, an abort on a giant allocation or a stack overflow is a signal, and fails.

The regression files in Tests/Fuzz/regressions/ (inputs that once crashed aelab, named
KIND-NAME.EXT) run first, every time. A failing input is saved to --out with the command that
failed on it; copy it into regressions/ when fixing what it found.
"""

import argparse
import base64
import gzip
import json
import os
import random
import re
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

MEMORY_CAP = 1 << 30      # bytes of address space a run may reserve
TIME_CAP = 20.0           # seconds a run may take
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REGRESSIONS = os.path.join(ROOT, "Tests", "Fuzz", "regressions")

HUGE_TEXT = ["-1", "-28", "0", "4611686018427387904", "9223372036854775807", "-9223372036854775808",
             "99999999999999999999", "1e308", "-1e308", "NaN", "65536", "2147483648"]
HUGE_BYTES = [b"\xff\xff\xff\xff", b"\x7f\xff\xff\xff", b"\x80\x00\x00\x00", b"\x00\x00\x00\x00", b"\x00\x01\x00\x00"]


# ---------------------------------------------------------------------------------------------
# Valid inputs


def png_bytes(width, height, pixels):
    """A grey 8-bit PNG."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(pixels[y * width:(y + 1) * width]) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def run_aelab(aelab, args, cwd):
    """Runs aelab under the caps; returns (status or None on timeout, stderr, seconds)."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    start = time.monotonic()
    env = dict(os.environ, COLUMNS="100", NO_COLOR="1")
    try:
        p = subprocess.run([aelab] + args, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=TIME_CAP, preexec_fn=limit, env=env)
        return p.returncode, p.stderr.decode("utf-8", "replace"), time.monotonic() - start
    except subprocess.TimeoutExpired as e:
        return None, (e.stderr or b"").decode("utf-8", "replace"), time.monotonic() - start


def make_seeds(aelab, base):
    """Writes one valid input of every kind under `base`; returns {kind: Seed}."""
    with gzip.open(os.path.join(ROOT, "assets/mnist/train-5k-images-idx3-ubyte.gz")) as f:
        everything = f.read()
    with gzip.open(os.path.join(ROOT, "assets/mnist/train-5k-labels-idx1-ubyte.gz")) as f:
        labels = f.read()
    # 30 of the 5,000 digits, every 166th (they are stored sorted by label: this takes all ten).
    images = bytearray(struct.pack(">IIII", 0x803, 30, 28, 28))
    label_bytes = bytearray(struct.pack(">II", 0x801, 30))
    for i in range(30):
        k = i * 166
        images += everything[16 + k * 784:16 + (k + 1) * 784]
        label_bytes.append(labels[8 + k])
    seeds = {}

    idx = os.path.join(base, "idx")
    os.makedirs(idx)
    open(os.path.join(idx, "d-images-idx3-ubyte"), "wb").write(images)
    open(os.path.join(idx, "d-labels-idx1-ubyte"), "wb").write(label_bytes)
    seeds["idx-images"] = ("idx", "d-images-idx3-ubyte", "data d-images-idx3-ubyte\nmodel ae hidden=8 latent=2\ntrain epochs=1 live=no\nscatter n=20\n")
    seeds["idx-labels"] = ("idx", "d-labels-idx1-ubyte", "data d-images-idx3-ubyte\nsummary\n")

    gz = os.path.join(base, "gz")
    os.makedirs(gz)
    open(os.path.join(gz, "d-images-idx3-ubyte.gz"), "wb").write(gzip.compress(bytes(images), mtime=0))
    open(os.path.join(gz, "d-labels-idx1-ubyte.gz"), "wb").write(gzip.compress(bytes(label_bytes), mtime=0))
    seeds["gzip"] = ("gz", "d-images-idx3-ubyte.gz", "data d-images-idx3-ubyte.gz\nmodel ae hidden=8 latent=2\nshow n=4\n")

    csv = os.path.join(base, "csv")
    os.makedirs(csv)
    rng = random.Random(7)
    rows = ["label," + ",".join("p%d" % i for i in range(16))]
    rows += [",".join([str(i % 3)] + [str(rng.randrange(256)) for _ in range(16)]) for i in range(20)]
    open(os.path.join(csv, "d.csv"), "w").write("\n".join(rows) + "\n")
    seeds["csv"] = ("csv", "d.csv", "data d.csv\nmodel ae hidden=8 latent=2\ntrain epochs=1 live=no\neval\n")

    png = os.path.join(base, "png")
    for c in range(2):
        os.makedirs(os.path.join(png, "pics", "class%d" % c))
        for i in range(4):
            pixels = [(x * 16 + i * 40 + c * 100) % 256 for x in range(64)]
            open(os.path.join(png, "pics", "class%d" % c, "%d.png" % i), "wb").write(png_bytes(8, 8, pixels))
    seeds["png"] = ("png", "pics/class1/2.png", "data pics size=8\nmodel ae hidden=8 latent=2\nshow n=4\n")

    model = os.path.join(base, "model")
    os.makedirs(model)
    open(os.path.join(model, "save.ae"), "w").write("data mnist train=50 test=10\nmodel ae hidden=4 latent=2\nsave m\nmodel vae hidden=4\nsave v\n")
    status, err, _ = run_aelab(aelab, ["run", "save.ae"], model)
    if status != 0:
        sys.exit("fuzz: cannot make the model seed: " + err)
    load = "data mnist train=50 test=10\nload m\neval\nsample n=2\n"
    seeds["safetensors"] = ("model", "m.safetensors", load)
    # A weights file without the architecture in its metadata, so that m.json is read.
    weights = open(os.path.join(model, "v.safetensors"), "rb").read()
    n = struct.unpack("<Q", weights[:8])[0]
    header = json.loads(weights[8:8 + n])
    header.pop("__metadata__", None)
    text = json.dumps(header).encode()
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    open(os.path.join(model, "v.safetensors"), "wb").write(struct.pack("<Q", len(text)) + text + weights[8 + n:])
    seeds["model-json"] = ("model", "v.json", "data mnist train=50 test=10\nload v\nsummary\neval iw=2\n")

    session = os.path.join(base, "session")
    os.makedirs(session)
    open(os.path.join(session, "s.ae"), "w").write(
        "data mnist train=50 test=10\nmodel ae hidden=4 latent=2\ntrain epochs=1\nplot\nshow n=4\n")
    status, err, _ = run_aelab(aelab, ["run", "s.ae", "--record", "s.aesession"], session)
    if status != 0:
        sys.exit("fuzz: cannot make the session seed: " + err)
    with open(os.path.join(ROOT, "sessions", "vae.aesession")) as f:
        old = [next(f) for _ in range(60)]
    open(os.path.join(session, "old.aesession"), "w").write("".join(old))
    seeds["session"] = ("session", "s.aesession", None)
    seeds["session-v1"] = ("session", "old.aesession", None)

    notebook = os.path.join(base, "notebook")
    os.makedirs(notebook)
    open(os.path.join(notebook, "n.ae"), "w").write(
        "# a notebook\ndata mnist train=50 test=10   # small\nmodel ae hidden=8 latent=2 seed=3\nsummary\n"
        "scatter n=20\nexport \"a b.png\" scatter\nhelp train\n")
    seeds["notebook"] = ("notebook", "n.ae", None)
    return seeds


# ---------------------------------------------------------------------------------------------
# Mutations


def mutate(data, rng, text):
    """One mutation of `data`; returns (bytes, what was done)."""
    choices = ["truncate", "flip", "huge", "insert", "random", "repeat"]
    if text:
        choices += ["number", "number", "line", "control"]
    what = rng.choice(choices)
    data = bytearray(data)
    if what == "truncate" and data:
        cut = rng.randrange(len(data))
        return bytes(data[:cut]), "truncated to %d bytes" % cut
    if what == "flip" and data:
        flips = []
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(data))
            bit = rng.randrange(8)
            data[i] ^= 1 << bit
            flips.append("%d.%d" % (i, bit))
        return bytes(data), "bits flipped at " + ", ".join(flips)
    if what == "huge" and len(data) >= 4:
        # Headers are where sizes live: half the time, the first 32 bytes.
        i = rng.randrange(min(28, len(data) - 3)) if rng.random() < 0.5 else rng.randrange(len(data) - 3)
        value = rng.choice(HUGE_BYTES)
        data[i:i + 4] = value
        return bytes(data), "bytes %d–%d set to %s" % (i, i + 3, value.hex())
    if what == "insert":
        i = rng.randrange(len(data) + 1)
        extra = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        return bytes(data[:i] + extra + data[i:]), "%d random bytes inserted at %d" % (len(extra), i)
    if what == "random":
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 512))), "random bytes"
    if what == "repeat" and data:
        i = rng.randrange(len(data))
        j = min(len(data), i + rng.randint(1, 4096))
        return bytes(data[:j] + data[i:j] * rng.randint(2, 50) + data[j:]), "bytes %d–%d repeated" % (i, j)
    if what == "number":
        s = data.decode("utf-8", "replace")
        numbers = list(re.finditer(r"-?\d+(\.\d+)?", s))
        if numbers:
            m = rng.choice(numbers)
            value = rng.choice(HUGE_TEXT)
            return (s[:m.start()] + value + s[m.end():]).encode(), "number at %d set to %s" % (m.start(), value)
    if what == "line":
        lines = data.split(b"\n")
        i = rng.randrange(len(lines))
        if rng.random() < 0.5:
            del lines[i]
            return b"\n".join(lines), "line %d dropped" % (i + 1)
        lines[i:i + 1] = [lines[i]] * rng.randint(2, 200)
        return b"\n".join(lines), "line %d repeated" % (i + 1)
    if what == "control" and data:
        i = rng.randrange(len(data))
        return bytes(data[:i] + b"\x1b[2J\x1b]0;x\x07\r" + data[i:]), "control characters inserted at %d" % i
    return bytes(data), "unchanged"


# ---------------------------------------------------------------------------------------------
# Runs


def commands(kind, name, rng=None):
    """The aelab command lines that read the mutated file `name` (in the case's folder): one
    drawn by `rng`, or, without it, every one."""
    if kind.startswith("session"):
        every = [["replay", name, "--headless"], ["replay", name, "--export-png", "pictures"],
                 ["replay", name, "--asciicast", "out.cast", "--size", "80x24"], ["replay", name, "--verify"]]
        return [rng.choice(every)] if rng else every
    if kind == "notebook":
        return [["run", name]]
    return [["run", "fuzz.ae"]]


def case_folder(base, seed, data, notebook):
    folder, name, _ = seed
    work = tempfile.mkdtemp(prefix="case-", dir=base)
    shutil.rmtree(work)
    shutil.copytree(os.path.join(base, "seeds", folder), work)
    open(os.path.join(work, name), "wb").write(data)
    if notebook:
        open(os.path.join(work, "fuzz.ae"), "w").write(notebook)
    return work


def check(aelab, args, work):
    """None when the run ended well, else why it did not."""
    status, err, seconds = run_aelab(aelab, args, work)
    if status is None:
        return "took more than %.0f s" % TIME_CAP
    if status < 0:
        return "killed by signal %d after %.1f s: %s" % (-status, seconds, err.strip()[-400:])
    if status >= 128:
        return "exit status %d: %s" % (status, err.strip()[-400:])
    if "Fatal error" in err or "runtime failure" in err:
        return "status %d but a runtime failure: %s" % (status, err.strip()[-400:])
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("aelab")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--out", default=None, help="where failing inputs are saved (default: a temporary folder)")
    options = parser.parse_args()
    aelab = os.path.abspath(options.aelab)
    base = tempfile.mkdtemp(prefix="aelab-fuzz-")
    out = options.out or os.path.join(base, "failures")
    os.makedirs(out, exist_ok=True)
    failures = 0
    try:
        seeds = make_seeds(aelab, os.path.join(base, "seeds"))
        text_kinds = {"csv", "model-json", "session", "session-v1", "notebook"}

        # The regressions first: each once crashed aelab.
        regressions = sorted(os.listdir(REGRESSIONS)) if os.path.isdir(REGRESSIONS) else []
        for name in regressions:
            kind = next((k for k in sorted(seeds, key=len, reverse=True) if name.startswith(k + "-")), None)
            if kind is None:
                print("fuzz: %s: no kind of input is named by its prefix" % name)
                failures += 1
                continue
            data = open(os.path.join(REGRESSIONS, name), "rb").read()
            work = case_folder(base, seeds[kind], data, seeds[kind][2])
            for args in commands(kind, seeds[kind][1]):
                problem = check(aelab, args, work)
                if problem:
                    failures += 1
                    print("fuzz: regression %s: aelab %s: %s" % (name, " ".join(args), problem))
            shutil.rmtree(work, ignore_errors=True)
        print("fuzz: %d regression file%s" % (len(regressions), "" if len(regressions) == 1 else "s"))

        rng = random.Random(options.seed)
        start = time.monotonic()
        runs = 0
        kinds = sorted(seeds)
        while time.monotonic() - start < options.seconds:
            kind = kinds[runs % len(kinds)]
            seed = seeds[kind]
            original = open(os.path.join(base, "seeds", seed[0], seed[1]), "rb").read()
            data, what = mutate(original, rng, kind in text_kinds)
            work = case_folder(base, seed, data, seed[2])
            for args in commands(kind, seed[1], rng):
                problem = check(aelab, args, work)
                runs += 1
                if problem:
                    failures += 1
                    ext = os.path.splitext(seed[1])[1] or ".bin"
                    saved = os.path.join(out, "%s-%d%s" % (kind, runs, ext))
                    open(saved, "wb").write(data)
                    print("fuzz: FAILED %s (%s): aelab %s: %s\n      input saved as %s" % (kind, what, " ".join(args), problem, saved))
            shutil.rmtree(work, ignore_errors=True)
        print("fuzz: %d runs in %.0f s under seed %d, %d failure%s; each within %.0f s and %d MB"
              % (runs, time.monotonic() - start, options.seed, failures, "" if failures == 1 else "s", TIME_CAP, MEMORY_CAP >> 20))
    finally:
        if not options.out and failures == 0:
            shutil.rmtree(base, ignore_errors=True)
        elif failures:
            print("fuzz: failing inputs are in " + out)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
