import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import vae.io.Project;

/**
 * A python3 that can import NumPy, for the tests that check our files and numbers against NumPy:
 * {@code python3} on the PATH, else {@code /usr/bin/python3} (where Debian's python3-numpy goes
 * when the PATH's python3 is another one, e.g. pyenv's). Tests are skipped, with the reason, when
 * there is none, except on CI (CI=true), where they fail: {@code .ci/run} installs python3-numpy so
 * that CI runs them.
 */
final class NumpyPython {
  private static final String[] CANDIDATES = {"python3", "/usr/bin/python3"};
  private static String found;
  private static String why;

  private NumpyPython() {}

  /**
   * The first python3 candidate on which {@code probe} (a line of Python) exits 0, or null; the
   * others' last output lines go to {@code tried}, for the skip message.
   */
  static String firstThatRuns(String probe, int seconds, List<String> tried) {
    for (String py : CANDIDATES) {
      Result r = run(List.of(py, "-c", probe), seconds);
      if (r.code() == 0) {
        return py;
      }
      tried.add(py + ": " + r.lastLine());
    }
    return null;
  }

  /** The command of a python3 with NumPy; skips the calling test (an assumption) if none. */
  static synchronized String require() {
    if (found == null && why == null) {
      List<String> tried = new ArrayList<>();
      found = firstThatRuns("import numpy; print(numpy.__version__)", 60, tried);
      why = found != null ? "" : "no python3 with NumPy (" + String.join("; ", tried)
          + "); install python3-numpy to run this test";
    }
    if (found == null && "true".equals(System.getenv("CI"))) {
      // CI must run the cross-check, not skip it: .ci/run installs python3-numpy first
      throw new AssertionError(why + " (on CI, where .ci/run should have installed it)");
    }
    Assumptions.assumeTrue(found != null, why);
    return found;
  }

  /** What a command printed (stdout and stderr together) and its exit code (−1: did not run). */
  record Result(int code, String output) {
    String lastLine() {
      String[] lines = output.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  /** Runs {@code cmd} from the project root, waiting at most {@code seconds}. */
  static Result run(List<String> cmd, long seconds) {
    Path log = null;
    try {
      log = Files.createTempFile("numpy-python", ".log");
      Process p = new ProcessBuilder(cmd).directory(Project.root().toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after " + seconds + " s");
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, "cannot run " + cmd.get(0) + " (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    } finally {
      if (log != null) {
        log.toFile().delete();
      }
    }
  }
}
