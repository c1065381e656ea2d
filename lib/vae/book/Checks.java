package vae.book;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import vae.prob.Estimate;

/**
 * The CHECK printer: one line per verified claim, a summary, and the chapter's exit code.
 *
 * <pre>CHECK KL-4  closed form 0.8431 | MC 0.8427 ± 0.0011 | 0.4 SE  ✓</pre>
 *
 * A Monte Carlo comparison passes when |estimate − exact| ≤ 4 standard errors (the SE comes
 * from the same samples); a deterministic one passes within a stated absolute tolerance.
 * Introduced in chapter 02; every chapter uses it.
 */
public final class Checks {
  /** How many standard errors a Monte Carlo estimate may lie from the exact value. */
  public static final double SE_TOLERANCE = 4.0;

  /** One printed check. */
  public record Result(String id, String line, boolean passed) {}

  private final PrintStream out;
  private final List<Result> results = new ArrayList<>();

  /** A printer that writes to {@code out}. */
  public Checks(PrintStream out) {
    this.out = out;
  }

  /** A printer that writes to standard output. */
  public Checks() {
    this(System.out);
  }

  /**
   * Exact value against a Monte Carlo estimate: passes when |Δ| ≤ 4·SE.
   *
   * @throws IllegalArgumentException if the estimate's standard error is not positive and finite
   */
  public boolean mc(String id, String exactLabel, double exact, String estimateLabel, Estimate est) {
    if (!(est.se() > 0) || Double.isInfinite(est.se())) {
      throw new IllegalArgumentException(id + ": standard error must be positive and finite, got "
          + est.se() + " (draw more than one sample, or use close() for exact values)");
    }
    double z = Math.abs(est.mean() - exact) / est.se();
    boolean ok = z <= SE_TOLERANCE;
    return record(id, String.format("%s %s | %s %s ± %s | %.1f SE", exactLabel, Fmt.num(exact),
        estimateLabel, Fmt.num(est.mean()), Fmt.num(est.se()), z), ok);
  }

  /** Two deterministic values that must agree within an absolute tolerance {@code tol}. */
  public boolean close(String id, String aLabel, double a, String bLabel, double b, double tol) {
    double diff = Math.abs(a - b);
    boolean ok = diff <= tol; // NaN fails
    return record(id, String.format("%s %s | %s %s | |Δ| %s ≤ %s", aLabel, Fmt.num(a), bLabel,
        Fmt.num(b), Fmt.sci(diff), Fmt.sci(tol)), ok);
  }

  /** A condition with a sentence that shows the numbers behind it. */
  public boolean that(String id, String detail, boolean ok) {
    return record(id, detail, ok);
  }

  private boolean record(String id, String body, boolean ok) {
    String line = String.format("CHECK %-5s %s  %s", id, body, ok ? "✓" : "✗");
    results.add(new Result(id, line, ok));
    out.println(line);
    out.flush();
    return ok;
  }

  /** Every check printed so far, in order. */
  public List<Result> results() {
    return List.copyOf(results);
  }

  /** How many checks failed. */
  public int failures() {
    return (int) results.stream().filter(r -> !r.passed()).count();
  }

  /** Prints {@code checks: 12 passed, 0 failed} and returns the exit code (1 if any failed). */
  public int summary() {
    int failed = failures();
    out.printf("checks: %d passed, %d failed%s%n", results.size() - failed, failed,
        failed == 0 ? "" : "  ✗ " + String.join(", ", results.stream()
            .filter(r -> !r.passed()).map(Result::id).distinct().toList()));
    out.flush();
    return exitCode();
  }

  /** 0 when every check passed, 1 otherwise. */
  public int exitCode() {
    return failures() == 0 ? 0 : 1;
  }
}
