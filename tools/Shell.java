///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION JShell with the project's lib/ and every dependency on the class path: ./jbang shell
//JAVA 17+
//SOURCES ../lib/**.java

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import jdk.jshell.tool.JavaShellToolBuilder;

/**
 * Opens JShell with {@code lib/} and its dependencies on the class path and every lib package
 * imported. ({@code jbang --interactive} alone leaves the lib's sources out.)
 *
 * <pre>
 * jshell&gt; var q = DiagGaussian.ofSigma(new double[]{0.5}, new double[]{0.8})
 * jshell&gt; q.klToStandardNormal()
 * jshell&gt; q.sample(MonteCarlo.rng(42))
 * </pre>
 */
class Shell {
  public static void main(String[] args) throws Exception {
    List<String> lines = new ArrayList<>(List.of("import java.util.*;"));
    for (String pkg : libPackages()) {
      lines.add("import " + pkg + ".*;");
    }
    lines.add("System.out.println(\"VAE, Verified: lib/ is on the class path and imported. "
        + "Try  DiagGaussian.standard(2).sample(MonteCarlo.rng(1))\");");
    Path startup = Files.createTempFile("vae-shell", ".jsh");
    Files.write(startup, lines);
    startup.toFile().deleteOnExit();
    List<String> options = new ArrayList<>(List.of("--class-path", System.getProperty("java.class.path"),
        "--startup", "DEFAULT", "--startup", startup.toString(), "-R-Djava.awt.headless=true"));
    options.addAll(List.of(args));
    JavaShellToolBuilder.builder().start(options.toArray(String[]::new));
  }

  /** The packages under vae.* in the jar JBang built from lib/. */
  static TreeSet<String> libPackages() throws Exception {
    TreeSet<String> pkgs = new TreeSet<>();
    Path jar = Path.of(Shell.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      zip.stream().map(e -> e.getName())
          .filter(n -> n.startsWith("vae/") && n.endsWith(".class") && !n.endsWith("package-info.class"))
          .forEach(n -> pkgs.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
    }
    return pkgs;
  }
}
