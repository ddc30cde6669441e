/** Our own reader of the WordNet database files (Debian's {@code wordnet-base}): the noun hypernym hierarchy. */
package org.stochopt.datasets.wordnet;
