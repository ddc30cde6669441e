package org.stochopt.cli;

import org.stochopt.spark.job.ValidatedNumbers;
import org.stochopt.spark.job.ValidatedNumbers.Range;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters that validate numeric flags while parsing, before any data is read or any
 * Spark context starts: NaN, ±Infinity and out-of-range values are refused with the flag named
 * (picocli prefixes "Invalid value for option '--step': "). Attach with
 * {@code @Option(converter = Flags.PositiveDouble.class)}; declare the field boxed ({@code Double},
 * {@code Integer}) when "not given" must stay distinguishable, never a magic number.
 */
public final class Flags {
  private Flags() {}

  private static <T> T convert(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** A finite number > 0 (steps, evaluation intervals, λ). */
  public static final class PositiveDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return Flags.convert(() -> ValidatedNumbers.parseDouble(value, Range.POSITIVE));
    }
  }

  /** A finite number >= 0 (budgets and tolerances where 0 means off). */
  public static final class NonNegativeDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return Flags.convert(() -> ValidatedNumbers.parseDouble(value, Range.NON_NEGATIVE));
    }
  }

  /** A number in (0, 1) (Katyusha's τ₁). */
  public static final class OpenUnitDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return Flags.convert(() -> ValidatedNumbers.parseDouble(value, Range.OPEN_UNIT));
    }
  }

  /** A number in [0, 1/2] (Katyusha's τ₂). */
  public static final class UpToHalfDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return Flags.convert(() -> ValidatedNumbers.parseDouble(value, Range.closed(0, 0.5)));
    }
  }

  /** An integer >= 1 (sizes and counts). */
  public static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return Flags.convert(() -> ValidatedNumbers.parseInt(value, 1, Integer.MAX_VALUE));
    }
  }

  /** An integer >= 0 (0 means off). */
  public static final class NonNegativeInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return Flags.convert(() -> ValidatedNumbers.parseInt(value, 0, Integer.MAX_VALUE));
    }
  }

  /** A long >= 1. */
  public static final class PositiveLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return Flags.convert(() -> ValidatedNumbers.parseLong(value, 1, Long.MAX_VALUE));
    }
  }

  /** A long >= 0 (0 means off / default). */
  public static final class NonNegativeLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return Flags.convert(() -> ValidatedNumbers.parseLong(value, 0, Long.MAX_VALUE));
    }
  }
}
