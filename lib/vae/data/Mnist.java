package vae.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import vae.io.AtomicFile;
import vae.io.Project;

/**
 * MNIST (LeCun, Cortes &amp; Burges): 60,000 training and 10,000 test images of 28×28, read from
 * the four standard IDX files in a folder (raw or .gz). {@link #download} fetches them, only on
 * explicit request, and checks their SHA-256. Chapters 05–07.
 */
public final class Mnist {
  /** The four files, without the .gz suffix. */
  public static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
      "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
  /** A public mirror (the one PyTorch's torchvision uses). */
  public static final String MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/";
  /** SHA-256 of the original .gz files (as published by TensorFlow Datasets / Keras). */
  public static final Map<String, String> SHA256 = Map.of(
      "train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
      "train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
      "t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
      "t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

  public final Idx.Images trainImages;
  public final int[] trainLabels;
  public final Idx.Images testImages;
  public final int[] testLabels;

  private Mnist(Idx.Images trainImages, int[] trainLabels, Idx.Images testImages, int[] testLabels) {
    this.trainImages = trainImages;
    this.trainLabels = trainLabels;
    this.testImages = testImages;
    this.testLabels = testLabels;
  }

  /** Where {@code --download} puts the files unless told otherwise: {@code data/mnist/}. */
  public static Path defaultCache() {
    return Project.root().resolve("data/mnist");
  }

  /**
   * Loads the four files from {@code dir} (each as NAME or NAME.gz).
   *
   * @throws IllegalStateException if a file is missing or malformed, or images and labels disagree
   */
  public static Mnist load(Path dir) {
    Path[] p = new Path[4];
    for (int i = 0; i < 4; i++) {
      p[i] = find(dir, FILES[i]);
    }
    Mnist m = new Mnist(Idx.readImages(p[0]), Idx.readLabels(p[1]), Idx.readImages(p[2]), Idx.readLabels(p[3]));
    requireSameCount(m.trainImages, m.trainLabels, p[0], p[1]);
    requireSameCount(m.testImages, m.testLabels, p[2], p[3]);
    return m;
  }

  private static void requireSameCount(Idx.Images im, int[] labels, Path a, Path b) {
    if (im.count() != labels.length) {
      throw new IllegalStateException(a + " holds " + im.count() + " images but " + b + " holds "
          + labels.length + " labels: the two files must come from the same set");
    }
  }

  private static Path find(Path dir, String name) {
    for (Path p : new Path[] {dir.resolve(name), dir.resolve(name + ".gz")}) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("MNIST file " + name + "(.gz) not found in " + dir.toAbsolutePath()
        + ": put the four files " + String.join(", ", FILES) + " (raw or .gz) there, or add "
        + "--download to fetch them into --data-dir (default data/mnist/)");
  }

  /**
   * Downloads the four .gz files from {@link #MIRROR} into {@code dir} unless already there with
   * the right SHA-256; each is written to a temporary file, checked, then renamed into place, with
   * a line saying which file and one saying how much arrived and that its SHA-256 matched.
   *
   * @throws UncheckedIOException if the network fails or a checksum is wrong; the message says
   *     where to put the files by hand
   */
  public static Path download(Path dir) {
    return download(dir, MIRROR);
  }

  /**
   * The same from another mirror URL ending in '/' (the tests use an unreachable one).
   *
   * @throws UncheckedIOException as {@link #download(Path)}
   */
  public static Path download(Path dir, String mirror) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    for (String name : FILES) {
      String gz = name + ".gz";
      Path target = dir.resolve(gz);
      if (Files.isRegularFile(target) && SHA256.get(gz).equals(sha256(target))) {
        continue;
      }
      String url = mirror + gz;
      System.out.println("downloading " + url + " → " + target);
      long t0 = System.nanoTime();
      try {
        AtomicFile.write(target, out -> fetch(http, url, gz, out));
        System.out.printf("  %s: %.1f MB in %.1f s, SHA-256 verified%n", gz,
            target.toFile().length() / 1e6, (System.nanoTime() - t0) / 1e9);
      } catch (UncheckedIOException e) {
        throw new UncheckedIOException("could not download " + url + " (" + e.getCause().getMessage()
            + "). Without network, copy the four MNIST files " + String.join(", ", FILES)
            + " (raw or .gz) into " + dir.toAbsolutePath() + " and run with --data-dir " + dir
            + " instead of --download", e.getCause());
      }
    }
    return dir;
  }

  private static void fetch(HttpClient http, String url, String gz, java.io.OutputStream out) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build();
    HttpResponse<InputStream> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (resp.statusCode() != 200) {
      throw new IOException("HTTP status " + resp.statusCode());
    }
    MessageDigest md = Checksums.digest();
    try (InputStream in = new DigestInputStream(resp.body(), md)) {
      in.transferTo(out);
    }
    String got = HexFormat.of().formatHex(md.digest());
    if (!got.equals(SHA256.get(gz))) {
      throw new IOException("SHA-256 of the download is " + got + ", expected " + SHA256.get(gz));
    }
  }

  private static String sha256(Path file) {
    try {
      return Checksums.sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public String toString() {
    return "Mnist[" + trainImages.count() + " train / " + testImages.count() + " test, "
        + trainImages.rows() + "×" + trainImages.cols() + "]";
  }
}
