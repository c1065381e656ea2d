import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import vae.io.Project;

/**
 * The state of the project's git working tree: {@code git status --porcelain} with every listed
 * file's SHA-256, so a test can compare before and after even when the developer has uncommitted
 * work (a file already modified that a run rewrites again changes its hash, not its status line).
 */
final class CleanTree {
  private CleanTree() {}

  /** One line per changed or untracked file, with its content hash; null if there is no git. */
  static List<String> snapshot() {
    Path root = Project.root();
    if (!Files.isDirectory(root.resolve(".git")) && !Files.isRegularFile(root.resolve(".git"))) {
      return null; // a student copy (./jbang assign) has no repository
    }
    try {
      Process p = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=all")
          .directory(root.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null; // no git on this machine
      }
      List<String> lines = new ArrayList<>();
      for (String line : out.lines().toList()) {
        Path file = root.resolve(line.substring(3).replaceAll("^.* -> ", "").replace("\"", ""));
        lines.add(line + (Files.isRegularFile(file)
            ? "  sha256:" + sha256(file) : ""));
      }
      return lines;
    } catch (IOException | NoSuchAlgorithmException e) {
      return null; // no git on this machine
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
  }
}
