package org.qorgau.matching;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Working arrays lent to one probe at a time, at most a fixed number of them. The arrays are sized to the registry
 * (one stamp per entry or per name token: megabytes at a million entries), so they are bounded by how many probes can
 * use a core at once rather than by how many threads ever screened, and they belong to one index: when a new registry
 * version replaces it, they go with it. A probe arriving while every workspace is lent waits for one; screening is
 * pure computation, so more probes at once than there are cores would only take turns on them anyway.
 */
final class Workspaces<T> {

    /** Workspaces per index: enough that a probe whose thread is descheduled does not hold up the cores. */
    static final int DEFAULT_CAPACITY = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    private final Supplier<T> factory;
    private final ArrayBlockingQueue<T> idle;
    private final Semaphore lendable;

    Workspaces(int capacity, Supplier<T> factory) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.factory = factory;
        this.idle = new ArrayBlockingQueue<>(capacity);
        this.lendable = new Semaphore(capacity);
    }

    /** A workspace for the caller alone until {@link #release}; created on first need, waiting when all are lent. */
    T borrow() {
        lendable.acquireUninterruptibly();
        T t = idle.poll();
        if (t != null) {
            return t;
        }
        try {
            return factory.get();
        } catch (RuntimeException | Error e) {
            lendable.release();
            throw e;
        }
    }

    /** Gives back a workspace obtained from {@link #borrow}. */
    void release(T workspace) {
        idle.offer(workspace);
        lendable.release();
    }

    /** Workspaces created so far and now idle (for tests). */
    int idle() {
        return idle.size();
    }
}
