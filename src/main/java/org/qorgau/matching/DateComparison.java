package org.qorgau.matching;

/** The result of comparing two dates of birth: the level reached and why. */
public record DateComparison(DateLevel level, String detail) {}
