/**
 * One-pass (streaming) learners: each step consumes one fresh example, as in the statistical
 * analyses of SGD on the expected risk. Unlike {@code core.method}, which minimizes a finite sum
 * through a gradient oracle, these take examples directly, so a generator can feed them.
 * Depends on {@code core.loss} only.
 */
package org.stochopt.core.online;
