/**
 * Data on Spark: cached partitions of row blocks with a deterministic row → partition layout
 * (partition p holds rows [⌊pn/P⌋, ⌊(p+1)n/P⌋)), LIBSVM read on the executors through Hadoop,
 * driver-loaded data shipped as one broadcast per block.
 */
package org.stochopt.spark.data;
