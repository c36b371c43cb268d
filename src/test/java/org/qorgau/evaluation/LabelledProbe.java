package org.qorgau.evaluation;

import org.qorgau.matching.Probe;

/**
 * A probe with its ground truth.
 *
 * @param probe what the screener sends
 * @param expectedId the registry id the probe is a variant of, or {@code null} for a person who is not registered
 * @param variant the variant (registered) or kind (not registered), e.g. {@code typo_cyrillic}, {@code stranger}
 */
public record LabelledProbe(Probe probe, String expectedId, String variant) {

    public boolean registered() {
        return expectedId != null;
    }
}
