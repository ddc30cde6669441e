/**
 * Readers and writers for on-disk data: LIBSVM text, numeric CSV and IDX (the MNIST container).
 *
 * <p>All format errors are {@link org.stochopt.datasets.io.DataFormatException}s whose message is a
 * single {@code source:line: problem} line, the form compilers use, so that a bad line in a
 * multi-gigabyte file can be found with an editor's "go to line" instead of a bisection. The
 * per-line parsers are public and stateless so that Spark tasks can call them on their own
 * slice of a file with global line numbers and produce the same messages.
 */
package org.stochopt.datasets.io;
