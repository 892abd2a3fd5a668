package io.asyncapikafka.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyCodecTest {

    @Test
    void textKeysRoundTripAsciiAndOtherCharacters() {
        KeyCodec<String> codec = KeyCodec.string();
        for (String key : List.of("", "ORD-00000042", "Zürich", "東京", "emoji \uD83D\uDE00", "\u007f", "a\u0080b")) {
            byte[] bytes = codec.encode(key);
            assertThat(bytes).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
            assertThat(codec.decode(bytes)).isEqualTo(key);
        }
        assertThat(codec.decode(null)).isNull();
    }

    @Test
    void malformedUtf8IsAnErrorNotReplacementCharacters() {
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {'o', 'k', (byte) 0xFF},
                new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0x80})) {
            assertThatThrownBy(() -> KeyCodec.string().decode(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not valid UTF-8 text");
        }
    }
}
