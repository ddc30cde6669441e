/**
 * Rows and vectors: {@link org.stochopt.core.linalg.RowBlock} (a contiguous block of labelled rows
 * that knows the global id of its first row; dense row-major or CSR) and the kernels on one row
 * ({@code dot}, {@code axpy}, {@code squaredNorm}) that every objective uses in place, without
 * copying minibatch rows. {@link org.stochopt.core.linalg.Vec} holds the dense kernels (the
 * four-partial-sum dot whose bits every backend shares).
 */
package org.stochopt.core.linalg;
