package assign;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/** Copies a folder tree for the teacher's tools: a student copy, a release, a grading sandbox. */
public final class Trees {
  private Trees() {}

  /**
   * Copies {@code from} into {@code dest}, keeping file modes (chapters and the runner stay
   * executable). Skips sub-folders whose path relative to {@code from} is in {@code skip}, the
   * folder {@code dest} itself if it lies inside {@code from}, and a worktree's {@code .git} file.
   *
   * @return the number of files copied
   */
  public static int copy(Path from, Path dest, Set<String> skip) throws IOException {
    int[] n = {0};
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        String rel = from.relativize(dir).toString().replace('\\', '/');
        if (!dir.equals(from) && (skip.contains(rel) || dir.equals(dest))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(dest.resolve(rel));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile() && !file.getFileName().toString().equals(".git")) {
          Files.copy(file, dest.resolve(from.relativize(file).toString()),
              StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
          n[0]++;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return n[0];
  }
}
