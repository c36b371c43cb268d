package org.qorgau.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackgroundWorkTest {

    @Test
    void shutdownWaitsForTheRunningRoundAndStartsNoNewOne() throws Exception {
        BackgroundWork work = new BackgroundWork();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> round = threads.submit(() -> work.run(() -> {
                started.countDown();
                await(release);
                finished.set(true);
            }));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Future<Integer> stopped = threads.submit(() -> work.stopAndAwait(Duration.ofSeconds(30)));
            while (!work.stopping()) {
                Thread.sleep(5);
            }
            assertFalse(stopped.isDone(), "shutdown went on while a round was running");
            AtomicBoolean ran = new AtomicBoolean();
            assertFalse(work.run(() -> ran.set(true)), "a round started after shutdown began");
            assertFalse(ran.get());

            release.countDown();
            assertEquals(0, stopped.get(10, TimeUnit.SECONDS), "rounds still running");
            assertTrue(finished.get(), "shutdown returned before the round finished");
            assertTrue(round.get(10, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void shutdownStopsWaitingAfterItsGraceAndSaysHowManyStillRun() throws Exception {
        BackgroundWork work = new BackgroundWork();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            thread.submit(() -> work.run(() -> {
                started.countDown();
                await(release);
            }));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertEquals(1, work.stopAndAwait(Duration.ofMillis(50)));
        } finally {
            release.countDown();
            thread.shutdownNow();
        }
    }

    @Test
    void aRoundThatFailsStillLeavesTheGate() {
        BackgroundWork work = new BackgroundWork();
        try {
            work.run(() -> {
                throw new IllegalStateException("round failed");
            });
        } catch (IllegalStateException expected) {
            // the round's own failure reaches its caller
        }
        assertEquals(0, work.stopAndAwait(Duration.ZERO));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
