/**
 * Reproducible experiments behind the figures in docs/: each is a validated config record, a
 * run that returns plain result records, and a writer for CSV and PNG. In-process only (no Spark):
 * the one-pass analyses they reproduce take one fresh example per step, which a driver-aggregated
 * Spark round would turn into pure job latency.
 */
package org.stochopt.experiments;
