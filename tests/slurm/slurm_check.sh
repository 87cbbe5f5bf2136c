#!/usr/bin/env bash
# Sharded extraction on a real single-node Slurm cluster, as docs/slurm.md describes it.
#
# Starts munged, slurmctld and slurmd on 127.0.0.1 with a private configuration in a temporary
# directory, writes two .warc.gz archives from the pages in corpus/, runs
#   - a 4-task job array, each task `newsfacts extract --db shard-<task>.db ARCHIVES...` with
#     its shard taken from Slurm's job-array variables (no --shard), and
#   - a merge job that depends on the array (afterok), `newsfacts merge merged.db shard-*.db`,
# then checks that the shards are disjoint and non-empty, and that the merged database holds
# exactly the rows of one single-process `newsfacts extract` over the same archives.
#
# Usage: tests/slurm/slurm_check.sh [path/to/newsfacts]   (default build/newsfacts)
# Environment: NEWSFACTS_SLURM_TIMEOUT   seconds to wait for the jobs (default 300)
#              NEWSFACTS_SLURM_KEEP=1     keep the temporary directory (logs, databases)
# Installs the Debian packages slurmctld, slurmd, slurm-client and munge when missing.
# Every daemon it starts is stopped again, by PID, when it exits.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin_arg=${1:-$root/build/newsfacts}
if [ ! -x "$bin_arg" ]; then
  echo "slurm_check: $bin_arg: not an executable (build it with 'make build')" >&2
  exit 2
fi
bin=$(cd "$(dirname "$bin_arg")" && pwd)/$(basename "$bin_arg")
timeout_s=${NEWSFACTS_SLURM_TIMEOUT:-300}
start_time=$SECONDS

say() { printf 'slurm_check: %s\n' "$*"; }
fail() {
  printf 'slurm_check: FAIL: %s\n' "$*" >&2
  exit 1
}

# --- Debian packages -------------------------------------------------------------------
missing=()
for p in slurmctld slurmd slurm-client munge; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  make -C "$root" --no-print-directory ci-deps >/dev/null || fail "make ci-deps failed"
fi
export PATH="$PATH:/usr/sbin:/sbin"
for c in munged mungekey munge unmunge slurmctld slurmd sbatch sinfo squeue scontrol scancel sqlite3 python3; do
  command -v "$c" >/dev/null || fail "$c not found after installing the packages"
done

# --- temporary directory, and stopping everything on exit ------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/newsfacts-slurm.XXXXXX")
chmod 0755 "$work" # job steps and munged check the path; nothing secret lives at this level
mkdir -m 0755 "$work/munge" # the key file inside is 0400
mkdir -p "$work/etc" "$work/state" "$work/spool" "$work/log" "$work/jobs" "$work/archives"
export SLURM_CONF="$work/etc/slurm.conf"
# Nothing from the caller's Slurm or Kubernetes job may leak into the jobs or the commands
# below (the single-process run must not be a shard itself).
while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep -E '^(SLURM_|SBATCH_|SQUEUE_|SINFO_|SCONTROL_)' | grep -v '^SLURM_CONF$' || true)
unset JOB_COMPLETION_INDEX

daemon_pids=() # in start order; stopped in reverse
job_ids=()

