package org.qorgau.registry;

/** Fired (in this replica) after a registry change committed; other replicas notice by polling the head version. */
public record RegistryChanged(long version) {}
