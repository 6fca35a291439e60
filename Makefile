# MlService — `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

CONFIGURATION ?= Release
STATE_DIR     ?= $(CURDIR)/.mlservice
STORE         ?= $(STATE_DIR)/store
MODEL_NAME    ?= heart-disease
MODEL_ALIAS   ?= production
ASPNETCORE_URLS ?= http://127.0.0.1:8080
TRAINER       := dotnet run -c $(CONFIGURATION) --project service/MlService.Trainer --
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

##@ Everyday

.PHONY: help
help: ## List the targets with a one-line description
	@awk 'BEGIN {FS = ":.*##"} /^##@/ {printf "\n%s\n", substr($$0, 5)} /^[a-zA-Z0-9_-]+:.*##/ {printf "  %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: build
build: ## Build every project
	dotnet build MlService.sln -c $(CONFIGURATION)

.PHONY: run
run: demo-model ## Serve the demo model on $(ASPNETCORE_URLS) (trains it first if needed)
	ASPNETCORE_URLS=$(ASPNETCORE_URLS) MlService__Store__Root=$(STORE) MODEL_URI=models:/$(MODEL_NAME)@$(MODEL_ALIAS) \
		dotnet run -c $(CONFIGURATION) --no-launch-profile --project service/MlService.Api

.PHONY: demo-model
demo-model: $(STORE)/$(MODEL_NAME)/aliases/$(MODEL_ALIAS) ## Generate data, train and publish the demo model into .mlservice/store

$(STORE)/$(MODEL_NAME)/aliases/$(MODEL_ALIAS):
	$(TRAINER) datagen --out $(STATE_DIR)/data/heart.csv
	rm -rf $(STATE_DIR)/build/$(MODEL_NAME)
	$(TRAINER) train --data $(STATE_DIR)/data/heart.csv --label target --task binary --name $(MODEL_NAME) --out $(STATE_DIR)/build/$(MODEL_NAME)
	$(TRAINER) publish --store $(STORE) --name $(MODEL_NAME) --model-dir $(STATE_DIR)/build/$(MODEL_NAME) --alias $(MODEL_ALIAS)

.PHONY: test
test: test-deps ## Install missing test dependencies, then run every test suite
	bash tests/scripts/run-tests.sh

.PHONY: test-deps
test-deps: ## Install what the tests need (apt/npm packages), only what is missing
	bash tests/scripts/install-test-deps.sh

.PHONY: clean
clean: ## Remove build output and the local model store
	dotnet clean MlService.sln -c $(CONFIGURATION) >/dev/null
	rm -rf $(STATE_DIR)

# ---------------------------------------------------------------------------------------------------------------
# Deployment kit (issue 5): image, compose stack, Kubernetes manifests and their tests.
# ---------------------------------------------------------------------------------------------------------------
##@ Deployment

IMAGE        ?= mlservice:dev
OVERLAY      ?= dev
# docker if a Docker engine answers (a bare docker client without a daemon does not count), else podman
# (rootful podman needs tests/container/podman-env.sh on machines like ours).
CONTAINER_ENGINE ?= $(shell docker info >/dev/null 2>&1 && echo docker || echo podman)
# Compose v2 (`docker compose`) when it runs, else v1 (`docker-compose`): detected by running it, since a bare
# docker client without the compose plugin exists on some machines.
COMPOSE      ?= $(shell docker compose version >/dev/null 2>&1 && echo "docker compose" || echo docker-compose)
COMPOSE_FILE := compose/docker-compose.yml

.PHONY: docker-build
docker-build: ## Build the service image IMAGE=mlservice:dev (server by default; trainer/load tool by argument)
	$(CONTAINER_ENGINE) build -t $(IMAGE) .

.PHONY: test-container
test-container: ## Build the Dockerfile with podman from local base images, run it, predict, check non-root and SIGTERM
	bash tests/container/test-container.sh

.PHONY: test-grpc
test-grpc: ## Call every Open Inference Protocol gRPC RPC of a real service with a Python client generated from the proto file
	bash tests/grpc/test-grpc.sh

.PHONY: test-examples
test-examples: ## Play the k8s/examples pods with podman kube play and assert what their READMEs promise (OOM, throttling, probes, ...)
	bash tests/examples/test-examples.sh

compose/.env:
	@echo "compose/.env missing: copying compose/.env.example (change its secrets on a shared machine)"
	cp compose/.env.example compose/.env

.PHONY: compose-up
compose-up: compose/.env ## Build the image, start MinIO, the trainer one-shots, the replicas (MLSERVICE_REPLICAS, 3), nginx, Prometheus
	MLSERVICE_IMAGE=$(IMAGE) $(COMPOSE) -f $(COMPOSE_FILE) build mlservice
	MLSERVICE_IMAGE=$(IMAGE) $(COMPOSE) -f $(COMPOSE_FILE) up -d
	@echo "service: http://127.0.0.1:8080  MinIO: http://127.0.0.1:9001  Prometheus: http://127.0.0.1:9090  (MLflow: --profile mlflow)"

.PHONY: compose-up-mlflow
compose-up-mlflow: compose/.env ## The stack with --profile mlflow: the trainer logs and registers in MLflow, the replicas resolve models:/ through it
	MLSERVICE_IMAGE=$(IMAGE) $(COMPOSE) -f $(COMPOSE_FILE) build mlservice
	MLSERVICE_IMAGE=$(IMAGE) MLSERVICE_MLFLOW_TRACKING_URI=http://mlflow:5000 $(COMPOSE) -f $(COMPOSE_FILE) --profile mlflow up -d