pid_alive() { # running, not a zombie
  [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

stop_pid() { # TERM, up to 10 s, then KILL
  local pid=$1 i
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# Processes that carry this run's SLURM_CONF in their environment but are not this script or
# its children: slurmstepd and job processes that outlived their slurmd. Matched by the exact
# path of this run's temporary directory.
leftover_pids() {
  local d pid p
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    { tr '\0' '\n' <"$d/environ"; } 2>/dev/null | grep -qxF "SLURM_CONF=$SLURM_CONF" || continue
    p=$pid
    while [ -n "$p" ] && [ "$p" -gt 1 ] && [ "$p" != "$$" ]; do
      p=$(sed -n 's/^PPid:[[:space:]]*//p' "/proc/$p/status" 2>/dev/null)
    done
    [ "$p" = "$$" ] || echo "$pid"
  done
}

cleanup() {
  local rc=$? i pid
  set +e
  trap - EXIT INT TERM
  if [ "${#job_ids[@]}" -gt 0 ] && [ -n "${slurmctld_pid:-}" ] && pid_alive "$slurmctld_pid"; then
    scancel "${job_ids[@]}" 2>/dev/null
    for ((i = 0; i < 100; i++)); do
      [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.1
    done
  fi
  for ((i = ${#daemon_pids[@]} - 1; i >= 0; i--)); do
    stop_pid "${daemon_pids[$i]}"
  done
  for pid in $(leftover_pids); do
    stop_pid "$pid"
  done
  for pid in "${daemon_pids[@]}"; do
    wait "$pid" 2>/dev/null
  done
  if [ "${NEWSFACTS_SLURM_KEEP:-0}" = 1 ]; then
    say "kept $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_logs() { # the end of each daemon's log (its stderr when it died before opening the log)
  local d f
  for d in munged slurmctld slurmd; do
    f="$work/log/$d.log"
    [ -s "$f" ] || f="$work/log/$d.out"
    [ -s "$f" ] || continue
    echo "----- $(basename "$f") (last 25 lines)" >&2
    tail -n 25 "$f" >&2
  done
}

# Waits up to $1 seconds for the command in the remaining arguments to succeed.
wait_for() {
  local limit=$1 t0=$SECONDS
  shift
  until "$@"; do
    [ $((SECONDS - t0)) -lt "$limit" ] || return 1
    sleep 0.2
  done
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# --- munge: a private key and a private socket -------------------------------------------
user=$(id -un)
host=$(hostname -s 2>/dev/null || hostname)
socket="$work/munge/munge.socket"
[ "${#socket}" -lt 100 ] || fail "$socket: too long for a Unix socket; set TMPDIR to a shorter directory"
mungekey --create --keyfile="$work/munge/munge.key" --bits=1024 2>/dev/null ||
  dd if=/dev/urandom of="$work/munge/munge.key" bs=128 count=1 status=none
chmod 0400 "$work/munge/munge.key"
munged --foreground --force --socket="$socket" --key-file="$work/munge/munge.key" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/log/munged.log" \
  --seed-file="$work/munge/munged.seed" >"$work/log/munged.out" 2>&1 &
munged_pid=$!
daemon_pids+=("$munged_pid")
munge_ok() { munge --socket="$socket" -n </dev/null 2>/dev/null | unmunge --socket="$socket" >/dev/null 2>&1; }
if ! wait_for 20 munge_ok; then
  show_logs
  fail "munged did not start (a credential could not be made and checked on $socket)"
fi

# --- slurm.conf: one node, 127.0.0.1 only -------------------------------------------------
ctld_port=$(free_port)
slurmd_port=$(free_port)
while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port=$(free_port); done
cpus=$(nproc)
mem=$(slurmd -C 2>/dev/null | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' | head -n 1)
if [ -z "$mem" ] || [ "$mem" -le 0 ]; then fail "slurmd -C reported no RealMemory"; fi
mem=$((mem * 9 / 10)) # a bit below what the node reports, so that it registers
touch "$work/etc/plugstack.conf"
{
  echo "ClusterName=newsfacts"
  echo "SlurmctldHost=$host(127.0.0.1)"
  echo "SlurmctldPort=$ctld_port"
  echo "SlurmdPort=$slurmd_port"
  echo "SlurmUser=$user"
  echo "SlurmdUser=$user"
  echo "AuthType=auth/munge"
  echo "CredType=cred/munge"
  echo "AuthInfo=socket=$socket"
  echo "CommunicationParameters=NoInAddrAny,NoCtldInAddrAny"
  echo "StateSaveLocation=$work/state"
  echo "SlurmdSpoolDir=$work/spool"
  echo "SlurmctldPidFile=$work/slurmctld.pid"
  echo "SlurmdPidFile=$work/slurmd.pid"
  echo "SlurmctldLogFile=$work/log/slurmctld.log"
  echo "SlurmdLogFile=$work/log/slurmd.log"
  echo "SlurmctldDebug=info"
  echo "SlurmdDebug=info"
  echo "PlugStackConfig=$work/etc/plugstack.conf"
  echo "ProctrackType=proctrack/linuxproc"
  echo "TaskPlugin=task/none"
  echo "SelectType=select/cons_tres"
  echo "SelectTypeParameters=CR_Core"
  echo "SchedulerType=sched/backfill"
  echo "MpiDefault=none"
  echo "SwitchType=switch/none"
  echo "ReturnToService=2"
  echo "AccountingStorageType=accounting_storage/none"
  echo "JobAcctGatherType=jobacct_gather/none"
  echo "JobCompType=jobcomp/none"
  echo "MailProg=/bin/true"
  echo "MinJobAge=600"
  echo "KillWait=5"
  echo "NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN"
  echo "PartitionName=newsfacts Nodes=$host Default=YES MaxTime=30 State=UP"
} >"$SLURM_CONF"

slurmctld -D >"$work/log/slurmctld.out" 2>&1 &
slurmctld_pid=$!
daemon_pids+=("$slurmctld_pid")
ctld_up() { pid_alive "$slurmctld_pid" && scontrol ping 2>/dev/null | grep -q 'is UP'; }
if ! wait_for 30 ctld_up; then
  show_logs
  fail "slurmctld did not come up on 127.0.0.1:$ctld_port"
fi
slurmd -D -N "$host" >"$work/log/slurmd.out" 2>&1 &
slurmd_pid=$!
daemon_pids+=("$slurmd_pid")
node_idle() { pid_alive "$slurmd_pid" && [ "$(sinfo -h -N -n "$host" -o %t 2>/dev/null)" = idle ]; }
if ! wait_for 60 node_idle; then
  show_logs
  sinfo -N -l >&2 || true
  fail "node $host did not become idle"
fi
say "cluster up: node $host idle, $cpus CPUs, ${mem} MB, slurmctld on 127.0.0.1:$ctld_port ($((SECONDS - start_time)) s)"

# --- the test archives: every corpus page, six times under different URLs -----------------
python3 - "$root/corpus" "$work/archives" <<'PY' || fail "writing the test archives failed"
import base64, glob, gzip, hashlib, os, re, sys, uuid

corpus, out = sys.argv[1], sys.argv[2]
pages = [open(p, "rb").read() for p in sorted(glob.glob(os.path.join(corpus, "*", "page.html")))]
if not pages:
    sys.exit("no corpus/*/page.html found under " + corpus)
copies, files = 6, 2
date = "2024-05-24T10:00:00Z"


def record(kind, fields, block):
    head = ["WARC/1.1", "WARC-Type: " + kind] + [f"{k}: {v}" for k, v in fields]
    head += ["Content-Length: %d" % len(block)]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def sha1(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


responses = []
for n in range(len(pages) * copies):
    body = pages[n % len(pages)]
    m = re.search(rb'<meta[^>]+charset="?([A-Za-z0-9_-]+)', body[:4096], re.I)
    charset = m.group(1).decode().lower() if m else "utf-8"
    http = ("HTTP/1.1 200 OK\r\n"
            f"Content-Type: text/html; charset={charset}\r\n"
            f"Content-Length: {len(body)}\r\n"
            "\r\n").encode() + body
    uri = f"https://example.test/{n + 1}"
    responses.append(record("response", [
        ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, uri)}>"),
        ("WARC-Date", date),
        ("WARC-Target-URI", uri),
        ("Content-Type", "application/http;msgtype=response"),
        ("WARC-Payload-Digest", sha1(body)),
        ("WARC-Block-Digest", sha1(http)),
    ], http))

for f in range(files):
    name = f"pages-{f + 1}.warc.gz"
    info = b"software: newsfacts tests/slurm\r\nformat: WARC File Format 1.1\r\n"
    with open(os.path.join(out, name), "wb") as w:
        # One gzip member per record, as crawlers write them.
        w.write(gzip.compress(record("warcinfo", [
            ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>"),
            ("WARC-Date", date),
            ("WARC-Filename", name),
            ("Content-Type", "application/warc-fields"),
        ], info), mtime=0))
        for r in responses[f::files]:
            w.write(gzip.compress(r, mtime=0))
PY
archives=("$work"/archives/*.warc.gz)
pages=("$root"/corpus/*/page.html)
expected_articles=$((${#pages[@]} * 6))
[ "${#archives[@]}" -eq 2 ] || fail "expected 2 archives, found ${#archives[@]}"
say "archives: ${#archives[@]} files, $expected_articles response records"

# --- the jobs ------------------------------------------------------------------------------
tasks=4
# shellcheck disable=SC2016 # these lines are the job scripts' own shell code
{
  echo '#!/bin/bash'
  echo 'set -euo pipefail'
  echo 'echo "task $SLURM_ARRAY_TASK_ID: min $SLURM_ARRAY_TASK_MIN, count $SLURM_ARRAY_TASK_COUNT, on $(hostname)"'
  printf 'exec %q extract --quiet --threads 1 --db %q/shard-"$SLURM_ARRAY_TASK_ID".db' "$bin" "$work"
  printf ' %q' "${archives[@]}"
  echo
} >"$work/jobs/extract.sh"
{
  echo '#!/bin/bash'
  echo 'set -euo pipefail'
  printf 'exec %q merge %q/merged.db %q/shard-*.db\n' "$bin" "$work" "$work"
} >"$work/jobs/merge.sh"

array_id=$(sbatch --parsable --job-name=nf-extract --array=0-$((tasks - 1))%2 --cpus-per-task=1 \
  --chdir="$work" --output="$work/log/extract-%A_%a.out" "$work/jobs/extract.sh") ||
  fail "sbatch of the extract array was refused"
array_id=${array_id%%;*}
job_ids+=("$array_id")
merge_id=$(sbatch --parsable --job-name=nf-merge --dependency="afterok:$array_id" \
  --kill-on-invalid-dep=yes --cpus-per-task=1 --chdir="$work" \
  --output="$work/log/merge-%j.out" "$work/jobs/merge.sh") ||
  fail "sbatch of the merge job was refused"
merge_id=${merge_id%%;*}
job_ids+=("$merge_id")
say "submitted array job $array_id (tasks 0-$((tasks - 1)), 2 at a time) and merge job $merge_id (afterok)"

job_logs() { # what each job did, its output, then the daemons' logs
  local f
  echo "----- jobs" >&2
  { scontrol -o show job "$array_id"; scontrol -o show job "$merge_id"; } 2>/dev/null |
    grep -oE '^JobId=[0-9]+|ArrayTaskId=[^ ]+|JobState=[^ ]+|Reason=[^ ]+|ExitCode=[^ ]+|Dependency=[^ ]+' |
    paste -sd ' ' | sed 's/ JobId=/\nJobId=/g' >&2 || true
  for f in "$work"/log/extract-*.out "$work"/log/merge-*.out; do
    [ -e "$f" ] || continue
    echo "----- $(basename "$f")" >&2
    cat "$f" >&2
  done
  show_logs
}

# JobState of every job (or array task) of a job id, one per line.
states() { scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2; }

t0=$SECONDS
while :; do
  a=$(states "$array_id")
  m=$(states "$merge_id")
  bad=$(printf '%s\n%s\n' "$a" "$m" | grep -Ev '^(PENDING|CONFIGURING|RUNNING|COMPLETING|COMPLETED|)$' || true)
  if [ -n "$bad" ]; then
    job_logs
    fail "a job ended $(echo "$bad" | paste -sd ,) (logs above)"
  fi
  if [ "$m" = COMPLETED ]; then
    break
  fi
  for d in slurmctld slurmd munged; do
    pid_var="${d}_pid"
    pid_alive "${!pid_var}" || {
      job_logs
      fail "$d (pid ${!pid_var}) died while the jobs ran (logs above)"
    }
  done
  if [ $((SECONDS - t0)) -ge "$timeout_s" ]; then
    job_logs
    fail "jobs not done after $timeout_s s (array: $(echo "$a" | paste -sd ' '), merge: $m)"
  fi
  sleep 0.5
done
[ "$(states "$array_id" | grep -c '^COMPLETED$')" -eq "$tasks" ] || {
  job_logs
  fail "the merge job ran, but not all $tasks array tasks completed"
}
say "jobs done ($((SECONDS - t0)) s)"

# --- one process over the same archives ----------------------------------------------------
"$bin" extract --quiet --db "$work/single.db" "${archives[@]}" >"$work/log/single.out" 2>&1 || {
  cat "$work/log/single.out" >&2
  fail "single-process extract failed"
}

# --- checks --------------------------------------------------------------------------------
q() { sqlite3 -batch -bail "$1" "$2"; }
for db in "$work/single.db" "$work/merged.db"; do
  [ -s "$db" ] || fail "$(basename "$db") was not written"
done
n_single=$(q "$work/single.db" 'SELECT count(*) FROM articles')
[ "$n_single" -eq "$expected_articles" ] ||
  fail "single-process extract stored $n_single articles, expected $expected_articles (one per response record)"
for t in quantities dates officials quotes; do
  [ "$(q "$work/single.db" "SELECT count(*) FROM $t")" -gt 0 ] ||
    fail "single-process extract stored no $t, so the comparison would prove nothing"
done

# Shards: each task wrote a non-empty database, no article is in two, together they are all.
total=0
for ((k = 0; k < tasks; k++)); do
  db="$work/shard-$k.db"
  [ -s "$db" ] || { job_logs; fail "array task $k wrote no shard-$k.db"; }
  n=$(q "$db" 'SELECT count(*) FROM articles')
  [ "$n" -gt 0 ] || fail "shard-$k.db holds no articles (the $expected_articles URLs should spread over all $tasks shards)"
  [ "$n" -lt "$expected_articles" ] || fail "shard-$k.db holds every article: the task did not take its shard from the array variables"
  total=$((total + n))
  q "$db" 'SELECT id FROM articles' >>"$work/shard-ids.txt"
  say "shard-$k.db: $n articles"
done
dups=$(sort "$work/shard-ids.txt" | uniq -d)
[ -z "$dups" ] || fail "articles in more than one shard: $(echo "$dups" | paste -sd ' ')"
[ "$total" -eq "$n_single" ] || fail "the shards hold $total articles together, the single run $n_single"
sort "$work/shard-ids.txt" >"$work/shard-ids.sorted"
q "$work/single.db" 'SELECT id FROM articles ORDER BY id' | LC_ALL=C sort >"$work/single-ids.sorted"
LC_ALL=C sort -o "$work/shard-ids.sorted" "$work/shard-ids.sorted"
cmp -s "$work/shard-ids.sorted" "$work/single-ids.sorted" ||
  fail "the shards' article ids are not those of the single run"

# The merged database has the schema of the single run's, and the same rows, table by table.
schema='SELECT type, name, sql FROM sqlite_schema ORDER BY type, name'
[ "$(q "$work/single.db" "$schema")" = "$(q "$work/merged.db" "$schema")" ] ||
  fail "merged.db and single.db have different schemas"
# Every column of articles but those that only say which run, when and from which fetch row
# the article was written in this database.
article_cols=$(q "$work/single.db" "SELECT group_concat(name, ', ') FROM pragma_table_info('articles')
  WHERE name NOT IN ('seq', 'run_id', 'fetch_id', 'stored_at')")
case ", $article_cols," in
  *", id,"*", text,"*) ;;
  *) fail "unexpected columns in articles: $article_cols" ;;
esac
declare -A select=(
  [articles]="SELECT $article_cols FROM articles ORDER BY id"
  [quantities]="SELECT * FROM quantities ORDER BY article_id, position"
  [dates]="SELECT * FROM dates ORDER BY article_id, position"
  [officials]="SELECT * FROM officials ORDER BY article_id, position"
  [mentions]="SELECT * FROM mentions ORDER BY article_id, official_position, position"
  [quotes]="SELECT * FROM quotes ORDER BY article_id, position"
  [quote_parts]="SELECT * FROM quote_parts ORDER BY article_id, quote_position, position"
  [captures]="SELECT * FROM captures ORDER BY url, date, digest"
)
tables=(articles quantities dates officials mentions quotes quote_parts captures)
for t in "${tables[@]}"; do
  q "$work/single.db" "${select[$t]}" >"$work/single-$t.txt" || fail "query of $t in single.db failed"
  q "$work/merged.db" "${select[$t]}" >"$work/merged-$t.txt" || fail "query of $t in merged.db failed"
  if ! cmp -s "$work/single-$t.txt" "$work/merged-$t.txt"; then
    diff "$work/single-$t.txt" "$work/merged-$t.txt" | head -n 20 >&2 || true
    fail "$t: the merged database differs from the single run (< single, > merged)"
  fi
  say "$t: $(q "$work/single.db" "SELECT count(*) FROM (${select[$t]})") rows, merged = single"
done
[ "$(q "$work/single.db" 'SELECT count(*) FROM articles WHERE archive_file IS NULL')" -eq 0 ] ||
  fail "articles of the single run without their archive reference"

# Each task recorded the shard it took from the array variables: task I is shard I+1 of 4,
# and the merge carried the four runs over.
for ((k = 0; k < tasks; k++)); do
  got=$(q "$work/shard-$k.db" "SELECT group_concat(shard) FROM runs WHERE command = 'extract'")
  [ "$got" = "$((k + 1))/$tasks" ] || fail "shard-$k.db: run recorded shard '$got', expected $((k + 1))/$tasks"
done
got=$(q "$work/merged.db" "SELECT group_concat(shard, ' ') FROM (SELECT shard FROM runs
  WHERE command = 'extract' AND finished_at IS NOT NULL ORDER BY shard)")
want=$(for ((k = 1; k <= tasks; k++)); do printf '%s/%s ' "$k" "$tasks"; done)
[ "$got" = "${want% }" ] || fail "merged.db runs: shards '$got', expected '${want% }'"
say "runs: shards ${want% } recorded and merged"

# The same through the command-line export, each kind of row sorted.
for what in articles quantities dates officials quotes; do
  for db in single merged; do
    "$bin" export --db "$work/$db.db" --format jsonl --what "$what" >"$work/export-$db-$what.raw" ||
      fail "export --what $what of $db.db failed"
    LC_ALL=C sort "$work/export-$db-$what.raw" >"$work/export-$db-$what.jsonl"
  done
  [ -s "$work/export-single-$what.jsonl" ] || fail "export --what $what of single.db printed nothing"
  cmp -s "$work/export-single-$what.jsonl" "$work/export-merged-$what.jsonl" ||
    fail "export --what $what: merged.db and single.db differ"
done
say "export (articles, quantities, dates, officials, quotes): merged = single"

# Merging again changes nothing (merge is idempotent).
runs_before=$(q "$work/merged.db" 'SELECT count(*) FROM runs')
"$bin" merge "$work/merged.db" "$work"/shard-*.db >"$work/log/remerge.out" 2>&1 || {
  cat "$work/log/remerge.out" >&2
  fail "merging the shards a second time failed"
}
for t in "${tables[@]}"; do
  q "$work/merged.db" "${select[$t]}" | cmp -s - "$work/single-$t.txt" ||
    fail "$t: a second merge of the same shards changed merged.db"
done
[ "$(q "$work/merged.db" 'SELECT count(*) FROM runs')" -eq "$runs_before" ] ||
  fail "a second merge of the same shards added runs"
say "second merge: unchanged"

say "OK in $((SECONDS - start_time)) s"
