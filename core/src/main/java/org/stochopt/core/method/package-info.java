/**
 * The linear-model methods, one algorithm per file with its equations in the Javadoc (prox-SGD,
 * prox-SVRG, Katyusha, DASVRDA, Acc-Prox-SVRG(+APPA), local-SVRG, local-Katyusha), each with a
 * validated config record whose {@code theory(…)} holds the paper's parameters. The registry
 * ({@link org.stochopt.core.method.MethodKind}: names, sampling, local or not, the flags each reads),
 * the typed user settings ({@link org.stochopt.core.method.MethodSettings}), {@code --method auto}
 * ({@link org.stochopt.core.method.MethodAdvisor}) and the one run setup
 * ({@link org.stochopt.core.method.MethodRun}) are here too. Sign convention: methods subtract
 * gradients of the quantity minimized; prox steps are exact.
 */
package org.stochopt.core.method;
