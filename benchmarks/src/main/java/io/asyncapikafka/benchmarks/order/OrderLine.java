package io.asyncapikafka.benchmarks.order;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.asyncapikafka.runtime.Validatable;
import io.asyncapikafka.runtime.Violation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Hand-written mirror of what codegen-core generates for {@code OrderLine} in {@code order-placed.asyncapi.yaml}
 * (same constructor checks and the same {@code validate} body; the builder is left out because nothing here uses it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderLine(String sku, @JsonProperty(required = true) int qty, BigDecimal price) implements Validatable {
    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(price, "price");
    }

    @Override
    public void validate(String path, List<Violation> out) {
        if (this.sku != null) {
            if (this.sku.codePointCount(0, this.sku.length()) < 1) {
                out.add(new Violation(path + ".sku", "length must be >= 1 but was "
                        + this.sku.codePointCount(0, this.sku.length())));
            }
        }
        if (this.qty < 1L) {
            out.add(new Violation(path + ".qty", "must be >= 1 but was " + this.qty));
        }
        if (this.price != null) {
            if (this.price.compareTo(new BigDecimal("0")) < 0) {
                out.add(new Violation(path + ".price", "must be >= 0 but was " + this.price));
            }
        }
    }
}
