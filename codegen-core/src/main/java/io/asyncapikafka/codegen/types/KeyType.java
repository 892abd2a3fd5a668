package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.TypeName;
import java.util.Objects;

/**
 * The key of a message: its Java type (always a reference type, usable as a generic argument) and its wire encoding.
 *
 * @param type the key type; {@code null} only when {@link #encoding()} is {@link KeyEncoding#NONE}
 * @param encoding how it is serialized
 * @param validatable the type is a generated type implementing {@code Validatable}
 */
public record KeyType(TypeName type, KeyEncoding encoding, boolean validatable) {

    private static final KeyType NONE = new KeyType(null, KeyEncoding.NONE, false);

    public KeyType {
        Objects.requireNonNull(encoding, "encoding");
        if ((type == null) != (encoding == KeyEncoding.NONE)) {
            throw new IllegalArgumentException("a key has a type exactly when it has an encoding");
        }
    }

    /** No key schema. */
    public static KeyType none() {
        return NONE;
    }

    public boolean isPresent() {
        return encoding != KeyEncoding.NONE;
    }
}
