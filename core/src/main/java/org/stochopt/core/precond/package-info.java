/**
 * Preconditioners for the linear methods: P in θ_{t+1} = θ_t − η·P·∇F(θ_t) (Amari et al., ICLR
 * 2021, eq. 1.1). P is a function of the second-moment matrix Σ_X = (1/N) Σ x xᵀ, which is
 * formed with ONE aggregation over the cached row partitions ({@link SecondMoment}, a task over
 * any {@link org.stochopt.core.runtime.PartitionRunner}), factorised once on the driver
 * ({@link SpectralFactor}: LAPACK dsyev through dev.ludovic.netlib) and applied on the driver.
 * The gradient oracle does not change: methods ask it for ∇F and multiply by P themselves.
 *
 * <p>Why an eigendecomposition rather than a Cholesky factor: the geometric interpolation Σ^{−α}
 * needs fractional powers, and one decomposition serves every α of a sweep. The ridgeless limit
 * of a preconditioned run ({@link RidgelessPath}) solves its n × n system with dpotrf/dpotrs.
 */
package org.stochopt.core.precond;
