package org.stochopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@link StochoptMain} builds only the subcommand its first argument names (start-up time); help,
 * typos and a missing command still see every subcommand.
 */
class SubcommandLookupTest {
  @Test
  void namesMapToTheirCommandsAndHelpToAll() {
    assertEquals(TrainCommand.class, StochoptMain.subcommandNamed("train"));
    assertEquals(ExportCommand.class, StochoptMain.subcommandNamed("export"));
    assertNull(StochoptMain.subcommandNamed("help"));
    assertNull(StochoptMain.subcommandNamed("trian"));
    assertNull(StochoptMain.subcommandNamed("--help"));
    // Every subcommand's name is found (a missing @Command name would break its lookup).
    for (Class<?> c : StochoptMain.SUBCOMMANDS) {
      String name = c.getAnnotation(picocli.CommandLine.Command.class).name();
      if (!name.equals("help")) assertEquals(c, StochoptMain.subcommandNamed(name), name);
    }
  }

  @Test
  void helpAndTyposStillListEverySubcommand() {
    StringWriter err = new StringWriter();
    int code = StochoptMain.execute(new PrintWriter(err, true), "trian");
    assertEquals(StochoptMain.USER_ERROR, code);
    assertTrue(err.toString().contains("trian"), err.toString());
    java.io.PrintStream saved = System.out;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertEquals(0, StochoptMain.execute(new PrintWriter(err, true), "help"));
      assertEquals(0, StochoptMain.execute(new PrintWriter(err, true), "help", "export"));
    } finally {
      System.setOut(saved);
    }
    String usage = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    for (String name : new String[] {"train", "export", "bench", "sweep"}) assertTrue(usage.contains(name), usage);
    assertTrue(usage.contains("--data"), "help export shows export's options: " + usage);
  }
}
