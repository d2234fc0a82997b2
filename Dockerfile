# syntax=docker/dockerfile:1
#
# The Aggregator worker image.  Build:  docker build -t aggregator .
# scripts/publish-and-run.sh repeats these steps on a machine without Docker.
#
# Why Debian 12 and not the plain .NET images: the .NET 10 images are Ubuntu 24.04 ("noble"); Microsoft ships
# no Debian image for .NET 10. The app binds to the distribution's native libraries, and the combination it is
# developed and tested with is Debian 12's: librdkafka 2.0.2 (plus our compat shim) and librocksdb 7.8, neither
# of which exists under those names on noble. So both stages are debian:bookworm-slim, and the .NET SDK and
# ASP.NET Core runtime are copied out of the official images: they are the same portable linux builds the
# official images unpack into /usr/share/dotnet.
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
ARG DEBIAN_IMAGE=debian:bookworm-slim

FROM ${DOTNET_SDK_IMAGE} AS dotnet-sdk
FROM ${DOTNET_RUNTIME_IMAGE} AS dotnet-runtime

# ---------------------------------------------------------------------------------------------------------------
FROM ${DEBIAN_IMAGE} AS build
# gcc + libc6-dev + librdkafka1: the build compiles build/native/rdkafka_compat.c into librdkafka-compat.so and
# links it against librdkafka.so.1 (the shim declares its own opaque types, so no -dev headers are needed).
# ca-certificates: NuGet restore over https. libicu72: the SDK itself runs with globalization.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates gcc libc6-dev libicu72 librdkafka1 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=dotnet-sdk /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    NUGET_XMLDOC_MODE=skip

WORKDIR /src
# Only what the build reads (.dockerignore keeps the rest out). build/ holds the librdkafka.redist stand-in
# that an MSBuild target packs into build/packages/ before restore, and nuget.config maps it to that feed.
COPY .editorconfig global.json nuget.config Directory.Build.props Directory.Packages.props ./
COPY build/ build/
COPY src/ src/
# Framework-dependent: the runtime stage brings the shared frameworks. The cache mount keeps downloaded
# packages between builds without a separate restore layer (which would need every .csproj copied by hand).
# The shim's build step only warns when gcc fails; on Debian 12 the app cannot consume without it, so fail here.
RUN --mount=type=cache,id=aggregator-nuget,target=/root/.nuget/packages \
    dotnet publish src/Aggregator/Aggregator.csproj -c Release -o /app \
 && test -f /app/librdkafka-compat.so

# ---------------------------------------------------------------------------------------------------------------
FROM ${DEBIAN_IMAGE} AS runtime
# librdkafka1 and librocksdb7.8: the native libraries the app binds to by soname (see the header).
# ca-certificates: Slack webhooks are https. tzdata: TimeZoneInfo. No curl: the HEALTHCHECK below uses bash.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates librdkafka1 librocksdb7.8 tzdata \
 && rm -rf /var/lib/apt/lists/*
# Only the shared frameworks (Microsoft.NETCore.App + Microsoft.AspNetCore.App) and the host, not the SDK.
# The app's launcher finds them through DOTNET_ROOT (set below).
COPY --from=dotnet-runtime /usr/share/dotnet /usr/share/dotnet

# A fixed uid/gid (10001, used by USER below) so volume ownership and Kubernetes' runAsNonRoot checks do not
# depend on the order users happen to be created in.
RUN groupadd --gid 10001 aggregator \
 && useradd --uid 10001 --gid aggregator --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin aggregator \
 && install -d -o aggregator -g aggregator -m 0700 /var/lib/aggregator

# Files stay root-owned: the app can read but not rewrite its own binaries.
COPY --from=build /app /app
# The generic host reads appsettings.json from the working directory (its content root).
WORKDIR /app

ENV DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_RUNNING_IN_CONTAINER=true \
    AGGREGATOR_Http__Port=8080 \
    AGGREGATOR_Streams__StateDirectory=/var/lib/aggregator

# RocksDB state. Declared after the directory is created for the app user, so a fresh volume starts owned by it;
# losing it only costs a restore from the changelog topics.
VOLUME ["/var/lib/aggregator"]
EXPOSE 8080
USER 10001:10001

# bash's /dev/tcp instead of curl: a plain HTTP/1.0 GET needs nothing installed. Healthy = status line 200.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${AGGREGATOR_Http__Port} && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["/app/aggregator"]
CMD ["run"]
