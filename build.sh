#!/usr/bin/env bash
# One entry point for people and CI. Each command first installs what this machine lacks
# (Debian packages: librdkafka, librocksdb, kcat, gcc), so it works on a fresh Debian 12 machine with the .NET 10 SDK.
#
#   ./build.sh run [--Section:Key=value ...]   the worker; with no Kafka:BootstrapServers: embedded broker + demo traffic
#   ./build.sh test                            every test (unit + embedded-broker integration)
#   ./build.sh bench                           the benchmark suite (writes bench/RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")"

ensure_packages() {
  local packages=(librdkafka1 librdkafka-dev librocksdb7.8 kcat gcc)
  local missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if ((${#missing[@]} > 0)); then
    echo "Installing Debian packages: ${missing[*]}" >&2
    local sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

# On-call alerting (issue 13), kept apart from ensure_packages on purpose: tests/Aggregator.IntegrationTests/Alerting
# run Prometheus (promtool, the server), Alertmanager (amtool, the server), Burrow and the ZooKeeper Burrow requires.
# Only `test` needs them. On a machine with systemd, Debian also starts the prometheus and alertmanager services;
# the tests use their own free ports.
ensure_alerting_packages() {
  local missing=()
  for package in prometheus prometheus-alertmanager burrow zookeeper; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if ((${#missing[@]} > 0)); then
    echo "Installing Debian packages for the alerting tests: ${missing[*]}" >&2
    local sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

command="${1:-}"
shift || true
case "$command" in
  run)
    ensure_packages
    dotnet build src/Aggregator -c Release -o artifacts/app --nologo -v quiet -clp:ErrorsOnly
    # exec: SIGINT/SIGTERM reach the worker directly, which drains and exits 0.
    exec artifacts/app/aggregator run "$@"
    ;;
  test)
    ensure_packages
    ensure_alerting_packages
    dotnet test Aggregator.sln -c Release --nologo -v quiet --logger "console;verbosity=normal" "$@"
    ;;
  bench)
    ensure_packages
    dotnet run --project bench/Aggregator.Benchmarks -c Release -- "$@"
    ;;
  *)
    echo "usage: ./build.sh run|test|bench [args]" >&2
    exit 2
    ;;
esac
