package org.stochopt.core.io;

import java.nio.file.Path;

/**
 * A stored file failed its integrity check (wrong header, wrong length or wrong checksum): its
 * content must not be used. A user error, so the command line reports it as one line.
 */
public final class DamagedFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  public DamagedFileException(Path path, String kind, String problem) {
    super(path + ": damaged " + kind + " (" + problem + ")");
    this.path = path;
  }

  public Path path() {
    return path;
  }
}
