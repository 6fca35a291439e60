# MlService image: the server by default, the trainer and the load tool by argument (one image for the
# Deployment, the trainer Job and the retrain CronJob):
#   docker run -p 8080:8080 mlservice:dev                                   # server (MlService.Api.dll)
#   docker run mlservice:dev mlservice-trainer.dll datagen --out /tmp/heart.csv
#   docker run mlservice:dev mlservice-loadtest.dll --help
# Base images are the official .NET ones; `make test-container` builds look-alikes locally (tests/container/README.md).

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
# Chiseled: no shell, no package manager, non-root user `app` (UID 1654) predefined — the small, hardened choice.
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled

FROM ${SDK_IMAGE} AS build
# Native assets for the target architecture only (ML.NET, ONNX Runtime ship win/osx/arm builds too): a much smaller
# image, and an arm64 build (kind on Apple Silicon) gets arm64 ONNX Runtime libraries. BuildKit, buildx and podman set
# TARGETARCH (amd64, arm64); a plain `docker build` without BuildKit leaves it empty, so the build machine's own
# architecture decides. RID=linux-x64 (or linux-arm64) as a build argument overrides both.
# (tests/container/build-base-images.sh copies the linux-x64 native libraries' dependencies into its look-alike
# base images, so the local podman test builds amd64 only.)
ARG TARGETARCH
ARG RID=
# ReadyToRun: the assemblies (ours and the packages') ship precompiled native code next to their IL, so start-up
# runs little JIT; measured in docs/capacity.md (time to ready and to full speed under small CPU limits).
# --build-arg READY_TO_RUN=false builds the plain-IL image for comparison.
ARG READY_TO_RUN=true
# No diagnostics IPC sockets left behind in the build layers.
ENV DOTNET_EnableDiagnostics=0
WORKDIR /src
RUN arch="${TARGETARCH:-$(uname -m)}" \
 && case "$arch" in \
      amd64|x86_64) rid=linux-x64 ;; \
      arm64|aarch64) rid=linux-arm64 ;; \
      *) [ -n "$RID" ] || { echo "unsupported architecture '$arch': pass --build-arg RID=<runtime identifier>" >&2; exit 1; } ;; \
    esac \
 && echo "${RID:-$rid}" > /tmp/rid && echo "runtime identifier: $(cat /tmp/rid)"
# Restore layer: only the files that decide the package graph, so it stays cached until a project file changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY service/MlService.Core/MlService.Core.csproj service/MlService.Core/
COPY service/MlService.Api/MlService.Api.csproj service/MlService.Api/
COPY service/MlService.Trainer/MlService.Trainer.csproj service/MlService.Trainer/
COPY service/MlService.LoadTest/MlService.LoadTest.csproj service/MlService.LoadTest/
RUN RID=$(cat /tmp/rid) R2R="-p:PublishReadyToRun=$READY_TO_RUN" \
 && dotnet restore service/MlService.Api/MlService.Api.csproj -r $RID $R2R \
 && dotnet restore service/MlService.Trainer/MlService.Trainer.csproj -r $RID $R2R \
 && dotnet restore service/MlService.LoadTest/MlService.LoadTest.csproj -r $RID $R2R

COPY service/ service/
# Framework-dependent publish of the three executables into one folder: they share MlService.Core and its packages
# (central package versions keep them identical), each keeps its own .deps.json/.runtimeconfig.json.
RUN RID=$(cat /tmp/rid) R2R="-p:PublishReadyToRun=$READY_TO_RUN" \
 && dotnet publish service/MlService.Api/MlService.Api.csproj -c Release -r $RID --self-contained false --no-restore $R2R -o /app \
 && dotnet publish service/MlService.Trainer/MlService.Trainer.csproj -c Release -r $RID --self-contained false --no-restore $R2R -o /app \
 && dotnet publish service/MlService.LoadTest/MlService.LoadTest.csproj -c Release -r $RID --self-contained false --no-restore $R2R -o /app \
 && mkdir -p /rootfs/var/cache/mlservice /rootfs/data

# The demo model, trained at build time from generated data (nothing binary in git), so `docker run IMAGE` and the
# teaching examples in k8s/examples serve predictions with nothing else. Deployments override MODEL_URI.
RUN dotnet /app/mlservice-trainer.dll datagen --rows 1000 --seed 42 --out /tmp/heart.csv \
 && dotnet /app/mlservice-trainer.dll train --data /tmp/heart.csv --label target --task binary \
      --name heart-disease --out /app/models/heart-disease

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app ./
# Writable for the non-root user (1654 = APP_UID of the chiseled image): the model download cache, and /data for
# trainer steps (a named volume mounted there starts with this ownership). Kubernetes mounts emptyDirs instead.
COPY --from=build --chown=1654:1654 /rootfs/ /
# Tiered compilation without dynamic PGO: with PGO the JIT first runs instrumented code and optimises it later on a
# background thread, which under a CPU limit of 1 or less competes with the requests for the quota, so a new pod
# served single records at two thirds and 1000-row batches at a quarter of the speed it has without PGO, through the
# benchmark's whole first 17 s; without it ReadyToRun code is rejitted straight to optimised code (docs/capacity.md,
# "Tuned for small pods").
ENV DOTNET_TieredPGO=0
ENV ASPNETCORE_HTTP_PORTS=8080 \
    MODEL_NAME=heart-disease \
    MODEL_URI=/app/models/heart-disease \
    MlService__Store__CacheDirectory=/var/cache/mlservice
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet"]
CMD ["MlService.Api.dll"]
