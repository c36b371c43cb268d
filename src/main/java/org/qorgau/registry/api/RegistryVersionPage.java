package org.qorgau.registry.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of registry versions, newest first; every list of the API pages the same way. */
@Schema(name = "RegistryVersionPage", description = "A page of registry versions, newest first.")
public record RegistryVersionPage(
        List<RegistryVersionView> versions,

        @Schema(
                description = "Pass as `cursor` for the next page (also in the `Link: rel=\"next\"` header); null on"
                        + " the last page",
                example = "7")
        String nextCursor) {}
