/**
 * Spark session creation shared by every command (local-mode binding, cluster jar, serializer).
 */
package org.stochopt.spark;
