/*
 * rdkafka_compat: the three leader-epoch functions Confluent.Kafka 2.x imports on its
 * produce/consume/commit path, for librdkafka builds older than 2.1 (Debian 12 ships 2.0.2).
 *
 * This library is linked against librdkafka.so.1, so every other rd_kafka_* symbol resolves
 * through it: the .NET resolver hands this library to Confluent.Kafka in place of librdkafka
 * only when the loaded librdkafka lacks these symbols (see
 * src/Aggregator.Streams/Kafka/Native/KafkaNativeLibrary.cs).
 *
 * Semantics follow librdkafka >= 2.1 when the epoch is unknown: -1, and setting is a no-op
 * (librdkafka 2.0 neither tracks nor validates leader epochs).
 */
#include <stdint.h>

typedef struct rd_kafka_topic_partition_s rd_kafka_topic_partition_t;
typedef struct rd_kafka_message_s rd_kafka_message_t;

int32_t rd_kafka_topic_partition_get_leader_epoch(const rd_kafka_topic_partition_t *rktpar) {
    (void)rktpar;
    return -1;
}

void rd_kafka_topic_partition_set_leader_epoch(rd_kafka_topic_partition_t *rktpar, int32_t leader_epoch) {
    (void)rktpar;
    (void)leader_epoch;
}

int32_t rd_kafka_message_leader_epoch(const rd_kafka_message_t *rkmessage) {
    (void)rkmessage;
    return -1;
}
