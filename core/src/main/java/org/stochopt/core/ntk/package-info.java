/**
 * Two-layer networks in the neural-tangent-kernel (lazy) regime, trained by averaged SGD
 * (Nitanda &amp; Suzuki, ICLR 2021), and the NTK itself.
 *
 * <p>The model is g(x) = (1/√M) Σ_r a_r σ(b_rᵀx + γ c_r) with the symmetric initialisation
 * (a = ±R, mirrored directions, c = 0, so g₀ ≡ 0). The 1/√M scaling is what keeps the network
 * close to its linearisation around Θ⁽⁰⁾ as M grows; the mean-field model of
 * {@code core.meanfield} uses 1/M and moves its particles far, so the two are separate classes
 * that share only the dense kernels of {@link org.stochopt.core.linalg.NeuronKernels} and the row
 * store {@link org.stochopt.core.meanfield.DataMatrix}.
 *
 * <ul>
 *   <li>{@link org.stochopt.core.ntk.NeuronBlock}: a shard of neurons with its Θ, Θ⁽⁰⁾ and running
 *       average; {@link org.stochopt.core.ntk.NtkNetwork}: the shards over a
 *       {@link org.stochopt.core.runtime.PartitionRunner} (in-process or Spark, same bits).</li>
 *   <li>{@link org.stochopt.core.ntk.AveragedSgd}: Algorithm 1 and its minibatch variant, with
 *       {@link org.stochopt.core.ntk.StepCondition} and {@link org.stochopt.core.ntk.RateTheory}.</li>
 *   <li>{@link org.stochopt.core.ntk.NtkGram}, {@link org.stochopt.core.ntk.SymmetricEigen},
 *       {@link org.stochopt.core.ntk.SourceNorms}, {@link org.stochopt.core.ntk.KernelRidge}: the
 *       kernel, its spectrum (LAPACK) and the infinite-width reference.</li>
 *   <li>{@link org.stochopt.core.ntk.EigenfunctionTarget}, {@link org.stochopt.core.ntk.TeacherTarget}:
 *       targets with a known source condition.</li>
 * </ul>
 * Equations and measured numbers: {@code docs/ntk.md}.
 */
package org.stochopt.core.ntk;
