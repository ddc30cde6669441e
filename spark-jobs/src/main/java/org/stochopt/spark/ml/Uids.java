package org.stochopt.spark.ml;

/**
 * Hands a uid to a Params object before its Scala superclass constructor runs. Spark's shared
 * params are created in the superclass constructor with {@code this} as parent and read
 * {@code uid()} there; a Java subclass cannot assign a field before {@code super()}, so the uid
 * travels through this thread-local: the public constructor stores it, {@code uid()} claims it.
 */
final class Uids {
  private static final ThreadLocal<String> NEXT = new ThreadLocal<>();

  private Uids() {}

  /** Marker argument of the private constructor that follows {@link #offer}. */
  static final class Offered {
    private Offered() {}
  }

  static Offered offer(String uid) {
    if (uid == null || uid.isBlank()) throw new IllegalArgumentException("uid must not be empty");
    NEXT.set(uid);
    return new Offered();
  }

  static String claim() {
    String uid = NEXT.get();
    if (uid == null) throw new IllegalStateException("no uid offered: construct through a public constructor");
    NEXT.remove();
    return uid;
  }
}
