#!/usr/bin/env bash
# Repeats the Dockerfile's steps on this machine, without a Docker engine, and smoke-tests the result:
#
#   1. no Debian packages: like the image, the app relies only on what its NuGet packages bring (librdkafka and
#      RocksDB native libraries under runtimes/<rid>/native);
#   2. dotnet publish src/Aggregator -c Release (framework-dependent), as the build stage does;
#   3. copies only the published output into a fresh directory tree shaped like the image: <root>/app,
#      <root>/var/lib/aggregator (the state volume), <root>/tmp;
#   4. runs <root>/app/aggregator with an environment like the container's: nothing inherited (env -i),
#      AGGREGATOR_Http__Port on a free port, the state directory, HOME=/nonexistent, working directory
#      <root>/app, and, when started as root, as uid/gid 1654 like the image's USER (so /app is read-only
#      to it, as in the image);
#   5. `aggregator --help`, then (unless --help-only) `aggregator run`: with no Kafka configured it starts
#      an embedded broker and demo traffic; waits for GET /health/live = 200, keeps it running a few seconds,
#      checks GET /metrics, sends SIGTERM and requires exit code 0 within the stop timeout.
#
# Prints one PASS/FAIL line per check and a closing "N passed, N failed"; exits 1 if any check failed,
# 2 on a usage error.
set -euo pipefail

readonly APP_UID=1654
usage() {
  cat <<'USAGE'
Usage: scripts/publish-and-run.sh [options]

Publishes src/Aggregator as the Dockerfile does, copies only the publish output into a temporary directory
shaped like the image, and runs it there with a container-like environment.

Options:
  --help-only             publish and run `aggregator --help` only (no smoke run)
  --published DIR         skip `dotnet publish` and use this existing publish output instead
  --startup-timeout SEC   how long `aggregator run` may take to answer /health/live with 200 (default 90)
  --run-seconds SEC       how long to keep it running once healthy (default 5)
  --stop-timeout SEC      how long it may take to exit after SIGTERM (default 30)
  --keep                  keep the temporary directory (its path is printed)
  -h, --help              show this help
USAGE
}

help_only=false
published=''
keep=false
startup_timeout=90
run_seconds=5
stop_timeout=30

number_arg() {
  [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || { echo "error: $1 needs a number of seconds" >&2; usage >&2; exit 2; }
}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --help-only) help_only=true ;;
    --keep) keep=true ;;
    --published)
      [[ $# -ge 2 ]] || { echo "error: --published needs a directory" >&2; usage >&2; exit 2; }
      published=$2; shift ;;
    --startup-timeout) number_arg "$@"; startup_timeout=$2; shift ;;
    --run-seconds) number_arg "$@"; run_seconds=$2; shift ;;
    --stop-timeout) number_arg "$@"; stop_timeout=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "error: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
