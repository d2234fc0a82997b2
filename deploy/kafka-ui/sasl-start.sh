#!/bin/sh
# kafka-ui for the SASL cluster (docker-compose.yml, profile "sasl"). kafka-ui takes the client's JAAS line
# from KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG only, so the password is read from the compose secret
# here rather than written into the compose file, and the image's own command (provectuslabs/kafka-ui:v0.7.2)
# is then run unchanged.
set -eu
password=$(head -n 1 "${ADMIN_PASSWORD_FILE:?}" | tr -d '\r')
# shellcheck disable=SC2089 # the quotes are part of the JAAS value, not shell quoting.
KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"${ADMIN_USER:-admin}\" password=\"${password}\";"
# shellcheck disable=SC2090
export KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options, split on purpose (as the image does).
exec java --add-opens java.rmi/javax.rmi.ssl=ALL-UNNAMED $JAVA_OPTS -jar /kafka-ui-api.jar
