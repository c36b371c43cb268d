package org.qorgau.security;

/** The roles of the {@code groups} claim. */
public final class Roles {
    /** HR staff: runs checks. */
    public static final String SCREENER = "screener";
    /** Safeguarding lead: decides POSSIBLE_MATCH results. */
    public static final String REVIEWER = "reviewer";
    /** Oversight body: reads every organisation's checks and the audit log. */
    public static final String AUDITOR = "auditor";
    /** The registry authority: loads and corrects entries. */
    public static final String REGISTRY_ADMIN = "registry-admin";
    /** The operator's or registry authority's data-protection officer: subject access for a verified person. */
    public static final String DATA_PROTECTION_OFFICER = "data-protection-officer";
    /** An organisation's administrator: manages its webhook endpoints. */
    public static final String ORG_ADMIN = "org-admin";

    private Roles() {}
}
