package org.stochopt.core.method;

/**
 * The method-specific settings a user can give (a command-line flag each). Which ones a method
 * reads is part of its {@link MethodKind}; one given to a method that does not read it is refused,
 * never ignored.
 */
public enum MethodFlag {
  STEP("--step"),
  SCHEDULE("--schedule"),
  AVERAGING("--averaging"),
  EPOCH_LENGTH("--epoch-length"),
  ANCHOR("--anchor"),
  SAMPLING("--sampling"),
  TAU1("--tau1"),
  TAU2("--tau2"),
  RESTART("--restart"),
  APPA_KAPPA("--appa-kappa");

  private final String flag;

  MethodFlag(String flag) {
    this.flag = flag;
  }

  /** The command-line spelling. */
  public String flag() {
    return flag;
  }
}
