#!/usr/bin/env python3
"""The book's VAE in PyTorch: open a model exported by the book, or train one and export it.

The bridge to PyTorch. A model trained by the book (`./jbang elbo --save model.npz`) opens here
as an nn.Module and gives the same numbers; a model trained here opens in the book
(`./jbang elbo --load model.npz`) and gives the same numbers there. tests/TorchBridgeTest.java
checks both directions to 1e-9 on the same weights, images and noise ε.

    python3 tools/torch/torch_vae.py eval MODEL.npz [DATA.npz | --data-dir MNIST_DIR] [--k K]
                                          [--seed S] [--module book|example] [--out RESULT.npz]
    python3 tools/torch/torch_vae.py train --data digits|mnist [--data-dir DIR] [--epochs N]
                                          [--seed S] [--init pytorch|he] [--k K] --save MODEL.npz

eval   DATA.npz as for tools/numpy_vae.py: input [n, D], target [n, D], optionally
       eps [n*K, latent] (row i*K + k: the noise of code k of image i); without it, the digits'
       test split, or for MNIST the first --test-images (1,000) of t10k in --data-dir.
       --module example evaluates through the PyTorch example's own module (fc1, fc21, fc22,
       fc3, fc4; a 1-hidden-layer ReLU model with a Bernoulli decoder).
train  the recipe of pytorch/examples/vae: Adam (lr 1e-3), shuffled minibatches, a fixed number
       of epochs, the last epoch kept; no weight decay, averaging or early stopping. For MNIST
       (the IDX files in --data-dir) the example's own module and loss (784-400-20, batch 128,
       10 epochs); for the digits the book's digits model (64-256-256-16, LeakyReLU, 17-way
       softmax per pixel; batch 64). Trains in float32, as the example does; evaluates in
       float64 with K importance samples on the test images the book uses, then saves.

The file layout: encoder.0.weight [out, in], encoder.0.bias, ..., decoder.N.bias, the state dict
of nn.Sequential(Linear, act, ..., Linear) for encoder and decoder (BookVae below), plus
config.* and format = 'vae-verified/vae', format_version = 1 (lib/vae/model/VaeNpz.java).
"""
import argparse
import gzip
import os
import sys
import tempfile
import time
import zipfile

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.distributions import Categorical, Normal, kl_divergence

FORMAT = "vae-verified/vae"
FORMAT_VERSION = 1
LEAKY_SLOPE = 0.01
HERE = os.path.dirname(os.path.abspath(__file__))


# ---- the modules --------------------------------------------------------------------------------

def act_module(name):
    """The hidden layers' non-linearity as a module, from config.activation."""
    modules = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid,
               "leakyRelu": lambda: nn.LeakyReLU(LEAKY_SLOPE)}
    if name not in modules:
        raise SystemExit(f"activation '{name}' is not one this script builds")
    return modules[name]()


def output_size(likelihood, d):
    """How many numbers the decoder gives per image for this likelihood (as Likelihood.java)."""
    if likelihood == "gaussian:learned":
        return 2 * d
    if likelihood.startswith("categorical:"):
        return d * int(likelihood.split(":")[1])
    return d