passed=0
failed=0
pass() { passed=$((passed + 1)); printf 'PASS %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }
info() { printf 'INFO %s\n' "$*"; }
finish() {
  printf '%d passed, %d failed\n' "$passed" "$failed"
  [[ $failed -eq 0 ]] || exit 1
  exit 0
}

work=''
app_pid=''
# shellcheck disable=SC2317 # called through the EXIT trap
cleanup() {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill -KILL "$app_pid" 2>/dev/null || true
  fi
  if [[ -n "$work" ]]; then
    if $keep; then info "kept $work"; else rm -rf "$work"; fi
  fi
}
trap cleanup EXIT

if ! command -v dotnet >/dev/null; then
  fail "dotnet (the .NET 10 SDK) is not on PATH"
  finish
fi
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")

# --- 2. publish --------------------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/aggregator-publish.XXXXXX")
chmod 0755 "$work"
mkdir "$work/publish"
info "working in $work"
if [[ -n "$published" ]]; then
  if [[ -d "$published" ]]; then
    cp -a "$published/." "$work/publish/"
    pass "using the published output in $published"
  else
    fail "--published $published is not a directory"
    finish
  fi
elif dotnet publish "$repo/src/Aggregator/Aggregator.csproj" -c Release -o "$work/publish" --nologo \
    >"$work/publish.log" 2>&1; then
  pass "dotnet publish src/Aggregator -c Release"
else
  fail "dotnet publish src/Aggregator -c Release (last lines of $work/publish.log below)"
  tail -n 30 "$work/publish.log" | sed 's/^/  | /'
  keep=true
  finish
fi

# --- 3. a tree shaped like the image -----------------------------------------------------------------------
root=$work/root
app=$root/app
state=$root/var/lib/aggregator
mkdir -p "$app" "$state" "$root/tmp"
cp -a "$work/publish/." "$app/"
chmod 1777 "$root/tmp"
chmod 0755 "$root" "$root/var" "$root/var/lib"
chmod 0700 "$state"
for file in aggregator aggregator.dll runtimes/linux-x64/native/centos8-librdkafka.so runtimes/linux-x64/native/librocksdb.so; do
  if [[ -e "$app/$file" ]]; then pass "published $file"; else fail "published output lacks $file"; fi
done
[[ -x "$app/aggregator" ]] || { fail "$app/aggregator is not executable"; finish; }

as_app_user=()
if [[ $(id -u) -eq 0 ]] && command -v setpriv >/dev/null; then
  chown "$APP_UID:$APP_UID" "$state"
  as_app_user=(setpriv "--reuid=$APP_UID" "--regid=$APP_UID" --clear-groups)
  info "running the app as uid $APP_UID (like the image's USER); /app is read-only to it"
else
  info "running the app as $(id -un): not root, so the image's uid $APP_UID cannot be assumed"
fi

free_port() {
  local port _
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}
port=$(free_port) || { fail "no free TCP port found"; finish; }

# The container's environment: only what the image sets (ENV lines of the Dockerfile) plus PATH and HOME.
app_env=(
  env -i
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  HOME=/nonexistent
  TMPDIR="$root/tmp"
  DOTNET_ROOT="$dotnet_root"
  DOTNET_RUNNING_IN_CONTAINER=true
  AGGREGATOR_Http__Port="$port"
  AGGREGATOR_Streams__StateDirectory="$state"
)

# --- 4. aggregator --help ----------------------------------------------------------------------------------
help_out=$work/help.txt
if (cd "$app" && exec timeout 60 "${as_app_user[@]}" "${app_env[@]}" "$app/aggregator" --help) >"$help_out" 2>&1; then
  pass "aggregator --help exits 0"
else
  fail "aggregator --help exited $? (output below)"
  sed 's/^/  | /' "$help_out"
fi
if grep -qw run "$help_out" && grep -qw generate "$help_out"; then
  pass "aggregator --help lists the run and generate commands"
else
  fail "aggregator --help does not list the run and generate commands (output below)"
  sed 's/^/  | /' "$help_out"
fi
$help_only && finish

# --- 5. smoke run ------------------------------------------------------------------------------------------
# GET over bash's /dev/tcp, as the image's HEALTHCHECK does; prints the whole response.
http_get() {
  # shellcheck disable=SC2016 # $1 and $2 are expanded by the inner bash
  timeout 10 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" &&
    printf "GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n" "$2" >&3 && cat <&3' _ "$1" "$2"
}
status_of() { http_get "$@" 2>/dev/null | head -n 1 | tr -d '\r' | cut -d ' ' -f 2; }

run_log=$work/run.log
(cd "$app" && exec "${as_app_user[@]}" "${app_env[@]}" "$app/aggregator" run) >"$run_log" 2>&1 &
app_pid=$!
info "started aggregator run (pid $app_pid, http port $port, log $run_log)"

show_log() { tail -n 40 "$run_log" | sed 's/^/  | /'; }
healthy=false
deadline=$((SECONDS + startup_timeout))
while ((SECONDS < deadline)); do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    break
  fi
  if [[ "$(status_of "$port" /health/live)" == 200 ]]; then
    healthy=true
    break
  fi
  sleep 1
done
if $healthy; then
  pass "GET /health/live = 200 after $((SECONDS + startup_timeout - deadline))s"
else
  if kill -0 "$app_pid" 2>/dev/null; then
    fail "GET /health/live did not return 200 within ${startup_timeout}s (log below)"
  else
    wait "$app_pid" && code=0 || code=$?
    app_pid=''
    fail "aggregator run exited with code $code before /health/live answered 200 (log below)"
  fi
  show_log
  keep=true
  finish
fi

sleep "$run_seconds"
if kill -0 "$app_pid" 2>/dev/null; then
  pass "still running ${run_seconds}s after becoming healthy"
else
  wait "$app_pid" && code=0 || code=$?
  app_pid=''
  fail "aggregator run exited with code $code within ${run_seconds}s of becoming healthy (log below)"
  show_log
  keep=true
  finish
fi

metrics=$(http_get "$port" /metrics 2>/dev/null || true)
if [[ "$(head -n 1 <<<"$metrics" | tr -d '\r' | cut -d ' ' -f 2)" == 200 ]] &&
   grep -q '^aggregator_streams_state' <<<"$metrics"; then
  pass "GET /metrics = 200 with aggregator_streams_state (Prometheus scrapes this)"
else
  fail "GET /metrics did not return 200 with aggregator_streams_state (docs/metrics.md)"
fi

kill -TERM "$app_pid"
stop_deadline=$((SECONDS + stop_timeout))
while kill -0 "$app_pid" 2>/dev/null && ((SECONDS < stop_deadline)); do
  sleep 0.2
done
if kill -0 "$app_pid" 2>/dev/null; then
  fail "still running ${stop_timeout}s after SIGTERM (killed; log below)"
  kill -KILL "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=''
  show_log
  keep=true
else
  wait "$app_pid" && code=0 || code=$?
  app_pid=''
  if [[ $code -eq 0 ]]; then
    pass "exited with code 0 after SIGTERM"
  else
    fail "exited with code $code after SIGTERM (log below)"
    show_log
    keep=true
  fi
fi
finish
