/**
 * The linear-model trace record (one evaluated point: counters, seconds, F, suboptimality,
 * gradient-mapping norm, test error, nonzeros) and its CSV form; unknown values are empty cells.
 */
package org.stochopt.core.trace;
