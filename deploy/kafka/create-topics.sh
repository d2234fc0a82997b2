#!/bin/bash
# One-shot topic creation for docker-compose.yml (services topic-init and topic-init-sasl), run in the Kafka
# image. Waits until every broker in BOOTSTRAP_SERVERS answers, then creates the application's topics with
# --if-not-exists, so running it again is harmless. Exits non-zero (and the workers, which depend on its
# successful completion, do not start) when the cluster does not come up in time, a creation fails, or an
# existing topic has a different partition count than configured: keyed topics that are read together must
# be co-partitioned, and adding partitions later re-maps keys, so that is never "fixed" silently.
#
# Environment:
#   BOOTSTRAP_SERVERS     host:port,... of the brokers (required); each one is waited for
#   TOPIC_PARTITIONS      partitions per topic (default 6; the workers' AGGREGATOR_Topics__Partitions)
#   REPLICATION_FACTOR    default 3
#   MIN_INSYNC_REPLICAS   default 2: with acks=all a write survives one broker down
#   WAIT_SECONDS          how long to wait for the cluster (default 180)
#   ADMIN_USER, ADMIN_PASSWORD_FILE   when set: SASL_PLAINTEXT with SCRAM-SHA-512 as that user
#   KAFKA_BIN             where the Kafka tools are (default /opt/kafka/bin)
set -euo pipefail

: "${BOOTSTRAP_SERVERS:?BOOTSTRAP_SERVERS must list the brokers}"
partitions=${TOPIC_PARTITIONS:-6}
replication=${REPLICATION_FACTOR:-3}
min_isr=${MIN_INSYNC_REPLICAS:-2}
wait_seconds=${WAIT_SECONDS:-180}
bin=${KAFKA_BIN:-/opt/kafka/bin}

log() { printf '[topic-init] %s\n' "$*"; }
die() { printf '[topic-init] ERROR: %s\n' "$*" >&2; exit 1; }

client=()
if [[ -n "${ADMIN_PASSWORD_FILE:-}" ]]; then
  [[ -r "$ADMIN_PASSWORD_FILE" ]] || die "cannot read ADMIN_PASSWORD_FILE=$ADMIN_PASSWORD_FILE"
  password=$(head -n 1 "$ADMIN_PASSWORD_FILE" | tr -d '\r')
  [[ -n "$password" ]] || die "$ADMIN_PASSWORD_FILE is empty"
  client_config=$(mktemp)
  chmod 600 "$client_config"
  trap 'rm -f "$client_config"' EXIT
  cat >"$client_config" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${ADMIN_USER:-admin}" password="${password}";
PROPERTIES
  client=(--command-config "$client_config")
fi

deadline=$((SECONDS + wait_seconds))
IFS=',' read -r -a brokers <<<"$BOOTSTRAP_SERVERS"
for broker in "${brokers[@]}"; do
  until "$bin/kafka-broker-api-versions.sh" --bootstrap-server "$broker" "${client[@]}" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "broker $broker did not answer within ${wait_seconds}s"
    log "waiting for $broker ..."
    sleep 3
  done
  log "$broker is up"
done

# name and extra --config pairs (privacy.erasures: 30 days for downstream systems to act on a notice, not forever:
# the notices name people; see docs/privacy.md). All topics get the same partition count: activity.raw and privacy.optouts are
# keyed by user and read together, and the outputs keep the input's partitioning.
topics=(
  "activity.raw"
  "activity.refined"
  "activity.dlq"
  "activity.counts"
  "privacy.optouts cleanup.policy=compact"
  "privacy.erasures retention.ms=2592000000"
)

for spec in "${topics[@]}"; do
  read -r -a fields <<<"$spec"
  topic=${fields[0]}
  configs=(--config "min.insync.replicas=$min_isr")
  for extra in "${fields[@]:1}"; do
    configs+=(--config "$extra")
  done
  # Brokers answer before all of them are registered with the controller: a replication factor of 3 can be
  # refused for a few seconds ("larger than available brokers"), so creation is retried until the deadline.
  until "$bin/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" "${client[@]}" --create --if-not-exists \
      --topic "$topic" --partitions "$partitions" --replication-factor "$replication" "${configs[@]}"; do
    ((SECONDS < deadline)) || die "could not create $topic within ${wait_seconds}s"
    log "retrying $topic ..."
    sleep 3
  done
  description=$("$bin/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" "${client[@]}" --describe --topic "$topic")
  actual=$(grep -o 'PartitionCount: *[0-9]*' <<<"$description" | head -n 1 | grep -o '[0-9]*$' || true)
  [[ "$actual" == "$partitions" ]] ||
    die "$topic has ${actual:-unknown} partitions, expected $partitions (delete it or change TOPIC_PARTITIONS and AGGREGATOR_Topics__Partitions together)"
  log "$topic: $partitions partitions, replication factor $replication, min.insync.replicas $min_isr ${fields[*]:1}"
done
log "done"
