/**
 * CoCoA+ (Ma, Smith, Jaggi, Jordan, Richtárik, Takáč 2015; Smith, Forte et al. 2018): a
 * communication-efficient primal-dual method whose dual variables live with the rows in their
 * partitions ({@link org.stochopt.core.cocoa.CocoaBlock}), whose partitions solve their local dual
 * subproblems with SDCA ({@link org.stochopt.core.cocoa.SdcaLocalSolver}), and whose duality gap is
 * a certificate of suboptimality computed every round ({@link org.stochopt.core.cocoa.CocoaPlus}).
 * It converges for any partitioning of the rows (no shuffling assumption) and suits d ≫ n.
 *
 * <p>ProxCoCoA+ (Smith, Forte, Jordan, Jaggi 2015) is the primal variant for L1 and the elastic net:
 * the features are partitioned ({@link org.stochopt.core.cocoa.FeatureColumns}, made from the row
 * partitions by one exchange), each partition runs proximal coordinate descent on its columns
 * ({@link org.stochopt.core.cocoa.ProxCoordinateSolver}), and the driver keeps the margins v = Aw
 * ({@link org.stochopt.core.cocoa.ProxCocoaPlus}).
 */
package org.stochopt.core.cocoa;
