package vae.book;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import vae.data.Mnist;

/** The flags of a chapter that can run on MNIST: {@code --data-dir DIR} and {@code --download}. */
public final class MnistOptions {
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "folder with the four MNIST IDX files, raw or .gz (default: data/mnist)")
  public Path dataDir;

  @Option(names = "--download",
      description = "fetch MNIST from a public mirror into --data-dir (SHA-256 checked) first")
  public boolean download;

  /** The folder to read: --data-dir, or data/mnist under the project. */
  public Path dir() {
    return dataDir != null ? dataDir : Mnist.defaultCache();
  }

  /** Downloads if asked, then loads. */
  public Mnist load() {
    if (download) {
      Mnist.download(dir());
    }
    return Mnist.load(dir());
  }

  @Override
  public String toString() {
    return "MnistOptions[dir=" + dir() + ", download=" + download + "]";
  }
}
