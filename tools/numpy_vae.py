#!/usr/bin/env python3
"""A VAE from the book, recomputed in NumPy from its exported weights alone.

A second engine: the Java code trains the model and writes it with VaeNpz.save (or
`./jbang elbo --save model.npz`); this script reads only that file and recomputes, with NumPy,
the test -ELBO (KL in closed form) and the importance log-weights log w_ik. A test
(tests/NumpyEngineTest.java) checks that both engines agree to 1e-9.

    python3 tools/numpy_vae.py MODEL.npz [DATA.npz] [--k K] [--seed S] [--out RESULT.npz]

MODEL.npz  encoder.0.weight [out, in], encoder.0.bias [out], ..., decoder.0.weight, ...
           (PyTorch's nn.Linear layout) and config.* (sizes, activation, likelihood, beta).
DATA.npz   input [n, D] (what the encoder reads), target [n, D] (what the likelihood scores)
           and, optionally, eps [n*K, latent]: row i*K + k is the noise of code k of image i.
           Without DATA.npz: the test split of the UCI digits shipped with the project.
--out      writes log_w [n, K], recon, kl, neg_elbo (and log_px [n]) to RESULT.npz.
"""
import argparse
import os

import numpy as np

LOG_2PI = np.log(2 * np.pi)


# ---- the model file ---------------------------------------------------------------------------

def load_model(path):
    """The arrays of a model exported by VaeNpz.save, checked, as a dict."""
    f = dict(np.load(path))
    if str(f.get("format", "")) != "vae-verified/vae" or int(f["format_version"]) != 1:
        raise SystemExit(f"{path} is not a VAE exported by the book (format vae-verified/vae v1)")
    return f


def layers(model, net):
    """The (weight [out, in], bias [out]) pairs of 'encoder' or 'decoder', in order."""
    index = sorted(int(k.split(".")[1]) for k in model if k.startswith(net + ".")
                   and k.endswith(".weight"))
    return [(model[f"{net}.{j}.weight"], model[f"{net}.{j}.bias"]) for j in index]


def activation(model):
    """The hidden layers' non-linearity f, as named in config.activation."""
    slope = float(model["config.leaky_relu_slope"])
    return {
        "identity": lambda h: h,
        "relu": lambda h: np.maximum(h, 0),                      # f(h) = max(0, h)
        "leakyRelu": lambda h: np.where(h > 0, h, slope * h),    # f(h) = h if h > 0 else 0.01·h
        "tanh": np.tanh,                                         # f(h) = tanh h
        "sigmoid": lambda h: 1 / (1 + np.exp(-h)),               # f(h) = 1/(1 + e^−h)
    }[str(model["config.activation"])]


def mlp(x, pairs, f):
    """Linear layers with f between them (none after the last): x [rows, in] -> [rows, out]."""
    for n, (w, b) in enumerate(pairs):
        # h = x·Wᵀ + b   (nn.Linear: W is [out, in])
        x = x @ w.T + b
        if n + 1 < len(pairs):
            x = f(x)
    return x


# ---- the encoder, the codes, and the three densities of a log-weight ---------------------------

def encode(model, x):
    """q(z|x) = N(μ, diag σ²): μ and log σ², each [n, latent], side by side in the output."""
    h = mlp(x, layers(model, "encoder"), activation(model))
    m = int(model["config.latent"])
    return h[:, :m], h[:, m:]


def kl_to_prior(mu, log_var):
    """KL(q(z|x) ‖ N(0, I)) per image, in closed form."""
    # KL = −½ Σ_d (1 + log σ² − μ² − σ²)
    return -0.5 * np.sum(1 + log_var - mu ** 2 - np.exp(log_var), axis=1)


def log_normal(z, mu, log_var):
    """log N(z; μ, diag σ²) per row."""
    # log N = −½ Σ_d [log 2π + log σ² + (z − μ)²/σ²]
    return -0.5 * np.sum(LOG_2PI + log_var + (z - mu) ** 2 / np.exp(log_var), axis=1)


def log_px_given_z(model, out, x):
    """log p(x|z) per row, from the decoder's output `out` [rows, …] and the images x [rows, D]."""
    spec = str(model["config.likelihood"])
    d = x.shape[1]
    if spec == "bernoulli":
        # out = logits l;  log p = Σ_d x·l − log(1 + e^l)
        return np.sum(x * out - np.logaddexp(0, out), axis=1)
    if spec == "gaussian:learned":
        # out = (x̂, log σ²) per pixel, side by side;
        # log p = −½ Σ_d [log 2π + log σ² + (x − x̂)²/σ²]
        return log_normal(x, out[:, :d], out[:, d:])
    if spec.startswith("gaussian:"):
        # out = x̂, fixed σ = S;  the same density with log σ² = log S² for every pixel
        s = float(spec.split(":")[1])
        return log_normal(x, out, np.full_like(out, np.log(s * s)))
    if spec.startswith("categorical:"):
        # out = N logits per pixel, pixel-major (out[d·N + k]);  log p = Σ_d log softmax(l_d)[x_d]
        levels = int(spec.split(":")[1])
        logits = out.reshape(len(out), d, levels)
        top = logits.max(axis=2, keepdims=True)
        log_softmax = logits - top - np.log(np.sum(np.exp(logits - top), axis=2, keepdims=True))
        picked = np.take_along_axis(log_softmax, x.astype(np.int64)[:, :, None], axis=2)
        return np.sum(picked[:, :, 0], axis=1)
    raise SystemExit(f"unknown likelihood '{spec}'")


