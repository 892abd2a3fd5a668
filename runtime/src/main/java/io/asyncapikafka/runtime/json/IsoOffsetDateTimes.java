package io.asyncapikafka.runtime.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A fast path for {@code OffsetDateTime}, the type of every {@code date-time} property. jackson-datatype-jsr310 reads
 * and writes it with {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, whose general machinery (a map of parsed fields,
 * resolving, copying) was a quarter of the CPU of decoding a typical payload and a tenth of encoding it.
 *
 * <p>This module wraps the jsr310 (de)serializers and handles only the common shape directly:
 * {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1–9 digits, then {@code Z} or {@code ±HH:MM}, years 0–9999. It
 * produces exactly the text and values the formatter does (pinned by a test against a mapper without it). Anything
 * else on output — {@code @JsonFormat} or config overrides, features that change the output, a mapper with an explicit
 * time zone — goes to the wrapped jsr310 serializer unchanged. On input only RFC 3339 text is accepted (see
 * {@link Formats#isDateTime}): numeric timestamps and padded text are contract violations.
 */
final class IsoOffsetDateTimes {

    private IsoOffsetDateTimes() {}

    /** Register after {@code JavaTimeModule}: it wraps what that module provides. */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("asyncapi-kafka-offset-date-time");
        module.setSerializerModifier(new BeanSerializerModifier() {
            private static final long serialVersionUID = 1L;

            @Override
            @SuppressWarnings("unchecked")
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                    JsonSerializer<?> serializer) {
                return description.getBeanClass() == OffsetDateTime.class
                        ? new Writer((JsonSerializer<OffsetDateTime>) serializer)
                        : serializer;
            }
        });
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            private static final long serialVersionUID = 1L;

            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return description.getBeanClass() == OffsetDateTime.class ? new Reader(deserializer) : deserializer;
            }
        });
        return module;
    }

    /** Writes the common case itself; defers to the jsr310 serializer for everything else. */
    static final class Writer extends StdSerializer<OffsetDateTime> implements ContextualSerializer {
        private static final long serialVersionUID = 1L;
        private final JsonSerializer<OffsetDateTime> delegate;

        Writer(JsonSerializer<OffsetDateTime> delegate) {
            super(OffsetDateTime.class);
            this.delegate = delegate;
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            JsonSerializer<?> contextual = delegate instanceof ContextualSerializer c
                    ? c.createContextual(provider, property)
                    : delegate;
            JsonFormat.Value format = findFormatOverrides(provider, property, OffsetDateTime.class);
            if (format != null && !format.equals(JsonFormat.Value.empty())) {
                return contextual; // a @JsonFormat or config override: the jsr310 serializer alone decides the text
            }
            // without one, jsr310 still makes a copy per property (with shape ANY), which writes what it did
            return contextual == delegate ? this : new Writer((JsonSerializer<OffsetDateTime>) contextual);
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            // the jsr310 serializer writes a number with WRITE_DATES_AS_TIMESTAMPS, and moves the value into the
            // mapper's time zone when one was set explicitly
            if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    || provider.getConfig().hasExplicitTimeZone()) {
                delegate.serialize(value, gen, provider);
                return;
            }
            char[] text = new char[MAX_FAST_LENGTH];
            int length = format(value, text);
            if (length < 0) {
                delegate.serialize(value, gen, provider);
            } else {
                gen.writeString(text, 0, length);
            }
        }

        @Override
        public void serializeWithType(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider,
                TypeSerializer typeSerializer) throws IOException {
            delegate.serializeWithType(value, gen, provider, typeSerializer);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, OffsetDateTime value) {
            return delegate.isEmpty(provider, value);
        }

        @Override
        public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type)
                throws JsonMappingException {
            delegate.acceptJsonFormatVisitor(visitor, type);
        }

        @Override
        public JsonSerializer<?> getDelegatee() {
            return delegate;
        }
    }

    /**
     * Reads the common case itself; any other RFC 3339 text is parsed by the formatter; anything that is not RFC 3339
     * (numbers, padded or trimmed text, other ISO shapes) is a contract violation.
     */
    static final class Reader extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        Reader(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> contextual) {
            // a @JsonFormat or config override made another deserializer: that one alone decides
            return contextual;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            // the jsr310 deserializer moves the value into the context's time zone with this feature on
            // RFC 3339 exactly, as the contract's date-time means: no numeric timestamps, no trimmed padding
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw StrictScalars.mismatch(p, "string (date-time)");
            }
            if (!ctxt.isEnabled(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)) {
                return read(p);
            }
            if (!Formats.isDateTime(p.getText())) {
                throw StrictScalars.mismatch(p, "string (date-time)");
            }
            return _delegatee.deserialize(p, ctxt); // it moves the value into the context's time zone
        }
    }

    /**
     * The value of the parser's current string token as the wire configuration reads it (no time zone adjustment);
     * the generated streaming codecs ({@link JsonStreams}) share it with the mapper.
     */
    static OffsetDateTime read(JsonParser p) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            throw StrictScalars.mismatch(p, "string (date-time)");
        }
        String text = p.getText();
        // what the fast path reads is RFC 3339 (a subset of it); only other text needs the full check
        OffsetDateTime value = parse(text);
        if (value != null) {
            return value;
        }
        if (!Formats.isDateTime(text)) {
            throw StrictScalars.mismatch(p, "string (date-time)");
        }
        try {
            return OffsetDateTime.parse(normalized(text), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeException e) {
            throw StrictScalars.mismatch(p, "string (date-time with an offset java.time can hold, within ±18:00)");
        }
    }

    /**
     * Writes {@code value} as the wire configuration's serializer does (the fast path, else the jsr310 default
     * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}); for the generated streaming codecs.
     */
    static void write(JsonGenerator gen, OffsetDateTime value) throws IOException {
        char[] text = new char[MAX_FAST_LENGTH];
        int length = format(value, text);
        if (length < 0) {
            gen.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
        } else {
            gen.writeString(text, 0, length);
        }
    }

    /**
     * An RFC 3339 date-time as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} parses it: upper-case {@code T} and
     * {@code Z}, a fraction cut to nanoseconds, and a leap second read as the second before it (as
     * {@link java.time.Instant#parse} does: java.time has no second 60).
     */
    static String normalized(String text) {
        StringBuilder b = new StringBuilder(text.toUpperCase(java.util.Locale.ROOT));
        if (b.charAt(17) == '6' && b.charAt(18) == '0') {
            b.setCharAt(17, '5');
            b.setCharAt(18, '9');
        }
        if (b.length() > 19 && b.charAt(19) == '.') {
            int end = 20;
            while (end < b.length() && Character.isDigit(b.charAt(end))) {
                end++;
            }
            if (end - 20 > 9) {
                b.delete(29, end);
            }
        }
        return b.toString();
    }

    /** The longest text of the fast path: {@code 9999-12-31T23:59:59.999999999-17:59:59}. */
    static final int MAX_FAST_LENGTH = 38;

    /**
     * Writes {@code value} as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} does into {@code out}: seconds always,
     * the fraction without trailing zeros (none when zero), the offset as its id. Returns the length, or -1 for a
     * year outside 0–9999, which the formatter writes with a sign.
     */
    static int format(OffsetDateTime value, char[] out) {
        LocalDateTime t = value.toLocalDateTime();
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return -1;
        }
        int i = 0;
        i = digits(year, 4, out, i);
        out[i++] = '-';
        i = digits(t.getMonthValue(), 2, out, i);
        out[i++] = '-';
        i = digits(t.getDayOfMonth(), 2, out, i);
        out[i++] = 'T';
        i = digits(t.getHour(), 2, out, i);
        out[i++] = ':';
        i = digits(t.getMinute(), 2, out, i);
        out[i++] = ':';
        i = digits(t.getSecond(), 2, out, i);
        int nanos = t.getNano();
        if (nanos != 0) {
            int width = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                width--;
            }
            out[i++] = '.';
            i = digits(nanos, width, out, i);
        }
        String offset = value.getOffset().getId(); // "Z", "+01:00" or "+01:00:30", as the formatter prints it
        offset.getChars(0, offset.length(), out, i);
        return i + offset.length();
    }

    /**
     * The value of {@code text} if it has the common shape and is a valid date-time (as
     * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} would parse it), else {@code null}: the caller then leaves it
     * to the jsr310 deserializer, which parses the other shapes and reports invalid values.
     */
    static OffsetDateTime parse(String text) {
        int n = text.length();
        if (n < 20 || n > MAX_FAST_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(text.charAt(i))) {
                nanos = nanos * 10 + (text.charAt(i++) - '0');
            }
            int width = i - start;
            if (width == 0) {
                return null;
            }
            for (int w = width; w < 9; w++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && text.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
            int hours = number(text, i + 1, i + 3);
            int minutes = number(text, i + 4, i + 6);
            if ((hours | minutes) < 0) {
                return null;
            }
            int sign = text.charAt(i) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: the formatter reports it in its own words
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(int value, int width, char[] out, int at) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
