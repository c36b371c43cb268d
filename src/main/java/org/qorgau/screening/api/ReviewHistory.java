package org.qorgau.screening.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The decisions about a check's candidate and its matched entries, oldest first. */
@Schema(name = "ReviewHistory", description = "Every decision about the check's candidate and entries, oldest first.")
public record ReviewHistory(List<ReviewView> reviews) {}
