/**
 * The command line (picocli): {@code stochopt train | sweep | bench | export | latency | lownoise}.
 * Options several commands share are mixins declared once ({@code --data}, {@code --master},
 * {@code --cache-dir}); a model's own options are an argument group with its own heading, and a
 * flag that does not apply to the chosen model or method is refused with one line (exit 2).
 * Strings stop here: commands hand typed, validated records to the jobs.
 */
package org.stochopt.cli;
