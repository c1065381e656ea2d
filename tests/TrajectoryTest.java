import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vae.prob.Trajectory;

/** Peaks, turns and block means of a sequence, by hand. */
class TrajectoryTest {
  @Test
  void extremesAreTheFirstLargestAndSmallest() {
    double[] a = {3, 7, 1, 7, 1};
    assertThat(Trajectory.argMax(a)).isEqualTo(1);
    assertThat(Trajectory.argMin(a)).isEqualTo(2);
    assertThatThrownBy(() -> Trajectory.argMax(new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void turnsCountChangesOfDirectionNotFlatSteps() {
    assertThat(Trajectory.turns(new double[] {1, 2, 3, 4})).isZero();
    assertThat(Trajectory.turns(new double[] {1, 3, 2, 4, 0})).isEqualTo(3);
    assertThat(Trajectory.turns(new double[] {1, 1, 0, 0, 1})).isZero(); // flat steps never turn
  }

  @Test
  void opposedStepsCountStepsThatDoNotMoveTheSameWay() {
    double[] a = {0, 1, 2, 1, 1};
    double[] b = {5, 4, 6, 5, 6}; // down, up, down, up: same as a at steps 2 and 3
    assertThat(Trajectory.opposedSteps(a, b)).isEqualTo(2);
    assertThatThrownBy(() -> Trajectory.opposedSteps(a, new double[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void blockMeansAverageConsecutiveBlocksAndDropARemainder() {
    assertThat(Trajectory.blockMeans(new double[] {1, 3, 5, 7, 100}, 2))
        .containsExactly(2, 6);
    assertThatThrownBy(() -> Trajectory.blockMeans(new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
