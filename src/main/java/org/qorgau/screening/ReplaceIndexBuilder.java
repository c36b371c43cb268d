package org.qorgau.screening;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.qorgau.config.QorgauConfig;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.RegistryPerson;
import org.qorgau.registry.ReplacePreparation;

/**
 * Builds the full matching index of a {@code replace} import from its entries while the import applies them to the
 * database, and hands it to {@link MatchingIndex} at commit: the new version is served before the import answers,
 * instead of after a second read and build of the whole registry (14–25 s at 1,000,000 entries). One replace at a
 * time: a second one running meanwhile takes the usual path. Switched off by {@code qorgau.index.prepare-replace}.
 */
@ApplicationScoped
public class ReplaceIndexBuilder implements ReplacePreparation {

    private static final Logger LOG = Logger.getLogger(ReplaceIndexBuilder.class);

    private final MatchingIndex index;
    private final MatcherFactory factory;
    private final boolean enabled;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong lastServed = new AtomicLong();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "matching-index-replace");
        thread.setDaemon(true);
        return thread;
    });

    public ReplaceIndexBuilder(MatchingIndex index, MatcherFactory factory, QorgauConfig config) {
        this.index = index;
        this.factory = factory;
        this.enabled = config.index().prepareReplace();
    }

    void onStop(@Observes ShutdownEvent event) {
        for (Runnable queued : builder.shutdownNow()) {
            if (queued instanceof Future<?> future) {
                future.cancel(false);
            }
        }
    }

    /** The last registry version served from an index built while its replace ran (0: none yet). */
    long lastServed() {
        return lastServed.get();
    }

    @Override
    public Optional<Prepared> begin() {
        if (!enabled || !busy.compareAndSet(false, true)) {
            return Optional.empty();
        }
        return Optional.of(new Build());
    }

    /** One replace import's next index. */
    private final class Build implements Prepared {
        private List<RegistryPerson> people = new ArrayList<>();
        private Future<Matcher> matcher;
        private boolean closed;

        @Override
        public void add(RegistryPerson person) {
            people.add(person);
        }

        @Override
        public void staged() {
            List<RegistryPerson> all = people;
            people = null; // the build owns them now; they go with it
            index.preparing();
            long started = System.nanoTime();
            try {
                matcher = builder.submit(() -> {
                    Matcher built = factory.build(all);
                    LOG.infof(
                            "Matching index of a replace import built from its %d entries in %d ms",
                            all.size(), (System.nanoTime() - started) / 1_000_000);
                    return built;
                });
            } catch (RuntimeException e) { // shutting down
                index.preparedEnded();
                throw e;
            }
        }

        @Override
        public void committed(long version) {
            if (matcher == null) {
                return;
            }
            long waited = System.nanoTime();
            try {
                Matcher built = matcher.get();
                index.installPrepared(version, built);
                lastServed.set(version);
                LOG.infof(
                        "Matching index at registry version %d served at the replace's commit (waited %d ms for the"
                                + " build)",
                        version, (System.nanoTime() - waited) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("Interrupted waiting for a replace's matching index; the index refreshes as usual");
            } catch (ExecutionException | CancellationException e) {
                LOG.warn("Building a replace's matching index failed; the index refreshes as usual", e);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            people = null;
            if (matcher != null) {
                matcher.cancel(true); // a no-op once it finished; otherwise its result is not wanted
                index.preparedEnded();
            }
            busy.set(false);
        }
    }
}
