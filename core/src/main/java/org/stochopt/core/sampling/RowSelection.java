package org.stochopt.core.sampling;

/**
 * The rows one partition contributes to a minibatch, sorted, with their importance weights
 * 1/(n·p_i) ({@code weights == null} means all ones, i.e. uniform sampling).
 */
public record RowSelection(int[] rows, double[] weights) {}
