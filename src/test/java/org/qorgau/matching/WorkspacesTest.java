package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Registry-sized working arrays are bounded by the pool, not by the threads that ever screened. */
class WorkspacesTest {

    @Test
    void manyThreadsShareNoMoreWorkspacesThanTheCapacity() throws Exception {
        AtomicInteger created = new AtomicInteger();
        Workspaces<int[]> pool = new Workspaces<>(3, () -> {
            created.incrementAndGet();
            return new int[16];
        });
        Set inUse = new Set();
        ExecutorService threads = Executors.newFixedThreadPool(40);
        try {
            List<Future<?>> done = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < 40; t++) {
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 500; i++) {
                        int[] w = pool.borrow();
                        try {
                            inUse.enter(w);
                            Thread.yield();
                            inUse.leave(w);
                        } finally {
                            pool.release(w);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(created.get() <= 3, "created " + created.get());
        assertTrue(inUse.max.get() <= 3, "lent at once " + inUse.max.get());
        assertEquals(0, inUse.clashes.get(), "a workspace was lent to two probes at once");
        assertEquals(created.get(), pool.idle());
    }

    @Test
    void aProbeWaitsWhileEveryWorkspaceIsLentAndGetsTheReleasedOne() throws Exception {
        Workspaces<int[]> pool = new Workspaces<>(1, () -> new int[1]);
        int[] first = pool.borrow();
        CompletableFuture<int[]> second = CompletableFuture.supplyAsync(pool::borrow);
        Thread.sleep(200);
        assertFalse(second.isDone(), "borrowed beyond the capacity");
        pool.release(first);
        assertSame(first, second.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFailingFactoryDoesNotLoseCapacity() {
        AtomicInteger calls = new AtomicInteger();
        Workspaces<int[]> pool = new Workspaces<>(1, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first creation fails");
            }
            return new int[1];
        });
        try {
            pool.borrow();
        } catch (IllegalStateException expected) {
            // the permit must be back
        }
        int[] w = pool.borrow();
        pool.release(w);
        assertEquals(2, calls.get());
    }

    /** Tracks which workspaces are lent, how many at most at once, and whether one was ever lent twice. */
    private static final class Set {
        final ConcurrentHashMap<int[], Boolean> lent = new ConcurrentHashMap<>();
        final AtomicInteger max = new AtomicInteger();
        final AtomicInteger clashes = new AtomicInteger();

        void enter(int[] w) {
            if (lent.putIfAbsent(w, Boolean.TRUE) != null) {
                clashes.incrementAndGet();
            }
            max.accumulateAndGet(lent.size(), Math::max);
        }

        void leave(int[] w) {
            lent.remove(w);
        }
    }
}
