package io.asyncapikafka.runtime.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of the wire format: RFC 3339 dates, exact decimals, unknown properties tolerated (a
 * consumer must survive new optional fields), no Java class names, and no type coercion: a value whose JSON type
 * differs from the schema's is refused with a {@link io.asyncapikafka.runtime.ContractViolationException} naming its
 * path, the expected and the actual type.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(IsoOffsetDateTimes.module()) // same text and values, a faster common case; after JavaTimeModule
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // no coercion: a JSON value of another type than the schema's is a contract violation (StrictScalars)
            .addModule(StrictScalars.module())
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // JsonNode members keep numbers as written (1.0 stays 1.0)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            // types with a ContractSchema: the received tree is checked before binding
            .addModule(ContractSchemas.module())
            .build();

    private Json() {}

    /** The shared, thread-safe mapper. Do not reconfigure it; copy it with {@link ObjectMapper#copy()} instead. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
