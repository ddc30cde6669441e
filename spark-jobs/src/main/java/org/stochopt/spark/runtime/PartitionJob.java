package org.stochopt.spark.runtime;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import scala.Function2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * One Spark job over every partition of an RDD, one result per partition, returned in partition
 * order: what {@code mapPartitions(f).collect()} computes, without that call's per-job driver cost.
 *
 * <p>Why: every RDD operation and most {@code SparkContext.runJob} overloads wrap their argument in
 * a Scala lambda, and Spark's {@code ClosureCleaner} cleans each Scala lambda by reading the
 * bytecode of the class that declared it (RDD, JavaRDDLike, SparkContext — class files of
 * 50–200 KB) from its jar and scanning it with ASM, on every call. {@code treeAggregate} cleans five
 * such lambdas per round; in {@code local[2]} that was about half of a 13 ms round
 * (docs/performance.md, "Where a Spark round goes"). Here the task function is a named class passed
 * to the one {@code runJob} overload that cleans only its argument; the cleaner returns at once for
 * anything that is not a Scala lambda. Everything else — task binary, scheduling, retries of failed
 * tasks, result transfer — is Spark's ordinary job path.
 */
final class PartitionJob {
  private PartitionJob() {}

  /** What one task computes from its partition's elements (runs on an executor). */
  @FunctionalInterface
  interface PartitionFunction<T, U> extends Serializable {
    U apply(Iterator<T> elements);
  }

  /**
   * Runs {@code f} on every partition of {@code rdd} and returns the P results in partition order,
   * whatever order the tasks finished in.
   */
  static <T, U> List<U> run(JavaRDD<T> rdd, PartitionFunction<T, U> f, Class<U> resultType) {
    RDD<T> r = rdd.rdd();
    int partitions = r.getNumPartitions();
    Object[] results = new Object[partitions];
    ClassTag<U> tag = ClassTag$.MODULE$.apply(resultType);
    r.context().runJob(r, new TaskBody<>(f), allPartitions(partitions), new StoreResult<>(results), tag);
    List<U> out = new ArrayList<>(partitions);
    for (Object o : results) out.add(resultType.cast(o));
    return out;
  }

  private static scala.collection.immutable.Seq<Object> allPartitions(int partitions) {
    Object[] ids = new Object[partitions];
    for (int p = 0; p < partitions; p++) ids[p] = p;
    return CollectionConverters.asScala(Arrays.asList(ids)).toList();
  }

  /**
   * The task body Spark serializes into the task binary. A named class, not a lambda: the closure
   * cleaner inspects only synthetic (lambda) classes.
   */
  private static final class TaskBody<T, U>
      implements Function2<TaskContext, scala.collection.Iterator<T>, U>, Serializable {
    private static final long serialVersionUID = 1L;
    private final PartitionFunction<T, U> f;

    TaskBody(PartitionFunction<T, U> f) {
      this.f = f;
    }

    @Override
    public U apply(TaskContext context, scala.collection.Iterator<T> elements) {
      return f.apply(CollectionConverters.asJava(elements));
    }
  }

  /** Driver side: Spark calls it once per partition with that partition's (successful) result. */
  private static final class StoreResult<U> implements Function2<Object, U, BoxedUnit> {
    private final Object[] results;

    StoreResult(Object[] results) {
      this.results = results;
    }

    @Override
    public BoxedUnit apply(Object partition, U result) {
      results[(Integer) partition] = result;
      return BoxedUnit.UNIT;
    }
  }
}
