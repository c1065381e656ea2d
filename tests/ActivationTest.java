import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vae.nn.Activation;
import vae.nn.Matrix;

/**
 * The branch-free ReLU backward and the max-form LeakyReLU forward give, bit for bit, what the
 * plain definitions give, on the awkward values: ±0, subnormals, ±∞, NaN, ±tiny, ±huge.
 */
class ActivationTest {
  private static final double[] VALUES = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
      Double.MIN_NORMAL, -Double.MIN_NORMAL, 1e-300, -1e-300, 0.5, -0.5, 3.0, -3.0, 1e300, -1e300,
      Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.NaN};

  /** A 1 × n matrix holding {@code v}. */
  private static Matrix row(double[] v) {
    return Matrix.of(new double[][] {v.clone()});
  }

  @Test
  void leakyReluForwardIsXIfPositiveElseSlopeTimesXBitForBit() {
    Matrix y = Activation.of(Activation.Kind.LEAKY_RELU).forward(row(VALUES));
    for (int c = 0; c < VALUES.length; c++) {
      double x = VALUES[c];
      double expected = x > 0 ? x : Activation.LEAKY_SLOPE * x;
      assertThat(Double.doubleToRawLongBits(y.a[0][c])).as("x=%s", x)
          .isEqualTo(Double.doubleToRawLongBits(expected));
    }
  }

  @Test
  void reluBackwardIsGradientWhereInputPositiveElsePlusZeroBitForBit() {
    for (double g : VALUES) { // every dL/dy value against every input
      Activation relu = Activation.of(Activation.Kind.RELU);
      relu.forward(row(VALUES));
      double[] gy = new double[VALUES.length];
      java.util.Arrays.fill(gy, g);
      Matrix gx = relu.backward(row(gy));
      for (int c = 0; c < VALUES.length; c++) {
        double x = VALUES[c];
        double expected = x > 0 ? g : 0;
        assertThat(Double.doubleToRawLongBits(gx.a[0][c])).as("x=%s, dL/dy=%s", x, g)
            .isEqualTo(Double.doubleToRawLongBits(expected));
      }
    }
  }
}
