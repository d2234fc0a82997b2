#!/usr/bin/env bash
# One entry point for people and CI, on a fresh Debian 12 machine with the .NET 10 SDK. The app itself needs no
# Debian packages: librdkafka and RocksDB come with their NuGet packages (the bundled librdkafka is loaded explicitly,
# whatever the machine has). Only the tests install tools they drive, when missing.
#
#   ./build.sh run [--Section:Key=value ...]   the worker; with no Kafka:BootstrapServers: embedded broker + demo traffic
#   ./build.sh test                            every test (unit + embedded-broker integration)
#   ./build.sh bench                           the benchmark suite (writes bench/RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")"

# Installs the given Debian packages that are not installed yet (apt-get, with sudo when not root).
ensure_packages() {
  local missing=()
  for package in "$@"; do
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

# What the tests drive: kcat (a real non-.NET Kafka client against the embedded broker; it also brings Debian's
# librdkafka 2.0.2, which a test uses to prove the app still loads its bundled copy), and the on-call alerting tools
# (tests/Aggregator.IntegrationTests/Alerting: Prometheus, Alertmanager, Burrow and the ZooKeeper Burrow requires).
# On a machine with systemd, Debian also starts prometheus and alertmanager services; the tests use their own ports.
test_packages=(kcat prometheus prometheus-alertmanager burrow zookeeper)

command="${1:-}"
shift || true
case "$command" in
  run)
    dotnet build src/Aggregator -c Release -o artifacts/app --nologo -v quiet -clp:ErrorsOnly
    # exec: SIGINT/SIGTERM reach the worker directly, which drains and exits 0.
    exec artifacts/app/aggregator run "$@"
    ;;
  test)
    ensure_packages "${test_packages[@]}"
    dotnet test Aggregator.sln -c Release --nologo -v quiet --logger "console;verbosity=normal" "$@"
    ;;
  bench)
    ensure_packages kcat
    dotnet run --project bench/Aggregator.Benchmarks -c Release -- "$@"
    ;;
  *)
    echo "usage: ./build.sh run|test|bench [args]" >&2
    exit 2
    ;;
esac
