package org.qorgau.matching;

/** The result of comparing photo hashes: band, smallest Hamming distance, and why. */
public record PhotoComparison(PhotoLevel level, int distance, String detail) {}
