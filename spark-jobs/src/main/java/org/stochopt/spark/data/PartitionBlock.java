package org.stochopt.spark.data;

import java.io.Serializable;
import org.stochopt.core.linalg.RowBlock;

/**
 * One cached partition: its index (which the sampling plan addresses) and its rows. Each Spark
 * partition holds exactly one of these, so a partition is a contiguous range of global rows.
 */
public record PartitionBlock(int partition, RowBlock block) implements Serializable {}
