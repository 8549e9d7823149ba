# compdata-server image. Plain Dockerfile syntax (podman 4.3 builds it; see
# the README). Build: podman build -t compdata:dev .
ARG BASE=debian:bookworm

FROM ${BASE} AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y \
      --no-install-recommends build-essential cmake ninja-build pkg-config \
      protobuf-compiler libprotobuf-dev protobuf-compiler-grpc libgrpc++-dev \
      libabsl-dev libpqxx-dev libpq-dev prometheus-cpp-dev \
      golang-github-gogo-googleapis-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY cmake cmake
COPY common common
COPY proto proto
COPY core core
COPY db db
COPY server server
COPY client client
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release \
         -DCOMPDATA_BUILD_TESTS=OFF -DCOMPDATA_BUILD_BENCH=OFF \
         -DCOMPDATA_BUILD_DATAGEN=OFF \
         -DCMAKE_INSTALL_PREFIX=/opt/compdata \
    && cmake --build /build --target compdata-server compdata-migrate compdata \
    && cmake --install /build --strip
# The shared libraries the installed binaries load, found by ldd, at their
# real paths (/lib is /usr/lib on bookworm); the C and C++ runtimes are in
# the base image already.
RUN mkdir /runtime \
    && for f in /opt/compdata/bin/*; do ldd "$f"; done \
       | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u \
       | grep -Ev '/(libc|libm|libpthread|libdl|librt|libstdc\+\+|libgcc_s)\.so' \
       | while read -r lib; do \
           dir=$(readlink -f "$(dirname "$lib")"); \
           mkdir -p "/runtime$dir" && cp -L "$lib" "/runtime$dir/"; \
         done \
    && cp -r /opt/compdata/bin /runtime/bin

FROM ${BASE}
# Only what the binaries link (no package manager run in this stage).
COPY --from=build /runtime/usr/ /usr/
COPY --from=build /runtime/bin/ /usr/local/bin/
RUN ldconfig && useradd --system --uid 10001 --no-create-home compdata
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="compdata" \
      org.opencontainers.image.description="Compensation data gRPC service: compdata-server, compdata-migrate and the compdata CLI" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="debian:bookworm"
USER 10001
# gRPC, and Prometheus /metrics (--metrics_address).
EXPOSE 50051 9464
ENV COMPDATA_LISTEN_ADDRESS=0.0.0.0:50051
# Transparent huge pages for the heap (the host's THP mode "madvise" is the
# Debian default): the snapshot's columns are large and touched once when
# loaded; a 10M-record cold start took 18 s with this against 21-25 s
# without (bench/query/freshness.sh).
ENV GLIBC_TUNABLES=glibc.malloc.hugetlb=1
ENTRYPOINT ["/usr/local/bin/compdata-server"]
