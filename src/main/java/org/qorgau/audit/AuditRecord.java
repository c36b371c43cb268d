package org.qorgau.audit;

import java.time.Instant;
import java.util.UUID;

/** Where an appended event landed in the chain. */
public record AuditRecord(long sequence, String hash, UUID eventId, Instant occurredAt) {}
