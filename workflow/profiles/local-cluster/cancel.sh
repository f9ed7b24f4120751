#!/usr/bin/env bash
# Cancel command for cluster-generic: stops the given job ids of submit.sh (their process groups).
set -u
dir="${FRAMELENS_CLUSTER_DIR:-.snakemake/local-cluster}"
for id in "$@"; do
    [ -f "$dir/$id.pid" ] && kill -TERM -- "-$(cat "$dir/$id.pid")" 2>/dev/null || true
done
