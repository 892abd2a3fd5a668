package io.asyncapikafka.runtime.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of the wire format: ISO-8601 dates, exact decimals, unknown properties tolerated (a
 * consumer must survive new optional fields), no Java class names.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(IsoOffsetDateTimes.module()) // same text and values, a faster common case; after JavaTimeModule
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {}

    /** The shared, thread-safe mapper. Do not reconfigure it; copy it with {@link ObjectMapper#copy()} instead. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
