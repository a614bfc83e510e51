package dev.convnet.runtime.optim;

import java.util.Locale;

/** The implementations behind {@link LearningRateSchedule}'s factories. */
final class Schedules {
  private Schedules() {}

  record Constant() implements LearningRateSchedule {
    @Override
    public double learningRate(double initial, int epoch) {
      checkEpoch(epoch);
      return initial;
    }

    @Override
    public String toString() {
      return "constant";
    }
  }

  record Step(int stepSize, double gamma) implements LearningRateSchedule {
    Step {
      if (stepSize < 1) {
        throw new IllegalArgumentException("step schedule: step size must be >= 1 epoch, got " + stepSize);
      }
      checkGamma(gamma);
    }

    @Override
    public double learningRate(double initial, int epoch) {
      checkEpoch(epoch);
      return initial * Math.pow(gamma, epoch / stepSize);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "step:%d:%s", stepSize, gamma);
    }
  }

  record Exponential(double gamma) implements LearningRateSchedule {
    Exponential {
      checkGamma(gamma);
    }

    @Override
    public double learningRate(double initial, int epoch) {
      checkEpoch(epoch);
      return initial * Math.pow(gamma, epoch);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "exponential:%s", gamma);
    }
  }

  record Cosine(int tMax, double etaMin) implements LearningRateSchedule {
    Cosine {
      if (tMax < 1) {
        throw new IllegalArgumentException("cosine schedule: T_max must be >= 1 epoch, got " + tMax);
      }
      AbstractOptimizer.nonNegative("cosine schedule: eta_min", etaMin);
    }

    @Override
    public double learningRate(double initial, int epoch) {
      checkEpoch(epoch);
      return etaMin + (initial - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "cosine:%d:%s", tMax, etaMin);
    }
  }

  static LearningRateSchedule parse(String spec) {
    String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    String[] parts = s.split(":", -1);
    try {
      switch (parts[0]) {
        case "constant":
          if (parts.length == 1) {
            return new Constant();
          }
          break;
        case "step":
          if (parts.length == 3) {
            return new Step(Integer.parseInt(parts[1]), Double.parseDouble(parts[2]));
          }
          break;
        case "exponential":
        case "exp":
          if (parts.length == 2) {
            return new Exponential(Double.parseDouble(parts[1]));
          }
          break;
        case "cosine":
          if (parts.length == 2 || parts.length == 3) {
            return new Cosine(Integer.parseInt(parts[1]), parts.length == 3 ? Double.parseDouble(parts[2]) : 0);
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("learning-rate schedule '" + spec + "': " + e.getMessage()
          + " is not a number", e);
    }
    throw new IllegalArgumentException("unknown learning-rate schedule '" + spec
        + "'; use constant, step:N:GAMMA, exponential:GAMMA, cosine:T or cosine:T:ETA_MIN");
  }

  private static void checkGamma(double gamma) {
    if (!(gamma > 0) || Double.isInfinite(gamma)) {
      throw new IllegalArgumentException("schedule factor gamma must be a finite number > 0, got " + gamma);
    }
  }

  private static void checkEpoch(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
  }
}
