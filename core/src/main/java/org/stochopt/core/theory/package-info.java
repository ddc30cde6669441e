/**
 * Complexity theory of minibatch methods: the optimal minibatch size b*, predicted rounds T(b) and
 * gradients W(b) per method, and the gradient noise scale — what the sweep overlays on its
 * measurements. Formulas and their sources: docs/minibatch-methods.md.
 */
package org.stochopt.core.theory;
