package org.qorgau.common;

/** Why a check is made; required on every check and recorded in its audit event. */
public enum Purpose {
    EMPLOYMENT,
    VOLUNTEERING,
    CONTRACTOR,
    PERIODIC_RESCREEN
}
