#!/usr/bin/env bash
# Offline checks of the Kubernetes manifests (ctest: unit.deploy_manifests).
# No cluster needed: kubectl's built-in kustomize renders deploy/base and
# every deploy/overlays/*, then deploy/check/check.js
#   1. validates every rendered object against the Kubernetes schemas
#      (npm kubernetes-models) or, for the ServiceMonitor, the
#      prometheus-operator's (@kubernetes-models/prometheus-operator),
#      refusing unknown fields;
#   2. asserts compdata's policies (deploy/check/lib/policy.js): selectors
#      that select the serving pods, container hardening, probes and ports
#      against the ConfigMap, the termination budget, the migration Job's
#      Secret and mode, the NetworkPolicy's ports, replicas/HPA/image pins;
#   3. runs its negative tests: ~50 broken copies of the rendered overlays
#      (lib/selftest.js), and one broken overlay rendered by kustomize (the
#      PDB's selector removed), each of which must fail.
# npm dependencies: deploy/check/package-lock.json, installed with `npm ci`
# into deploy/check/node_modules when missing or out of date.
#
# Usage: deploy/check.sh        (from any directory)
set -euo pipefail

deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
checkdir="$deploy/check"
die() { echo "deploy/check.sh: $*" >&2; exit 2; }

# kubectl is part of the development machine, not installable from Debian
# (its kubernetes-client is too old, below) or npm: without it the checks
# are reported skipped (ctest SKIP_RETURN_CODE 77), never passed.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "deploy/check.sh: SKIPPED: kubectl not found (it renders the overlays: kubectl kustomize)" >&2
  exit 77
fi
# kustomize 5 (kubectl >= 1.27): the base uses `labels:` and inline patches.
# Debian 12's kubernetes-client (1.20, kustomize 2) renders neither.
kustomize_version="$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p' || true)"
[[ "${kustomize_version:-0}" -ge 5 ]] ||
  die "kubectl's kustomize is older than v5 ($(kubectl version --client 2>&1 | tr '\n' ' ')); install kubectl >= 1.27"
command -v node >/dev/null 2>&1 || die "node not found (run scripts/install-deps.sh)"
command -v npm >/dev/null 2>&1 || die "npm not found (run scripts/install-deps.sh)"
major="$(node -p 'process.versions.node.split(".")[0]')"
((major >= 18)) || die "node $(node --version) is too old: the checks need node >= 18"

# As node/install.sh: npm ci only when node_modules is missing or the
# package files changed since the last install (a copy of both is the stamp;
# npm ci removes node_modules first, so a failed install leaves no stamp).
stamp="$checkdir/node_modules/.compdata-install-stamp"
want="$(cat "$checkdir/package.json" "$checkdir/package-lock.json")"
if [[ ! -f "$stamp" ]] || [[ "$(cat "$stamp")" != "$want" ]]; then
  echo "deploy/check.sh: npm ci in $checkdir" >&2
  npm ci --prefix "$checkdir" --no-audit --no-fund --loglevel=error >&2
  printf '%s' "$want" >"$stamp"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Render: the base and every overlay (an overlay check.js has no
# expectations for fails, so a new one cannot go unchecked).
rendered=()
render() { # NAME DIR
  kubectl kustomize "$2" >"$tmp/$1.yaml" || die "kubectl kustomize $2 failed"
  rendered+=("$1=$tmp/$1.yaml")
}
render base "$deploy/base"
for dir in "$deploy"/overlays/*/; do
  render "$(basename "$dir")" "$dir"
done

echo "== schemas and policies"
node "$checkdir/check.js" "${rendered[@]}"

echo "== negative tests: broken copies of the rendered overlays"
node "$checkdir/check.js" --self-test "prod=$tmp/prod.yaml" "tls=$tmp/tls.yaml"

echo "== negative test: an overlay whose PDB has no selector"
mkdir -p "$tmp/broken"
cat >"$tmp/broken/kustomization.yaml" <<EOF
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - $(realpath --relative-to="$tmp/broken" "$deploy/base")
patches:
  - target:
      kind: PodDisruptionBudget
      name: compdata
    patch: |-
      - op: remove
        path: /spec/selector
EOF
kubectl kustomize "$tmp/broken" >"$tmp/broken.yaml" || die "kubectl kustomize of the broken overlay failed"
node "$checkdir/check.js" --expect-failure "base=$tmp/broken.yaml"

echo "deploy/check.sh: all checks passed"
