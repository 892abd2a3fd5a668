package io.asyncapikafka.runtime.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.KafkaClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The client properties a {@link KafkaTypedProducer} is built with. */
class KafkaTypedProducerPropertiesTest {

    @Test
    void batchesAre64KbUnlessConfigured() {
        assertThat(KafkaTypedProducer.builder(KafkaClientConfig.of("localhost:9092")).clientProperties())
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        assertThat(KafkaTypedProducer.builder(KafkaClientConfig.of("localhost:9092")
                        .with(ProducerConfig.BATCH_SIZE_CONFIG, 1000)).clientProperties())
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 1000);
        assertThat(KafkaTypedProducer.builder(KafkaClientConfig.of("localhost:9092"))
                        .property(ProducerConfig.BATCH_SIZE_CONFIG, "2000").clientProperties())
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "2000");
    }

    @Test
    void compressesWithLz4UnlessConfigured() {
        assertThat(KafkaTypedProducer.builder(KafkaClientConfig.of("localhost:9092")).clientProperties())
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        assertThat(KafkaTypedProducer.builder(KafkaClientConfig.of("localhost:9092")
                        .with(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none")).clientProperties())
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        assertThat(KafkaTypedProducer.builder(KafkaClientConfig.of("localhost:9092"))
                        .property(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd").clientProperties())
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    }

    @Test
    void anUnknownCompressionTypeIsRefusedNamingTheSettingAndItsValues() {
        assertThatThrownBy(() -> KafkaTypedProducer.builder(KafkaClientConfig.of("localhost:9092"))
                        .property(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz5").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lz5").hasMessageContaining("compression.type").hasMessageContaining("lz4");
    }

    @Test
    void durabilityIsNotConfigurable() {
        assertThat(KafkaTypedProducer.builder(KafkaClientConfig.of("localhost:9092")
                        .with(ProducerConfig.ACKS_CONFIG, "1")).property(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false)
                        .clientProperties())
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    }
}
