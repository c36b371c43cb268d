package org.qorgau.registry;

import java.util.Optional;
import org.qorgau.matching.RegistryPerson;

/**
 * Work a full {@code replace} import lets this replica do while the import still runs, so that the new version is
 * served the moment it commits: the matching index builds its next full index from the entries as they stream in,
 * instead of reading and indexing the whole registry again after the import answered. A {@code replace} makes the
 * registry equal to its file, and the registry head stays locked from the import's counts to its commit, so the
 * file's entries are exactly the committed version's.
 */
public interface ReplacePreparation {

    /**
     * A preparation for one replace import, or empty when none can run now (one at a time on a replica: each holds a
     * whole registry's entries in memory).
     */
    Optional<Prepared> begin();

    /** One replace import's preparation; {@link #close()} always ends it. */
    interface Prepared extends AutoCloseable {

        /** One valid entry of the file, as it streams in. */
        void add(RegistryPerson person);

        /** The file is complete and valid: start preparing (the import now applies it to the database). */
        void staged();

        /** The import committed as {@code version}: serve that version before the import answers. */
        void committed(long version);

        /** Ends the preparation; unless {@link #committed} ran, whatever was prepared is dropped. */
        @Override
        void close();
    }
}