# ---- the bound and the log-weights -------------------------------------------------------------

def evaluate(model, x_in, x_target, eps, rows_per_chunk=20_000):
    """Per image: log w [n, K], recon_i = −(1/K) Σ_k log p(x_i|z_ik) and KL_i, a few images at a
    time so that memory stays bounded (K = 1,000 codes of 447 digits would need ~9 GB at once)."""
    n = len(x_in)
    k = len(eps) // n
    if k == 0 or len(eps) != n * k:
        raise SystemExit(f"eps is {eps.shape}: need K rows of latent values per image")
    step = max(1, rows_per_chunk // k)
    parts = [evaluate_chunk(model, x_in[i:i + step], x_target[i:i + step],
                            eps[i * k:(i + step) * k]) for i in range(0, n, step)]
    return tuple(np.concatenate(p) for p in zip(*parts))


def evaluate_chunk(model, x_in, x_target, eps):
    """evaluate() for the images of one chunk."""
    n = len(x_in)
    k = len(eps) // n
    mu, log_var = encode(model, x_in)
    if eps.shape[1] != mu.shape[1]:
        raise SystemExit(f"eps is {eps.shape}: need K rows of {mu.shape[1]} values per image")
    mu_k = np.repeat(mu, k, axis=0)          # row i·K + k holds image i's μ   [n·K, latent]
    log_var_k = np.repeat(log_var, k, axis=0)
    # z = μ + σ ⊙ ε   (the reparameterization: one code per row of ε)
    z = mu_k + np.exp(0.5 * log_var_k) * eps
    out = mlp(z, layers(model, "decoder"), activation(model))
    log_px = log_px_given_z(model, out, np.repeat(x_target, k, axis=0))
    # log w_ik = log p(x_i|z_ik) + log p(z_ik) − log q(z_ik|x_i)
    log_pz = log_normal(z, 0.0, 0.0)
    log_qz = log_normal(z, mu_k, log_var_k)
    log_w = (log_px + log_pz - log_qz).reshape(n, k)
    recon = -log_px.reshape(n, k).mean(axis=1)
    return log_w, recon, kl_to_prior(mu, log_var)


def log_mean_exp(a):
    """log (1/K) Σ_k e^{a_k} per row, without overflow: the importance-sampled log p(x)."""
    top = a.max(axis=1, keepdims=True)
    return top[:, 0] + np.log(np.mean(np.exp(a - top), axis=1))


def digits_test(model):
    """The UCI digits' test split (the last 447 rows), as the Java Dataset.digits gives it."""
    if int(model["config.data_dim"]) != 64:
        raise SystemExit("this model is not for the 8×8 digits: give its test images as DATA.npz")
    here = os.path.dirname(os.path.abspath(__file__))
    csv = os.path.join(here, "..", "data", "uci-digits", "digits.csv.gz")
    rows = np.loadtxt(csv, delimiter=",")
    pixels = rows[-447:, :64]
    categorical = str(model["config.likelihood"]).startswith("categorical:")
    return pixels / 16, pixels if categorical else pixels / 16


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("model")
    p.add_argument("data", nargs="?")
    p.add_argument("--k", type=int, default=1, help="codes per image when DATA has no eps")
    p.add_argument("--seed", type=int, default=0, help="seed of the drawn eps")
    p.add_argument("--out", help="write log_w, recon, kl, neg_elbo, log_px here (.npz)")
    a = p.parse_args()
    model = load_model(a.model)
    data = dict(np.load(a.data)) if a.data else {}
    x_in, x_target = (data["input"], data["target"]) if a.data else digits_test(model)
    eps = data.get("eps")
    if eps is None:
        latent = int(model["config.latent"])
        eps = np.random.default_rng(a.seed).standard_normal((len(x_in) * a.k, latent))
    log_w, recon, kl = evaluate(model, x_in, x_target, eps)
    # −ELBO = mean_i [recon_i + KL_i]
    neg_elbo = np.mean(recon + kl)
    log_px = log_mean_exp(log_w)
    hidden = [int(h) for h in model["config.hidden"]]
    print(f"model   {int(model['config.data_dim'])}→{hidden}→{int(model['config.latent'])}, "
          f"{model['config.activation']}, {model['config.likelihood']} "
          f"(project {model['project_version']})")
    print(f"data    {len(x_in)} images, K = {log_w.shape[1]} codes each"
          + ("" if "eps" in data else f" (ε drawn, seed {a.seed})"))
    print(f"−ELBO   {neg_elbo:.4f} = recon {recon.mean():.4f} + KL {kl.mean():.4f}  nats/image")
    print(f"NLL     {-log_px.mean():.4f}  = −log p(x) by importance sampling, K = {log_w.shape[1]}")
    if a.out:
        np.savez(a.out, log_w=log_w, recon=recon.mean(), kl=kl.mean(), neg_elbo=neg_elbo,
                 log_px=log_px)


if __name__ == "__main__":
    main()
