package io.s3redshiftloader.filter;

import java.math.BigDecimal;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConverter;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;

/**
 * A decimal value as a filter sees it. Camel Simple compares a BigDecimal with an integer literal by converting both
 * to long, so {@code 500.01 > 500} would be false; this type converts to double for comparisons instead, and is equal
 * to any number of the same value ({@code 500.00 == 500}).
 */
public final class FilterDecimal implements Comparable<FilterDecimal> {
    private final BigDecimal value;

    public FilterDecimal(BigDecimal value) {
        this.value = value;
    }

    public BigDecimal value() {
        return value;
    }

    @Override
    public int compareTo(FilterDecimal other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FilterDecimal decimal && value.compareTo(decimal.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }

    /** Teaches a Camel context's type converter this type: to double, text and BigDecimal, and from numbers and text. */
    static void register(TypeConverterRegistry registry) {
        registry.addTypeConverter(Double.class, FilterDecimal.class, converter(value -> ((FilterDecimal) value).value.doubleValue()));
        registry.addTypeConverter(String.class, FilterDecimal.class, converter(Object::toString));
        registry.addTypeConverter(BigDecimal.class, FilterDecimal.class, converter(value -> ((FilterDecimal) value).value));
        TypeConverter fromNumberOrText = converter(value -> {
            try {
                return new FilterDecimal(new BigDecimal(value.toString().trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        });
        for (Class<?> source : new Class<?>[] {Integer.class, Long.class, Double.class, Float.class, BigDecimal.class, String.class}) {
            registry.addTypeConverter(FilterDecimal.class, source, fromNumberOrText);
        }
    }

    private static TypeConverter converter(java.util.function.Function<Object, Object> conversion) {
        return new TypeConverterSupport() {
            @Override
            public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
                return type.cast(conversion.apply(value));
            }
        };
    }
}
