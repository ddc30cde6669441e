/**
 * Files that stochopt writes and later trusts: one way to replace a file atomically
 * ({@link org.stochopt.core.io.AtomicFiles}), one checksummed container for state that is read
 * back ({@link org.stochopt.core.io.SealedFile}: checkpoints, reference-optimum caches, sweep
 * cells), and one owner lock for output folders ({@link org.stochopt.core.io.OutputFolder}).
 *
 * <p>Why here: core, datasets and spark-jobs all write such files, and only core is below all of
 * them. Depends on the JDK only.
 */
package org.stochopt.core.io;
