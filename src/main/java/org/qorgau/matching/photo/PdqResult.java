package org.qorgau.matching.photo;

/**
 * A PDQ hash (64 lowercase hexadecimal digits) and its quality, 0..100: how much structure the picture has. Below
 * {@link PdqHasher#MIN_USEFUL_QUALITY} the hash says little about the picture and is not used as evidence.
 */
public record PdqResult(String hash, int quality) {

    public boolean useful() {
        return quality >= PdqHasher.MIN_USEFUL_QUALITY;
    }
}