class BookVae(nn.Module):
    """The book's Vae: encoder x -> (mu, log var) side by side, decoder z -> the likelihood's
    parameters; nn.Sequential(Linear, act, Linear, ...) so that the state dict is the file."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        hidden = list(cfg["hidden"])
        enc = [cfg["data_dim"]] + hidden + [2 * cfg["latent"]]
        dec = [cfg["latent"]] + hidden[::-1] + [output_size(cfg["likelihood"], cfg["data_dim"])]
        self.encoder = self.sequential(enc, cfg["activation"])
        self.decoder = self.sequential(dec, cfg["activation"])

    @staticmethod
    def sequential(sizes, activation):
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(nn.Linear(sizes[i], sizes[i + 1]))
            if i + 2 < len(sizes) and activation != "identity":
                layers.append(act_module(activation))
        return nn.Sequential(*layers)

    def encode(self, x):
        h = self.encoder(x)
        m = self.cfg["latent"]
        return h[:, :m], h[:, m:]

    def decoder_output(self, z):
        return self.decoder(z)


class ExampleVae(nn.Module):
    """The VAE of pytorch/examples (vae/main.py), as written there (sizes as parameters)."""

    def __init__(self, d=784, h=400, m=20):
        super().__init__()
        self.fc1 = nn.Linear(d, h)
        self.fc21 = nn.Linear(h, m)
        self.fc22 = nn.Linear(h, m)
        self.fc3 = nn.Linear(m, h)
        self.fc4 = nn.Linear(h, d)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        eps = torch.randn_like(std)
        return mu + eps * std

    def decoder_output(self, z):
        """The logits l of the Bernoulli pixels (the example's decode returns sigmoid(l))."""
        return self.fc4(F.relu(self.fc3(z)))

    def decode(self, z):
        return torch.sigmoid(self.decoder_output(z))

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, self.fc1.in_features))
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


