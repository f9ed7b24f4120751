#!/usr/bin/env bash
# Submit command for snakemake-executor-plugin-cluster-generic that imitates a cluster
# on this machine: every job runs as its own detached process (as a batch system would
# run it on a node). Prints only the job id. State: $FRAMELENS_CLUSTER_DIR (default
# .snakemake/local-cluster): <id>.pid, <id>.out (job output), <id>.rc (exit code).
set -euo pipefail
jobscript="${!#}"
dir="${FRAMELENS_CLUSTER_DIR:-.snakemake/local-cluster}"
mkdir -p "$dir"
id="job$(date +%s%N)$$"
setsid nohup bash -c 'bash "$1"; echo $? > "$2.rc.tmp" && mv "$2.rc.tmp" "$2.rc"' _ "$jobscript" "$dir/$id" \
    > "$dir/$id.out" 2>&1 < /dev/null &
echo $! > "$dir/$id.pid"
echo "$id"
