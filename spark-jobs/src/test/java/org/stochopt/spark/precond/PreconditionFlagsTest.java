package org.stochopt.spark.precond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.cli.StochoptMain;

/** Inapplicable or bad preconditioner flags: one line, exit 2, before any data is read. */
class PreconditionFlagsTest {
  @TempDir Path dir;

  private String refused(String... args) {
    StringWriter err = new StringWriter();
    int code = StochoptMain.execute(new PrintWriter(err, true), args);
    assertEquals(StochoptMain.USER_ERROR, code, err.toString());
    return err.toString();
  }

  @Test
  void badOrInapplicablePreconditionerFlagsAreRefused() {
    String out = dir.toString();
    // The data file does not exist: a refusal that mentions the flag proves nothing was loaded first.
    String data = dir.resolve("missing.libsvm").toString();
    assertTrue(refused("train", "--data", data, "--method", "svrg", "--precondition", "fisher", "--master", "in-process",
        "--out", out).contains("--precondition applies to --method gd or sgd"));
    assertTrue(refused("train", "--data", data, "--method", "gd", "--precondition", "fisher:1.5", "--master", "in-process",
        "--out", out).contains("α must lie in [0, 1]"));
    assertTrue(refused("train", "--data", data, "--method", "gd", "--precondition", "fisher", "--reg", "l1:0.1",
        "--master", "in-process", "--out", out).contains("smooth regularizer"));
    assertTrue(refused("train", "--data", data, "--method", "gd", "--precondition-damping", "1e-3", "--master", "in-process",
        "--out", out).contains("applies only with --precondition"));
    assertTrue(refused("precondition-study", "--setting", "linear", "--n", "500", "--d", "400", "--out", out)
        .contains("n < d"));
    assertTrue(refused("precondition-study", "--setting", "linear", "--flip", "0.1", "--out", out).contains("--flip applies only"));
  }
}
