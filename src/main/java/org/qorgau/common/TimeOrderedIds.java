package org.qorgau.common;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Identifiers of rows written on every check (a check's id, its audit event's id) and of other rows that may come in
 * bulk (monitoring enrolments and alerts, webhook deliveries, reviews, batches): UUIDs of version 7 (RFC 9562, section
 * 5.7), whose first 48 bits are the Unix time in milliseconds and the other 74 random. Ids made one after another then
 * sort after one another, so the unique indexes over them grow at their right edge as the audit log's sequence does,
 * instead of each insert landing on a random page of an index that soon outgrows the database's memory. The 74 random
 * bits come from a {@link SecureRandom}, as {@link UUID#randomUUID()}'s 122 do: fewer, and still far beyond guessing.
 * An id shows when its row was made, which every such row also stores beside it.
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>input</th><th>result</th></tr>
 *   <tr><td>two ids in the same millisecond</td><td>same first 48 bits; their order is random</td></tr>
 *   <tr><td>{@code Instant.EPOCH}</td><td>first 48 bits zero, still version 7 and variant 2</td></tr>
 *   <tr><td>a time before 1970 or after year 10889</td><td>{@link IllegalArgumentException}: 48 bits do not hold it</td></tr>
 * </table>
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long MAX_MILLIS = (1L << 48) - 1;

    private TimeOrderedIds() {}

    /** A new id for something made at {@code time} (millisecond precision). */
    public static UUID at(Instant time) {
        return at(time.toEpochMilli());
    }

    private static UUID at(long millis) {
        if (millis < 0 || millis > MAX_MILLIS) {
            throw new IllegalArgumentException("a version 7 UUID holds Unix milliseconds in 48 bits");
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long randA = ((random[0] & 0xFFL) << 8 | (random[1] & 0xFFL)) & 0x0FFF;
        long randB = 0;
        for (int i = 2; i < 10; i++) {
            randB = randB << 8 | (random[i] & 0xFFL);
        }
        long msb = millis << 16 | 0x7000L | randA;
        long lsb = randB & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
