package org.qorgau.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The console's templates (a singleton: fields are read directly, so no client proxy in between). */
@Singleton
public class ConsoleTemplates {

    @Inject
    @Location("console/message.html")
    Template message;

    @Inject
    @Location("console/signin.html")
    Template signIn;

    @Inject
    @Location("console/link.html")
    Template link;

    @Inject
    @Location("console/queue.html")
    Template queue;

    @Inject
    @Location("console/check.html")
    Template check;

    @Inject
    @Location("console/events.html")
    Template events;

    @Inject
    @Location("console/event.html")
    Template event;

    @Inject
    @Location("console/verify.html")
    Template verify;

    @Inject
    @Location("console/usage.html")
    Template usage;

    @Inject
    @Location("console/checkpoints.html")
    Template checkpoints;

    @Inject
    @Location("console/registry.html")
    Template registry;

    @Inject
    @Location("console/registry-import.html")
    Template registryImport;
}