.PHONY: compose-down
compose-down: ## Stop the compose stack and remove its containers (volumes are kept; add -v by hand to drop them)
	$(COMPOSE) -f $(COMPOSE_FILE) --profile loadtest --profile mlflow down

.PHONY: test-stack
test-stack: ## Run compose/ for real on podman (docker-compose over its API socket): chain, spread, Prometheus, crash, re-up, scale
	bash tests/stack/test-stack.sh

.PHONY: k8s-render
k8s-render: ## Print the manifests of an overlay: make k8s-render OVERLAY=dev|prod
	@kubectl kustomize k8s/overlays/$(OVERLAY)

.PHONY: k8s-apply
k8s-apply: ## Apply k8s/overlays/OVERLAY to the current kubectl context (kind/minikube: load the image first)
	kubectl apply -k k8s/overlays/$(OVERLAY)

.PHONY: test-deploy
test-deploy: ## Check every manifest, the compose file and the Dockerfile (kustomize, strict parse, semantic checks)
	dotnet test tests/MlService.Deploy.Tests

##@ kind quickstart (a local cluster; docs/kubernetes-basics.md. Needs kind, kubectl and docker or podman)

KIND_CLUSTER   ?= mlservice
KIND_CONFIG    := k8s/kind/cluster.yaml
# kind nodes resolve `mlservice:dev` as docker.io/library/mlservice:dev; podman would save it as localhost/...
KIND_IMAGE     ?= docker.io/library/$(IMAGE)
IMAGE_ARCHIVE  ?= $(STATE_DIR)/kind-image.tar
METRICS_SERVER ?= https://github.com/kubernetes-sigs/metrics-server/releases/download/v0.7.2/components.yaml
DEMO_WATCH     := k8s/kind/demo-watch.txt
# kind drives docker by default; podman needs the provider named.
KIND           := $(if $(filter podman,$(CONTAINER_ENGINE)),KIND_EXPERIMENTAL_PROVIDER=podman )kind

.PHONY: kind-up
kind-up: ## Create the kind cluster (1 control plane + 2 workers) and metrics-server for the HPA
	$(KIND) create cluster --name $(KIND_CLUSTER) --config $(KIND_CONFIG)
	kubectl apply -f $(METRICS_SERVER)
	@# kind's kubelets serve self-signed certificates.
	kubectl -n kube-system patch deployment metrics-server --type=json \
	  -p '[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--kubelet-insecure-tls"}]'
	@echo "LoadBalancer Services get an EXTERNAL-IP while cloud-provider-kind runs (another terminal): sudo cloud-provider-kind"

.PHONY: kind-load
kind-load: ## Copy IMAGE into every kind node as an image archive (works with docker and podman; make docker-build first)
	mkdir -p $(STATE_DIR)
	$(CONTAINER_ENGINE) tag $(IMAGE) $(KIND_IMAGE)
	$(CONTAINER_ENGINE) save -o $(IMAGE_ARCHIVE) $(KIND_IMAGE)
	$(KIND) load image-archive $(IMAGE_ARCHIVE) --name $(KIND_CLUSTER)

.PHONY: kind-down
kind-down: ## Delete the kind cluster
	$(KIND) delete cluster --name $(KIND_CLUSTER)

.PHONY: demos
demos: ## List the demo-NN targets: make demo-03 applies k8s/examples/03-* and prints what to watch
	@grep -v '^#' $(DEMO_WATCH)

# demo-NN: one per example folder k8s/examples/NN-*; the text comes from k8s/kind/demo-watch.txt.
demo-%:
	@test -n "$(wildcard k8s/examples/$*-*)" || { echo "no example folder k8s/examples/$*-*" >&2; exit 1; }
	kubectl apply -k $(wildcard k8s/examples/$*-*)
	@echo "What to watch:"; grep '^$* ' $(DEMO_WATCH) | cut -d' ' -f2- | sed 's/^/  /'

##@ Benchmarks (owned by the benchmarks work: tests/bench, tests/MlService.Benchmarks, docs/benchmarks.md)

BENCH_ARGS ?=

.PHONY: bench
bench: ## End-to-end benchmark with wrk: FastAPI+sklearn vs bare Kestrel vs MlService (~15 min; BENCH_ARGS="--rounds 1 --duration 3" for a smoke run)
	bash tests/bench/run-bench.sh $(BENCH_ARGS)

.PHONY: bench-micro
bench-micro: ## BenchmarkDotNet micro-benchmarks of the hot path, short job (BENCH_FILTER='*Decode*' narrows it)
	bash tests/bench/run-micro.sh

BENCH_POD_ARGS ?=
BENCH_POD_DOCS ?= docs/capacity.md

.PHONY: bench-pod
bench-pod: ## Per-pod benchmark under podman --cpus/--memory: MlService vs ceiling vs FastAPI (twin, lean) per cell; table into docs/capacity.md (~1 h; BENCH_POD_ARGS="--rounds 1 --cells 0.5x256,1x256 --duration 3" for a smoke run)
	BENCH_POD_DOCS=$(BENCH_POD_DOCS) bash tests/bench/bench-pod.sh $(BENCH_POD_ARGS)

##@ Load tool precision (tests/bench/loadtool-vs-wrk.sh, docs/loadtest.md)

BENCH_LOADTOOL_ARGS ?=

.PHONY: bench-loadtool
bench-loadtool: ## mlservice-loadtest (raw and HttpClient paths, open loop) vs wrk on one Release MlService: table and the two targets (~5 min; BENCH_LOADTOOL_ARGS="--rounds 1 --duration 2 --warmup 1" for a smoke run)
	bash tests/bench/loadtool-vs-wrk.sh $(BENCH_LOADTOOL_ARGS)
