package org.qorgau.matching;

import java.util.List;

/**
 * A probe read once for every index that screens it: its name parsed (with each Latin token's readings, the costly
 * part), the readings with two adjacent tokens joined ({@link ParsedName#joinedReadings}), its date and its photo
 * hash. A layered snapshot screens the same probe against its full and its delta index ({@link LayeredMatcher}).
 */
record PreparedProbe(ParsedName name, List<ParsedName> joined, int dob, long[] photo) {

    static PreparedProbe of(Probe probe) {
        ParsedName name = PaddedName.distinct(ParsedName.parse(probe.fullName()));
        return new PreparedProbe(
                name,
                PaddedName.isPadded(name) ? List.of() : name.joinedReadings(),
                DateOfBirth.parse(probe.dateOfBirth()),
                PhotoHash.parse(probe.photoHash()));
    }
}
