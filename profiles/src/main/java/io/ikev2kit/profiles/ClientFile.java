package io.ikev2kit.profiles;

/** One client file in memory: the name it is written or attached under, and its bytes. */
public record ClientFile(String fileName, byte[] content) {
}
