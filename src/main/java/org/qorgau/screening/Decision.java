package org.qorgau.screening;

/** The two decisions a reviewer can record about one match. */
public enum Decision {
    SAME_PERSON,
    NOT_SAME_PERSON
}
