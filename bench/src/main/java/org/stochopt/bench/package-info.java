/**
 * JMH and CPU-time benchmarks of the gradient kernels (behind the {@code -Pbench} profile, apart
 * from the tests): dense and CSR passes, minibatch differences, memory per cached row; results and
 * the commands that produce them are in docs/performance.md.
 */
package org.stochopt.bench;
