package io.asyncapikafka.benchmarks.order;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.HeadersCodec;
import io.asyncapikafka.runtime.Validatable;
import io.asyncapikafka.runtime.Violation;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;

/**
 * Hand-written mirror of the generated headers record of {@code OrderPlaced}: the same runtime {@code HeaderValues}
 * calls the generator emits, so header cost is what users will pay. {@code sentAt} carries
 * {@link System#nanoTime()} at send time; the handler turns it into the end-to-end latency.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderHeaders(@JsonProperty(required = true) long sentAt, String tenant) implements Validatable {

    /** What generated code will hand to the runtime as the message's {@link HeadersCodec}. */
    public static final HeadersCodec<OrderHeaders> CODEC = new HeadersCodec<>() {
        @Override
        public void write(OrderHeaders headers, Headers target) {
            headers.writeTo(target);
        }

        @Override
        public OrderHeaders read(Headers source) {
            return fromKafkaHeaders(source);
        }
    };

    @Override
    public void validate(String path, List<Violation> out) {
        if (this.tenant != null) {
            int tenantLength = this.tenant.codePointCount(0, this.tenant.length());
            if (tenantLength < 1) {
                out.add(new Violation(path + ".tenant", "length must be >= 1 but was " + tenantLength));
            }
            if (tenantLength > 64) {
                out.add(new Violation(path + ".tenant", "length must be <= 64 but was " + tenantLength));
            }
        }
    }

    /** Sets each present header on {@code headers}, replacing earlier values of the same name. */
    public void writeTo(Headers headers) {
        HeaderValues.putLong(headers, "sentAt", this.sentAt);
        HeaderValues.putString(headers, "tenant", this.tenant);
    }

    /** Reads the declared headers; a missing required one is a {@link NullPointerException}, as generated. */
    public static OrderHeaders fromKafkaHeaders(Headers headers) {
        return new OrderHeaders(Objects.requireNonNull(HeaderValues.getLong(headers, "sentAt"), "sentAt"),
                HeaderValues.getString(headers, "tenant"));
    }
}
