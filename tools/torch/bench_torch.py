#!/usr/bin/env python3
"""PyTorch's side of `./jbang bench --vs-torch`: the benchmark's three workloads, same shapes.

    python3 tools/torch/bench_torch.py [--quick] [--threads N] [--dtypes float64,float32]
                                       [--only vae784|vae64|importance]
                                       [--warm-up S] [--warm-up-pass S]

Prints `BENCH torch_<name>_<dtype>[_1t] value unit` lines (on --threads threads, and on one), each the median of several timed
repetitions after a warm-up, as tools/Bench.java measures the book:
  vae784_train   the 784→400→2×20 / 20→400→784 VAE (ReLU, Bernoulli), one Adam step on a batch
                 of 128 binary images (≈ 13 % ink), samples/s
  vae64_train    the digits model 64→256→256→2×16 / 16→256→256→64×17 (LeakyReLU, categorical-17),
                 one Adam step on a batch of 64 digits, samples/s
  importance     the importance pass of chapter 05 on the digits model, K = 1,000 codes per
                 test image (ε drawn, encode, decode, log w = log p(x|z) + log p(z) − log q(z|x)),
                 decoded codes/s
The step is the book's loss (the mean over the batch of −log p(x|z) + closed-form KL), written
with torch.distributions as tools/torch/torch_vae.py trains the digits model.

Fair setup (docs/BENCHMARK.md): Debian's python3-torch with the pthread build of OpenBLAS
oversubscribes two cores; install libopenblas0-openmp and select it with update-alternatives.
"""
import argparse
import os
import sys
import time

import numpy as np
import torch
from torch.distributions import Normal, kl_divergence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_vae import BookVae, digits, digits_tensors, evaluate, log_px_given_z, \
    standard_normal  # noqa: E402


def median_seconds(work, seconds, reps, warm):
    """Median seconds per call of work(), by the wall clock and in this process's CPU time: a
    warm-up of warm seconds (tools/Bench.java's, for the same workload), then reps timed
    repetitions."""
    end = time.perf_counter() + warm
    while time.perf_counter() < end:
        work()
    times, cpu = [], []
    for _ in range(reps):
        start, cpu_start = time.perf_counter(), time.process_time()
        n = 0
        while True:
            work()
            n += 1
            if time.perf_counter() - start >= seconds:
                break
        times.append((time.perf_counter() - start) / n)
        cpu.append((time.process_time() - cpu_start) / n)
    return sorted(times)[reps // 2], sorted(cpu)[reps // 2]


def train_step(cfg, data, target, batch, dtype):
    """A closure doing one Adam step of the book's loss on the next minibatch."""
    model = BookVae(cfg).to(dtype)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x_all, t_all = data.to(dtype), target.to(dtype)
    batches = len(x_all) // batch
    state = {"next": 0}

    def step():
        b = state["next"] % batches
        state["next"] += 1
        x = x_all[b * batch:(b + 1) * batch]
        t = t_all[b * batch:(b + 1) * batch]
        opt.zero_grad()
        mu, log_var = model.encode(x)
        q = Normal(mu, torch.exp(0.5 * log_var))
        z = q.rsample()
        lp = log_px_given_z(cfg["likelihood"], model.decoder_output(z), t)
        loss = (-lp + kl_divergence(q, standard_normal(mu)).sum(1)).mean()
        loss.backward()
        opt.step()
    return step


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="shorter repetitions (rough figures)")
    p.add_argument("--threads", type=int, default=2, help="torch threads (default 2)")
    p.add_argument("--dtypes", default="float64,float32")
    p.add_argument("--only", choices=["vae784", "vae64", "importance"],
                   help="time one workload (tools/Bench.java runs each right after its own)")
    p.add_argument("--warm-up", type=float,
                   help="seconds of warm-up before a training step is timed (tools/Bench.java "
                        "passes its own; default 4, --quick 0.1)")
    p.add_argument("--warm-up-pass", type=float,
                   help="the same for the importance pass (default 4, --quick 0.4)")
    p.add_argument("--images", type=int, default=20,
                   help="test images in the importance pass (K = 1,000 codes each)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    seconds, reps = (0.05, 5) if a.quick else (0.4, 7)
    # whole steps and the importance pass warm up as long as tools/Bench.java warms up the book's
    # (it passes its numbers; its JIT needs seconds, PyTorch is steady after a few steps, so this
    # only keeps the ratio symmetric)
    warm = (a.warm_up if a.warm_up is not None else 2 * seconds if a.quick else 4.0,
            a.warm_up_pass if a.warm_up_pass is not None else 0.4 if a.quick else 4.0)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"BLAS {blas_name()}, median of {reps} repetitions of ≥ {seconds:.2f} s each")
    g = np.random.default_rng(42)
    binary = torch.from_numpy((g.standard_normal((1024, 784)) > 1.1).astype(np.float64))
    train_p, _, test_p = digits()
    d_in, d_target = digits_tensors(train_p, "categorical:17")
    t_in, t_target = digits_tensors(test_p[:a.images], "categorical:17")
    big = {"data_dim": 784, "hidden": [400], "latent": 20, "activation": "relu",
           "likelihood": "bernoulli"}
    small = {"data_dim": 64, "hidden": [256, 256], "latent": 16, "activation": "leakyRelu",
             "likelihood": "categorical:17"}
    k = 1000
    for name, threads in [(d, t) for d in a.dtypes.split(",") for t in sorted({1, a.threads})]:
        torch.set_num_threads(threads)
        dtype = getattr(torch, name)
        suffix = ("f64" if dtype == torch.float64 else "f32") + ("_1t" if threads == 1 else "")
        if a.only in (None, "vae784"):
            s = median_seconds(train_step(big, binary, binary, 128, dtype), seconds, reps, warm[0])
            report(f"vae784_train_{suffix}", 128, s, threads, "samples")
        if a.only in (None, "vae64"):
            s = median_seconds(train_step(small, d_in, d_target, 64, dtype), seconds, reps, warm[0])
            report(f"vae64_train_{suffix}", 64, s, threads, "samples")
        if a.only not in (None, "importance"):
            continue
        model = BookVae(small).to(dtype)
        xi, xt = t_in.to(dtype), t_target.to(dtype)

        def importance():
            eps = torch.randn(len(xi) * k, small["latent"], dtype=dtype)
            evaluate(model, small, xi, xt, eps)
        s = median_seconds(importance, max(seconds, 0.2), reps, warm[1])
        report(f"importance_k1000_{suffix}", len(xi) * k, s, threads, "codes")


def blas_name():
    """Which libopenblas the process mapped (openmp or pthread build), from /proc/self/maps."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "openblas" in line}
        return ", ".join(sorted(os.path.realpath(x) for x in libs)) or "none mapped"
    except OSError:
        return "unknown"


def report(name, count, seconds, threads, unit):
    """count per second of the wall clock; on one thread, also per CPU-second (_cpu)."""
    print(f"BENCH torch_{name} {count / seconds[0]:.1f} {unit}/s", flush=True)
    if threads == 1:
        print(f"BENCH torch_{name}_cpu {count / seconds[1]:.1f} {unit}/cpu-s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
