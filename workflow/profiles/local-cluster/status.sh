#!/usr/bin/env bash
# Status command for cluster-generic: prints running, success or failed for a job id of submit.sh.
set -u
dir="${FRAMELENS_CLUSTER_DIR:-.snakemake/local-cluster}"
id="$1"
if [ -f "$dir/$id.rc" ]; then
    [ "$(cat "$dir/$id.rc")" = "0" ] && echo success || echo failed
elif [ -f "$dir/$id.pid" ] && kill -0 "$(cat "$dir/$id.pid")" 2>/dev/null; then
    echo running
elif [ -f "$dir/$id.rc" ]; then  # finished between the two checks
    [ "$(cat "$dir/$id.rc")" = "0" ] && echo success || echo failed
else
    echo failed  # the process is gone without an exit code (killed)
fi
