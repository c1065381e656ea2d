import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.data.MoonPhases;

/** The procedural moon: lit fraction (1 − cos φ)/2 and the phase read back from the image. */
class MoonPhasesTest {
  final MoonPhases moons = new MoonPhases(28, 9, 12);

  @Test
  void litFractionFollowsTheClosedForm() {
    for (double phi = 0.3; phi < 2 * Math.PI; phi += 0.7) {
      double[] img = moons.render(phi, 11);
      double area = 0;
      for (double p : img) {
        area += p;
      }
      // closed form: lit share of the visible disc (1 − cos φ)/2; pixelisation error ≈ perimeter/area
      assertThat(area / (Math.PI * 11 * 11)).as("φ=" + phi).isCloseTo((1 - Math.cos(phi)) / 2, within(0.03));
    }
  }

  @Test
  void measuredPhaseRecoversTheGeneratingPhase() {
    MoonPhases.Sample s = moons.sample(200, new SplittableRandom(42));
    for (int i = 0; i < 200; i++) {
      double phi = s.phases()[i];
      MoonPhases.Measurement m = moons.measure(s.images().a[i]);
      if (phi < 0.6 || phi > 2 * Math.PI - 0.6) {
        continue; // a thin crescent's radius cannot be read from 28 pixels
      }
      // closed form f = (1 − cos φ)/2; the phase itself is ill-conditioned near full moon (dφ/df = 2/sin φ)
      assertThat(m.litFraction()).as("f at φ=" + phi).isCloseTo((1 - Math.cos(phi)) / 2, within(0.04));
      if (Math.abs(phi - Math.PI) > 0.4) {
        assertThat(Math.abs(m.phase() - phi)).as("φ=" + phi).isLessThan(0.15);
      }
    }
    assertThat(moons.measure(moons.render(Math.PI, 10)).litFraction()).isCloseTo(1, within(0.05));
    MoonPhases fixed = new MoonPhases(16, 6, 6); // known radius: every phase but the darkest reads back
    for (double phi = 0.3; phi < 2 * Math.PI - 0.3; phi += 0.25) {
      if (Math.abs(phi - Math.PI) < 0.4) {
        continue;
      }
      assertThat(fixed.measure(fixed.render(phi, 6)).phase()).as("φ=" + phi).isCloseTo(phi, within(0.15));
    }
  }

  @Test
  void lightsOffsetAndBrightnessFollowTheirClosedForms() {
    MoonPhases fixed = new MoonPhases(16, 6, 6);
    double worst = 0;
    for (double phi = 0.6; phi < 2 * Math.PI - 0.6; phi += 0.01) {
      MoonPhases.Measurement m = fixed.measure(fixed.render(phi, 6));
      // the lit region's x-moment is ⅔ sin²φ and its area π(1 − cos φ)/2 (unit radius): its
      // centroid sits 4(1 + cos φ)/(3π) radii from the centre, on the lit side
      double closed = 4 * (1 + Math.cos(phi)) / (3 * Math.PI) * Math.signum(Math.sin(phi));
      assertThat(m.offset()).as("offset at φ=%s", phi).isCloseTo(closed, within(0.02));
      worst = Math.max(worst, m.moonMiss());
      assertThat(m.brightness()).as("brightness at φ=%s", phi).isBetween(0.6, 1.0);
    }
    // the tolerance the chapter uses is about three times the worst rendered moon (0.007)
    assertThat(worst).isLessThan(MoonPhases.OFFSET_TOLERANCE / 2);
    // a grey disc: every lit pixel at ½ has brightness exactly ½ of the white disc's
    double[] full = fixed.render(Math.PI, 6);
    double[] grey = java.util.Arrays.stream(full).map(v -> v / 2).toArray();
    assertThat(fixed.measure(grey).brightness())
        .isCloseTo(fixed.measure(full).brightness() / 2, within(1e-12));
    assertThat(fixed.phases(new double[][] {full, grey})).hasSize(2);
    assertThat(fixed.measure(full).toString()).contains("lit fraction 0.997", "a moon's");
    assertThatThrownBy(() -> fixed.measure(new double[3])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 pixels");
  }

  @Test
  void waxingIsLitOnTheRight() {
    double[] firstQuarter = moons.render(Math.PI / 2, 10);
    assertThat(firstQuarter[14 * 28 + 20]).isOne();   // right of centre
    assertThat(firstQuarter[14 * 28 + 7]).isZero();   // left of centre
  }

  @Test
  void radiiThatDoNotFitAreRejected() {
    assertThatThrownBy(() -> new MoonPhases(16, 4, 9)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size=16");
  }
}
