package org.qorgau.config;

import io.smallrye.config.WithDefault;

/** Batch checks ({@code qorgau.batch.*}). */
public interface BatchConfig {
    /** Most candidates in one {@code POST /v1/checks/batch}. */
    @WithDefault("500")
    int maxItems();
}