def example_loss(recon_x, x, mu, logvar):
    """The example's loss_function: BCE summed over pixels and images, plus the KL."""
    bce = F.binary_cross_entropy(recon_x, x.view(-1, recon_x.shape[1]), reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kld


def example_cfg(model):
    return {"data_dim": model.fc1.in_features, "hidden": [model.fc1.out_features],
            "latent": model.fc21.out_features, "activation": "relu", "likelihood": "bernoulli",
            "beta": 1.0, "samples": 1}


def example_from_book_state(cfg, state):
    """The book's layers under the example's names: fc21, fc22 are encoder.2's two halves."""
    if len(cfg["hidden"]) != 1 or cfg["activation"] != "relu" or cfg["likelihood"] != "bernoulli":
        raise SystemExit("--module example needs a model with one hidden ReLU layer and a "
                         f"Bernoulli decoder, this one is {cfg['hidden']} {cfg['activation']} "
                         f"{cfg['likelihood']}")
    m = cfg["latent"]
    return {"fc1.weight": state["encoder.0.weight"], "fc1.bias": state["encoder.0.bias"],
            "fc21.weight": state["encoder.2.weight"][:m], "fc21.bias": state["encoder.2.bias"][:m],
            "fc22.weight": state["encoder.2.weight"][m:], "fc22.bias": state["encoder.2.bias"][m:],
            "fc3.weight": state["decoder.0.weight"], "fc3.bias": state["decoder.0.bias"],
            "fc4.weight": state["decoder.2.weight"], "fc4.bias": state["decoder.2.bias"]}


def book_state_from_example(model):
    s = {k: v.detach() for k, v in model.state_dict().items()}
    return {"encoder.0.weight": s["fc1.weight"], "encoder.0.bias": s["fc1.bias"],
            "encoder.2.weight": torch.cat([s["fc21.weight"], s["fc22.weight"]]),
            "encoder.2.bias": torch.cat([s["fc21.bias"], s["fc22.bias"]]),
            "decoder.0.weight": s["fc3.weight"], "decoder.0.bias": s["fc3.bias"],
            "decoder.2.weight": s["fc4.weight"], "decoder.2.bias": s["fc4.bias"]}


# ---- the file -----------------------------------------------------------------------------------

def load_npz(path, module):
    """A model file of the book as (module in float64, cfg); refuses other files."""
    try:
        f = dict(np.load(path))
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as e:
        raise SystemExit(f"{path} is not a readable .npz file: {e}")
    if str(f.get("format", "")) != FORMAT:
        raise SystemExit(f"{path} is not a VAE exported by the book (no format = '{FORMAT}')")
    if int(f["format_version"]) != FORMAT_VERSION:
        raise SystemExit(f"{path} has format version {int(f['format_version'])}, this script "
                         f"reads {FORMAT_VERSION}")
    cfg = {"data_dim": int(f["config.data_dim"]), "hidden": [int(h) for h in f["config.hidden"]],
           "latent": int(f["config.latent"]), "activation": str(f["config.activation"]),
           "likelihood": str(f["config.likelihood"]), "beta": float(f["config.beta"]),
           "samples": int(f["config.samples"]), "init": str(f.get("config.init", "he")),
           "project_version": str(f.get("project_version", "?"))}
    if float(f["config.leaky_relu_slope"]) != LEAKY_SLOPE:
        raise SystemExit(f"{path}: LeakyReLU slope {float(f['config.leaky_relu_slope'])}, this "
                         f"script builds {LEAKY_SLOPE}")
    state = {k: torch.from_numpy(v) for k, v in f.items()
             if k.startswith("encoder.") or k.startswith("decoder.")}
    try:  # strict: every tensor present, none extra, every shape as the configuration says
        if module == "example":
            model = ExampleVae(cfg["data_dim"], cfg["hidden"][0], cfg["latent"]).double()
            state = example_from_book_state(cfg, state)
        else:
            model = BookVae(cfg).double()
        model.load_state_dict(state, strict=True)
    except (RuntimeError, KeyError) as e:
        raise SystemExit(f"{path} does not fit its configuration: {e}")
    return model, cfg


def save_npz(path, model, cfg, trained_with):
    """Writes a model in the book's layout, atomically (a temp file, then a rename)."""
    state = book_state_from_example(model) if isinstance(model, ExampleVae) \
        else {k: v.detach() for k, v in model.state_dict().items()}
    arrays = {"format": np.array(FORMAT), "format_version": np.int64(FORMAT_VERSION),
              "project_version": np.array(trained_with),
              "config.data_dim": np.int64(cfg["data_dim"]),
              "config.hidden": np.array(cfg["hidden"], dtype=np.int64),
              "config.latent": np.int64(cfg["latent"]),
              "config.activation": np.array(cfg["activation"]),
              "config.leaky_relu_slope": np.float64(LEAKY_SLOPE),
              "config.likelihood": np.array(cfg["likelihood"]),
              "config.init": np.array(cfg["init"]),
              "config.beta": np.float64(cfg["beta"]), "config.samples": np.int64(cfg["samples"])}
    for k, v in state.items():
        arrays[k] = v.to(torch.float64).cpu().numpy()
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(suffix=".npz.tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            np.savez(out, **arrays)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


# ---- the bound and the log-weights --------------------------------------------------------------

def log_px_given_z(likelihood, out, x):
    """log p(x|z) per row, from the decoder's output and the targets, with torch's own densities."""
    d = x.shape[1]
    if likelihood == "bernoulli":
        return -F.binary_cross_entropy_with_logits(out, x, reduction="none").sum(1)
    if likelihood == "gaussian:learned":
        return Normal(out[:, :d], torch.exp(0.5 * out[:, d:])).log_prob(x).sum(1)
    if likelihood.startswith("gaussian:"):
        sigma = torch.full_like(out, float(likelihood.split(":")[1]))  # in out's precision
        return Normal(out, sigma).log_prob(x).sum(1)
    if likelihood.startswith("categorical:"):
        levels = int(likelihood.split(":")[1])
        return Categorical(logits=out.view(len(out), d, levels)).log_prob(x.long()).sum(1)
    raise SystemExit(f"unknown likelihood '{likelihood}'")


def standard_normal(like):
    """N(0, I) of like's shape and precision."""
    return Normal(torch.zeros_like(like), torch.ones_like(like))


@torch.no_grad()
def evaluate(model, cfg, x_in, x_target, eps, images_per_chunk=None):
    """Per image: log w [n, K], recon_i (mean over its K codes of −log p(x|z)) and KL_i."""
    n = len(x_in)
    k = len(eps) // n
    m = cfg["latent"]
    if k == 0 or len(eps) != n * k or eps.shape[1] != m:
        raise SystemExit(f"eps is {tuple(eps.shape)}: need K rows of {m} values per image")
    chunk = images_per_chunk or max(1, 20000 // k)
    log_w, recon, kl = [], [], []
    for s in range(0, n, chunk):
        xi, xt = x_in[s:s + chunk], x_target[s:s + chunk]
        e = eps[s * k:(s + len(xi)) * k]
        mu, log_var = model.encode(xi)
        q = Normal(mu, torch.exp(0.5 * log_var))
        kl.append(kl_divergence(q, standard_normal(mu)).sum(1))
        qk = Normal(mu.repeat_interleave(k, 0), torch.exp(0.5 * log_var).repeat_interleave(k, 0))
        z = qk.loc + qk.scale * e  # z = μ + σ ⊙ ε
        lp = log_px_given_z(cfg["likelihood"], model.decoder_output(z),
                            xt.repeat_interleave(k, 0))
        # log w = log p(x|z) + log p(z) − log q(z|x)
        lw = lp + standard_normal(z).log_prob(z).sum(1) - qk.log_prob(z).sum(1)
        log_w.append(lw.view(len(xi), k))
        recon.append(-lp.view(len(xi), k).mean(1))
    return torch.cat(log_w), torch.cat(recon), torch.cat(kl)


def summary(log_w, recon, kl):
    neg_elbo = (recon + kl).mean().item()
    log_px = torch.logsumexp(log_w, 1) - np.log(log_w.shape[1])
    return neg_elbo, log_px


# ---- data ---------------------------------------------------------------------------------------

def digits():
    """The UCI digits split as the book's Digits.load: 1,000 train, 350 validation, 447 test."""
    rows = np.loadtxt(os.path.join(HERE, "..", "..", "data", "uci-digits", "digits.csv.gz"),
                      delimiter=",")[:, :64]
    return rows[:1000], rows[1000:1350], rows[-447:]


def digits_tensors(pixels, likelihood):
    """(input, target): input scaled to [0, 1]; target the counts 0…16 for the categorical."""
    x = torch.from_numpy(pixels / 16)
    t = torch.from_numpy(pixels) if likelihood.startswith("categorical:") else x
    return x, t


def idx_images(path):
    """An IDX image file (raw or .gz) as [count, rows·cols] float64 in [0, 1] (pixel/255)."""
    for name in (path, path + ".gz"):
        if os.path.isfile(name):
            data = (gzip.open if name.endswith(".gz") else open)(name, "rb").read()
            if len(data) < 16 or int.from_bytes(data[:4], "big") != 2051:
                raise SystemExit(f"{name} is not an IDX image file (magic 2051)")
            count, r, c = (int.from_bytes(data[i:i + 4], "big") for i in (4, 8, 12))
            if len(data) != 16 + count * r * c:
                raise SystemExit(f"{name} is truncated: {len(data)} bytes for {count}×{r}×{c}")
            pixels = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, r * c)
            return pixels.astype(np.float64) / 255
    raise SystemExit(f"no {path}[.gz]: put the four MNIST IDX files in --data-dir")


# ---- commands -----------------------------------------------------------------------------------

def cmd_eval(a):
    model, cfg = load_npz(a.model, a.module)
    if a.data:
        data = dict(np.load(a.data))
        x_in, x_target = torch.from_numpy(data["input"]), torch.from_numpy(data["target"])
    elif cfg["data_dim"] == 64:
        x_in, x_target = digits_tensors(digits()[2], cfg["likelihood"])
        data = {}
    elif a.data_dir:
        x_in = torch.from_numpy(idx_images(os.path.join(a.data_dir, "t10k-images-idx3-ubyte")))
        x_in = x_target = x_in[:a.test_images]
        data = {}
    else:
        raise SystemExit("this model is not for the 8×8 digits: give its test images as DATA.npz "
                         "or, for MNIST, --data-dir DIR")
    eps = data.get("eps")
    if eps is None:
        # drawn as tools/numpy_vae.py draws them: the same --seed gives the same ε there
        eps = np.random.default_rng(a.seed).standard_normal((len(x_in) * a.k, cfg["latent"]))
    eps = torch.from_numpy(eps)
    log_w, recon, kl = evaluate(model, cfg, x_in, x_target, eps)
    neg_elbo, log_px = summary(log_w, recon, kl)
    print(f"model   {cfg['data_dim']}→{cfg['hidden']}→{cfg['latent']}, {cfg['activation']}, "
          f"{cfg['likelihood']}, init {cfg['init']} ({cfg['project_version']}); "
          f"as {type(model).__name__} in torch {torch.__version__}")
    print(f"data    {len(x_in)} images, K = {log_w.shape[1]} codes each"
          + ("" if "eps" in data else f" (ε drawn, seed {a.seed})"))
    print(f"−ELBO   {neg_elbo:.4f} = recon {recon.mean():.4f} + KL {kl.mean():.4f}  nats/image")
    print(f"        {-log_w.mean():.4f} = −mean log w, the −ELBO as chapter 05 prints it "
          "(its KL by Monte Carlo)")
    print(f"NLL     {-log_px.mean():.4f}  = −log p(x) by importance sampling, "
          f"K = {log_w.shape[1]}")
    if a.out:
        np.savez(a.out, log_w=log_w.numpy(), recon=np.float64(recon.mean()),
                 kl=np.float64(kl.mean()), neg_elbo=np.float64(neg_elbo), log_px=log_px.numpy())


def init_he(model):
    """The book's he scheme: He normal N(0, 2/in) before a ReLU-like layer, Glorot uniform before
    anything else (the output layers), zero biases (lib/vae/nn/Init.java)."""
    for seq in (model.encoder, model.decoder):
        mods = list(seq)
        for i, layer in enumerate(mods):
            if isinstance(layer, nn.Linear):
                after = mods[i + 1] if i + 1 < len(mods) else None
                if isinstance(after, (nn.ReLU, nn.LeakyReLU)):
                    nn.init.normal_(layer.weight, 0.0, (2.0 / layer.in_features) ** 0.5)
                else:
                    nn.init.xavier_uniform_(layer.weight)
                nn.init.zeros_(layer.bias)


def cmd_train(a):
    torch.manual_seed(a.seed)
    if a.data == "mnist":
        if not a.data_dir:
            raise SystemExit("--data mnist needs --data-dir DIR (the four MNIST IDX files)")
        train_x = torch.from_numpy(idx_images(os.path.join(a.data_dir, "train-images-idx3-ubyte")))
        test_x = torch.from_numpy(idx_images(os.path.join(a.data_dir, "t10k-images-idx3-ubyte")))
        test_in, test_target = test_x[:a.test_images], test_x[:a.test_images]
        if a.init != "pytorch":
            raise SystemExit("the PyTorch example's module starts from nn.Linear's default: "
                             "--init pytorch")
        model = ExampleVae()
        cfg = example_cfg(model)
        epochs, batch = a.epochs or 10, a.batch or 128
    else:
        train_p, _, test_p = digits()
        cfg = {"data_dim": 64, "hidden": [256, 256], "latent": 16, "activation": "leakyRelu",
               "likelihood": "categorical:17", "beta": 1.0, "samples": 1}
        train_x, train_t = digits_tensors(train_p, cfg["likelihood"])
        test_in, test_target = digits_tensors(test_p, cfg["likelihood"])
        model = BookVae(cfg)
        if a.init == "he":
            init_he(model)
        epochs, batch = a.epochs or 50, a.batch or 64
    cfg["init"] = a.init
    model = model.float()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n = len(train_x)
    start = time.time()
    for epoch in range(1, epochs + 1):
        total = 0.0
        for idx in torch.randperm(n).split(batch):
            x = train_x[idx].float()
            opt.zero_grad()
            if isinstance(model, ExampleVae):
                recon_batch, mu, logvar = model(x)
                loss = example_loss(recon_batch, x, mu, logvar)  # summed over the batch
                total += loss.item()
            else:  # the book's loss: the mean over the batch of −log p(x|z) + KL
                mu, log_var = model.encode(x)
                q = Normal(mu, torch.exp(0.5 * log_var))
                z = q.rsample()
                lp = log_px_given_z(cfg["likelihood"], model.decoder_output(z),
                                    train_t[idx].float())
                loss = (-lp + kl_divergence(q, standard_normal(mu)).sum(1)).mean()
                total += loss.item() * len(idx)
            loss.backward()
            opt.step()
        print(f"epoch {epoch}/{epochs} | train −ELBO {total / n:.2f} | "
              f"{time.time() - start:.1f} s", flush=True)
    model = model.double()
    g = torch.Generator().manual_seed(a.seed + 10)
    eps = torch.randn(len(test_in) * a.k, cfg["latent"], generator=g, dtype=torch.float64)
    log_w, recon, kl = evaluate(model, cfg, test_in, test_target, eps)
    neg_elbo, log_px = summary(log_w, recon, kl)
    print(f"test ({len(test_in)} images) −ELBO {neg_elbo:.2f} | NLL (IS, K = {a.k}) "
          f"{-log_px.mean().item():.2f} nats per image")
    print(f"RESULT engine=torch data={a.data} init={a.init} seed={a.seed} epochs={epochs} "
          f"test_neg_elbo={neg_elbo:.2f} test_nll_is={-log_px.mean().item():.2f} k={a.k} "
          f"wall_s={time.time() - start:.1f}")
    if a.save:
        save_npz(a.save, model, cfg, f"torch {torch.__version__} (tools/torch/torch_vae.py)")
        print(f"saved {a.save}; evaluate it in the book: ./jbang elbo --load {a.save}"
              + (f" --data mnist --data-dir {a.data_dir}" if a.data == "mnist" else ""))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--threads", type=int, default=1,
                   help="torch threads (default 1: on a shared machine more threads spin-wait)")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("eval", help="evaluate a model file of the book in PyTorch")
    e.add_argument("model")
    e.add_argument("data", nargs="?")
    e.add_argument("--k", type=int, default=1, help="codes per image when DATA has no eps")
    e.add_argument("--seed", type=int, default=0, help="seed of the drawn eps")
    e.add_argument("--module", choices=["book", "example"], default="book")
    e.add_argument("--data-dir", help="MNIST: score the first --test-images of t10k-images")
    e.add_argument("--test-images", type=int, default=1000)
    e.add_argument("--out", help="write log_w, recon, kl, neg_elbo, log_px here (.npz)")
    t = sub.add_parser("train", help="train with the PyTorch example's recipe and save")
    t.add_argument("--data", choices=["digits", "mnist"], default="digits")
    t.add_argument("--data-dir")
    t.add_argument("--epochs", type=int, help="default: 10 for mnist, 50 for digits")
    t.add_argument("--batch", type=int, help="default: 128 for mnist, 64 for digits")
    t.add_argument("--init", choices=["pytorch", "he"], default="pytorch")
    t.add_argument("--seed", type=int, default=42)
    t.add_argument("--k", type=int, default=1000, help="importance samples per test image")
    t.add_argument("--test-images", type=int, default=1000,
                   help="MNIST: the first N test images (the book's chapter 05 uses 1,000)")
    t.add_argument("--save", help="write the trained model here (.npz, the book's layout)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    (cmd_eval if a.command == "eval" else cmd_train)(a)


if __name__ == "__main__":
    sys.exit(main())
