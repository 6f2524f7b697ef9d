/**
 * How a probe asks (ProbeCalls) and how its verdict is reached: pure functions over what was read
 * (StatusVerdict, FailureVerdict, PageVerdict, ImageVerdict) and page analysis.
 */
package dev.newsprobe.core.probe.internal;
