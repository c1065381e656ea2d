//DEPS org.apache.commons:commons-math3:3.6.1
//DEPS info.picocli:picocli:4.7.7
//DEPS org.knowm.xchart:xchart:4.0.3
//DEPS de.erichseifert.vectorgraphics2d:VectorGraphics2D:0.13
//RUNTIME_OPTIONS -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8
/**
 * The shared library of <em>VAE, Verified</em>. Chapters depend on it; it never depends on them.
 *
 * <p>Rooms: {@code vae.prob} (distributions, KL, Monte Carlo — no networks), {@code vae.nn}
 * (matrices, layers, backprop, optimisers — no plotting), {@code vae.model} (autoencoder, VAE,
 * the linear-Gaussian model), {@code vae.data} (the only code that reads data files),
 * {@code vae.fig} (the only code that touches XChart), {@code vae.book} (the notebook helpers:
 * CHECK lines, the chapter runner, the command-line flags of an experiment, progress) and
 * {@code vae.io} (infrastructure: where the project is, atomic writes). Models do not parse flags:
 * {@code vae.model} imports no picocli, and {@code vae.fig} imports no model. Every dependency version of the project is pinned here, once: a chapter that sources
 * {@code ../lib/**.java} gets them all.
 */
package vae;
