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

FROM ${BASE}
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y \
      --no-install-recommends libgrpc++1.51 libprotobuf32 libpqxx-6.4 \
      libabsl20220623 libprometheus-cpp-core1.0 libprometheus-cpp-pull1.0 \
      ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home compdata
COPY --from=build /opt/compdata/bin/ /usr/local/bin/
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
