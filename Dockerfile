# syntax=docker/dockerfile:1
#
# The Aggregator worker image: the standard two-stage build on the official .NET 10 images.
# Build:  docker build -t aggregator .      (scripts/publish-and-run.sh repeats these steps on a machine without Docker)
#
# No Debian packages are installed: librdkafka and RocksDB ship inside their NuGet packages (runtimes/<rid>/native),
# and the app loads its bundled librdkafka explicitly (src/Aggregator/Kafka/BundledLibrdkafka.cs).
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

# ---------------------------------------------------------------------------------------------------------------
FROM ${DOTNET_SDK_IMAGE} AS build
WORKDIR /src
# Only what the build reads (.dockerignore keeps the rest out).
COPY .editorconfig global.json nuget.config Directory.Build.props Directory.Packages.props ./
COPY src/ src/
# Framework-dependent: the runtime image brings the shared frameworks. The cache mount keeps downloaded packages
# between builds without a separate restore layer (which would need every .csproj copied by hand).
RUN --mount=type=cache,id=aggregator-nuget,target=/root/.nuget/packages \
    dotnet publish src/Aggregator/Aggregator.csproj -c Release -o /app \
 && test -f /app/runtimes/linux-x64/native/centos8-librdkafka.so

# ---------------------------------------------------------------------------------------------------------------
FROM ${DOTNET_RUNTIME_IMAGE} AS runtime
# The image's non-root user (uid 1654, "app") owns the state directory; a fixed numeric uid so volume ownership and
# Kubernetes' runAsNonRoot checks do not depend on /etc/passwd.
RUN install -d -o 1654 -g 1654 -m 0700 /var/lib/aggregator

# Files stay root-owned: the app can read but not rewrite its own binaries.
COPY --from=build /app /app
# The generic host reads appsettings.json from the working directory (its content root).
WORKDIR /app

ENV AGGREGATOR_Http__Port=8080 \
    AGGREGATOR_Streams__StateDirectory=/var/lib/aggregator

# RocksDB state. Declared after the directory is created for the app user, so a fresh volume starts owned by it;
# losing it only costs a restore from the changelog topics.
VOLUME ["/var/lib/aggregator"]
EXPOSE 8080
USER 1654:1654

# bash's /dev/tcp instead of curl: a plain HTTP/1.0 GET needs nothing installed. Healthy = status line 200.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${AGGREGATOR_Http__Port} && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["/app/aggregator"]
CMD ["run"]
