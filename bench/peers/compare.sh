#!/usr/bin/env bash
# Compares chatroom with InspIRCd and ngIRCd on this machine, loopback only: chatroom in its own
# (plain) dialect, and chatroom in the IRC dialect (`chatroom-irc`) driven by the same IRC
# generator as the two IRC servers, so that comparison is the same protocol on the same machine.
#
#   bench/peers/compare.sh [OUT.md]
#
# Installs the Debian packages if missing, stops their system services, starts one instance
# of each server with the configs in this directory (pid known, run dir under a temp dir),
# runs the same bench scenarios against each (fanout, slow, churn, rooms; then idle on a freshly
# restarted instance, so memory a busy process gives back is not counted), stops every server
# it started (also on failure), and writes markdown tables to OUT.md (default:
# $RUNDIR/compare.md) and stdout.
#
# Environment (defaults in brackets):
#   DURATION [20s] WARMUP [5s]  measured time and warm-up of each fan-out run
#   RATES ["10 50"]             per-sender rates (scenario A: 200 members, 20 senders)
#   SLOW_RATE [50] SLOW_DURATION [25s] SLOW_MESSAGE_BYTES [300] SLOW_ROUNDS [4]
#                               slow: scenario A with 1 % (2) of the members stalled from the
#                               window's start; the bytes must outgrow every server's send queue
#                               (1 MiB for chatroom and InspIRCd here) plus the kernel's socket
#                               buffers (up to ~4 MiB on loopback) within the window. SLOW_ROUNDS
#                               runs of each kind (B S S B …), latencies pooled per kind
#   CHURN_RATE [10] CHURN_STAY_MAX [5s]
#                               churn: scenario A at 10/s while others join at CHURN_RATE/s
#   ROOMS_MEMBERS [5000] ROOMS_ROOMS [500] ROOMS_PER_MEMBER [3] ROOMS_SENDERS [250]
#   ROOMS_RATE [1] ROOMS_PRIVATE_RATE [100]
#                               rooms: every member in the lobby (#bench for IRC) and in
#                               ROOMS_PER_MEMBER of ROOMS_ROOMS rooms of equal size; ROOMS_SENDERS
#                               send ROOMS_RATE msgs/s each into their rooms, ROOMS_PRIVATE_RATE
#                               private msgs/s in all between random members
#   ROOMS_SERVERS ["chatroom chatroom-irc inspircd ngircd"]
#                               servers that run rooms (the IRC ones: JOIN #r…, PRIVMSG #r… and
#                               PRIVMSG nick). ROOMS_MEMBERS joining #bench is slow on the IRC
#                               servers (every join goes to every member): leave them out for a
#                               short run. chatroom needs a launcher with
#                               --room-creations-per-minute and --private-rate; without them its
#                               rooms run is skipped (said in the table).
#   IDLE_CONNECTIONS [10000]    connections for the idle-memory run (the issues' targets are per
#                               connection at 10,000; each server and the bench need that many
#                               file descriptors: see `ulimit -n`); 0 leaves the idle runs out
#   IDLE_JOIN_TIMEOUT [90m]     time for the idle members to join: every join goes to every member,
#                               so it grows with the square of IDLE_CONNECTIONS (ngIRCd took 37 min
#                               for 10,000 on the shared 2-CPU box, load average 5-11)
#   ROOMS_JOIN_TIMEOUT [40m]    the same for the rooms run's ROOMS_MEMBERS
#   IDLE_SETTLE [15s]           wait after the last join before reading VmRSS (long enough for a
#                               server to give back what the join storm took)
#   NGIRCD_BURST [8]            members connected but not yet joined at once, for ngIRCd
#                               (its listen backlog is 10; more overflows it)
#   SERVERS ["chatroom chatroom-irc inspircd ngircd"]
#                               chatroom-irc: chatroom started as `chatroom` is (another port),
#                               loaded with --dialect irc like the IRC servers
#   CHATROOM_IRC_ROOM [bench]   chatroom-irc's default room (--room), which every member is put in
#                               on registering: named after the generator's #bench, each member is
#                               in one channel, as on the IRC servers; `lobby` (chatroom's default)
#                               puts every member in #lobby and #bench
#   BASE_REF [unset]            a git ref of chatroom (a commit, a tag) to measure side by side
#                               with the code checked out: scenario A at each of RATES, AB_ROUNDS
#                               rounds of base then current, each on a freshly started server,
#                               in a table of its own. Built from a worktree in the run dir.
#   AB_ROUNDS [2]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PEERS=$ROOT/bench/peers
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
RATES=${RATES:-"10 50"}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
IDLE_SETTLE=${IDLE_SETTLE:-15s}
IDLE_JOIN_TIMEOUT=${IDLE_JOIN_TIMEOUT:-90m}
ROOMS_JOIN_TIMEOUT=${ROOMS_JOIN_TIMEOUT:-40m}
SLOW_RATE=${SLOW_RATE:-50}
SLOW_DURATION=${SLOW_DURATION:-25s}
SLOW_ROUNDS=${SLOW_ROUNDS:-4}
SLOW_MESSAGE_BYTES=${SLOW_MESSAGE_BYTES:-300}
CHURN_RATE=${CHURN_RATE:-10}
CHURN_STAY_MAX=${CHURN_STAY_MAX:-5s}
NGIRCD_BURST=${NGIRCD_BURST:-8}
ROOMS_MEMBERS=${ROOMS_MEMBERS:-5000}
ROOMS_ROOMS=${ROOMS_ROOMS:-500}
ROOMS_PER_MEMBER=${ROOMS_PER_MEMBER:-3}
ROOMS_SENDERS=${ROOMS_SENDERS:-250}
ROOMS_RATE=${ROOMS_RATE:-1}
ROOMS_PRIVATE_RATE=${ROOMS_PRIVATE_RATE:-100}
ROOMS_SERVERS=${ROOMS_SERVERS-"chatroom chatroom-irc inspircd ngircd"}
SERVERS=${SERVERS-"chatroom chatroom-irc inspircd ngircd"}
CHATROOM_IRC_ROOM=${CHATROOM_IRC_ROOM:-bench}
BASE_REF=${BASE_REF:-}
AB_ROUNDS=${AB_ROUNDS:-2}
PORT_BASE=6670
PORT_INSPIRCD=6667
PORT_NGIRCD=6668
PORT_CHATROOM=6669
PORT_CHATROOM_IRC=6671
RUNDIR=$(mktemp -d /tmp/chatroom-peers.XXXXXX)
chmod 755 "$RUNDIR"
OUT=${1:-$RUNDIR/compare.md}
STARTED_PIDS=()

log() { printf '%s compare: %s\n' "$(date +%T)" "$*" >&2; }
for timeout in "$IDLE_JOIN_TIMEOUT" "$ROOMS_JOIN_TIMEOUT"; do
    [[ $timeout =~ ^[0-9]+m$ ]] || { log "a join timeout must be whole minutes (like 40m): $timeout"; exit 2; }
done

# Stops every server this script started: SIGTERM, up to 10 s, then SIGKILL.
stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do
        stop_pid "$pid"
    done
    if declare -F remove_base >/dev/null; then
        remove_base
    fi
}
# ngIRCd calls listen() with a fixed backlog of 10. A burst of connections beyond it overflows
# the accept queue: with SYN cookies some members are reset before registering, without them
# SYN retries push connects past their timeout. So every ngIRCd run passes
# --connect-burst $NGIRCD_BURST: never more members connected-but-not-joined than that.
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- packages and system services --------------------------------------------------------
if [[ " $SERVERS " == *" inspircd "* || " $SERVERS " == *" ngircd "* ]] \
    && { ! command -v inspircd >/dev/null || ! command -v ngircd >/dev/null; }; then
    log "installing inspircd and ngircd"
    if ! apt-get install -y inspircd ngircd >"$RUNDIR/apt.log" 2>&1; then
        apt-get update >>"$RUNDIR/apt.log" 2>&1
        apt-get install -y inspircd ngircd >>"$RUNDIR/apt.log" 2>&1
    fi
fi
# The packages start system instances; stop them so they neither hold ports nor use CPU.
# Only the system instance, found by its unit or its pid file: never `/etc/init.d/X stop`,
# whose `start-stop-daemon --stop --exec` kills every ngircd on the machine, other users'
# instances included.
for svc in inspircd ngircd; do
    if command -v systemctl >/dev/null && systemctl is-active --quiet "$svc" 2>/dev/null; then
        systemctl stop "$svc" || true
    fi
    for pidfile in /run/$svc/$svc.pid /run/$svc.pid /var/run/$svc/$svc.pid; do
        if [ -s "$pidfile" ]; then
            pid=$(cat "$pidfile")
            [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = "$svc" ] && stop_pid "$pid"
        fi
    done
done

# --- java and the jars -------------------------------------------------------------------
JAVA_BIN=$(cd "$ROOT" && . .mvn/jdk.sh >/dev/null && echo "$JAVA_HOME/bin/java")
BENCH_JAR=$ROOT/module-bench/target/chatroom-bench-0.1.0-SNAPSHOT.jar
LAUNCHER_JAR=$ROOT/module-launcher/target/chatroom-launcher-0.1.0-SNAPSHOT.jar
# Built every run (quick when nothing changed), so the figures are always of the code checked out.
log "building module-bench and module-launcher"
(cd "$ROOT" && ./mvnw -B -q -pl module-bench,module-launcher -am -Dmaven.test.skip=true package)
# The code of BASE_REF, for the side-by-side run: a worktree of it in the run dir, packaged
# there (package only: nothing is installed, so the checked-out code's jars are not touched).
BASE_ROOT=
if [ -n "$BASE_REF" ]; then
    BASE_ROOT=$RUNDIR/base
    log "building $BASE_REF in $BASE_ROOT"
    git -C "$ROOT" worktree add --detach "$BASE_ROOT" "$BASE_REF" >"$RUNDIR/base-worktree.log" 2>&1
    (cd "$BASE_ROOT" && ./mvnw -B -q -pl module-launcher -am -Dmaven.test.skip=true package)
fi
remove_base() {
    [ -n "$BASE_ROOT" ] && git -C "$ROOT" worktree remove --force "$BASE_ROOT" >/dev/null 2>&1 || true
}
# The launcher's room limits (room creations per address a minute, private messages per
# member a second) would refuse the rooms run's joins and messages; older launchers lack them.
CHATROOM_ROOM_OPTS=()
if "$JAVA_BIN" --module-path "$LAUNCHER_JAR:$ROOT/module-launcher/target/modules" \
    -m chatroom.launcher/chatroom.launcher.Main --help 2>/dev/null | grep -q -- '--room-creations-per-minute'; then
    CHATROOM_ROOM_OPTS=(--room-creations-per-minute 0 --private-rate 0 --max-rooms $((ROOMS_ROOMS + 100)))
fi
# Each bench run is killed after BENCH_TIMEOUT seconds: 600, or for rooms and idle (whose joins
# may take long on an IRC server) their join timeout and 10 minutes more.
bench() {
    timeout "${BENCH_TIMEOUT:-600}" "$JAVA_BIN" -Xms1g -Xmx4g \
        --module-path "$BENCH_JAR:$ROOT/module-bench/target/modules" \
        -m chatroom.bench/chatroom.bench.Bench "$@"
}

# --- servers ------------------------------------------------------------------------------
wait_listening() { # port pid
    local i
    for ((i = 0; i < 150; i++)); do
        kill -0 "$2" 2>/dev/null || return 1
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.2
    done
    return 1
}
# A chatroom server built in the tree at $1, on port $2, with the launcher options that follow,
# with the JVM options of bin/chatroom in the runtime image (jlink/src/main/launcher); exec, so
# that the pid of the background job is the JVM's.
start_chatroom() { # tree port launcher-options...
    local tree=$1 port=$2
    shift 2
    exec "$JAVA_BIN" -XX:G1PeriodicGCInterval=5000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 \
        -XX:TrimNativeHeapInterval=5000 \
        --module-path "$tree/module-launcher/target/chatroom-launcher-0.1.0-SNAPSHOT.jar:$tree/module-launcher/target/modules" \
        -m chatroom.launcher/chatroom.launcher.Main --server 127.0.0.1 "$port" \
        --max-rate 0 --max-clients 30000 --max-per-address 0 --connects-per-minute 0 --in-memory --send-queue 1024 \
        "$@"
}
start_server() { # name -> sets SERVER_PID, SERVER_PORT, SERVER_LABEL, DIALECT, CONNECT_OPTS
    local name=$1
    case $name in
    inspircd)
        sed "s#@RUNDIR@#$RUNDIR#g" "$PEERS/inspircd.conf" >"$RUNDIR/inspircd.conf"
        # --runasroot: this machine runs the bench as root; --nofork keeps the pid ours.
        inspircd --nofork --runasroot --config="$RUNDIR/inspircd.conf" >"$RUNDIR/inspircd.out" 2>&1 &
        SERVER_PORT=$PORT_INSPIRCD DIALECT=irc CONNECT_OPTS=()
        SERVER_LABEL="InspIRCd $(dpkg-query -W -f='${Version}' inspircd 2>/dev/null)" ;;
    ngircd)
        sed "s#@RUNDIR@#$RUNDIR#g" "$PEERS/ngircd.conf" >"$RUNDIR/ngircd.conf"
        ngircd --nodaemon --config "$RUNDIR/ngircd.conf" >"$RUNDIR/ngircd.out" 2>&1 &
        SERVER_PORT=$PORT_NGIRCD DIALECT=irc CONNECT_OPTS=(--connect-burst "$NGIRCD_BURST")
        SERVER_LABEL="ngIRCd $(dpkg-query -W -f='${Version}' ngircd 2>/dev/null)" ;;
    chatroom-base)
        start_chatroom "$BASE_ROOT" "$PORT_BASE" >"$RUNDIR/chatroom-base.out" 2>&1 &
        SERVER_PORT=$PORT_BASE DIALECT=plain CONNECT_OPTS=()
        SERVER_LABEL="chatroom $BASE_REF (base)" ;;
    chatroom)
        start_chatroom "$ROOT" "$PORT_CHATROOM" "${CHATROOM_ROOM_OPTS[@]}" >"$RUNDIR/chatroom.out" 2>&1 &
        SERVER_PORT=$PORT_CHATROOM DIALECT=plain CONNECT_OPTS=()
        SERVER_LABEL="chatroom (separate JVM)" ;;
    chatroom-irc)
        # Started as `chatroom` is; only its default room is named after the generator's #bench.
        start_chatroom "$ROOT" "$PORT_CHATROOM_IRC" "${CHATROOM_ROOM_OPTS[@]}" --room "$CHATROOM_IRC_ROOM" \
            >"$RUNDIR/chatroom-irc.out" 2>&1 &
        SERVER_PORT=$PORT_CHATROOM_IRC DIALECT=irc CONNECT_OPTS=()
        SERVER_LABEL="chatroom, IRC dialect (separate JVM)" ;;
    *)
        log "unknown server $name (chatroom, chatroom-irc, inspircd, ngircd)"
        return 1 ;;
    esac
    SERVER_PID=$!
    STARTED_PIDS+=("$SERVER_PID")
    if ! wait_listening "$SERVER_PORT" "$SERVER_PID"; then
        log "$name did not start listening on $SERVER_PORT; see $RUNDIR/$name.out"
        return 1
    fi
    log "$name: pid $SERVER_PID, port $SERVER_PORT"
}

# utime+stime of PID in clock ticks (fields 14 and 15 of /proc/PID/stat, after the comm).
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
TICK=$(getconf CLK_TCK)
secs() { local v=${1%s}; echo "$v"; }
# Whole minutes in a join timeout given as `Nm` (checked at the start).
minutes() { echo "${1%m}"; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

# Scenario A at `rate` against the running server; adds a row to the array named by $2.
fanout_row() { # rate array-name
    local rate=$1 line before after cpu_us deliveries span
    local -n rows=$2
    before=$(cpu_ticks "$SERVER_PID")
    line=$(bench fanout --target "127.0.0.1:$SERVER_PORT" --dialect "$DIALECT" "${CONNECT_OPTS[@]}" \
        --members 200 --senders 20 \
        --rate "$rate" --duration "$DURATION" --warmup "$WARMUP" 2>"$RUNDIR/$name-fanout-$rate.err" \
        | tee "$RUNDIR/$name-fanout-$rate.out" | grep '^RESULT' || true)
    after=$(cpu_ticks "$SERVER_PID" 2>/dev/null || echo "$before")
    if [ -z "$line" ]; then
        log "$name fanout $rate/s failed: $(tail -n 1 "$RUNDIR/$name-fanout-$rate.err")"
        rows+=("| $SERVER_LABEL | A $rate/s | failed | | | | |")
        return 0
    fi
    deliveries=$(field deliveries_per_s "$line")
    span=$(awk -v w="$(secs "$WARMUP")" -v d="$(secs "$DURATION")" 'BEGIN { print w + d }')
    cpu_us=$(awk -v t=$((after - before)) -v hz="$TICK" -v r="$deliveries" -v s="$span" \
        'BEGIN { if (r > 0) printf "%.2f", t / hz * 1e6 / (r * s); else print "n/a" }')
    local row="| $SERVER_LABEL | A $rate/s | $(printf "%'d" "$deliveries") | $(field lost "$line") / $(field expected "$line") | $(field p50_ms "$line") / $(field p99_ms "$line") / $(field max_ms "$line") | $cpu_us | $(field disconnects "$line") |"
    rows+=("$row")
    FIG["$name cpu $rate"]=$cpu_us FIG["$name p99 $rate"]=$(field p99_ms "$line")
    FIG["$name lost A $rate/s"]=$(field lost "$line")
    log "$name A $rate/s: $line server_cpu_us_per_delivery=$cpu_us"
}

# Base and current, alternately, AB_ROUNDS times: the same scenario side by side in one run.
AB=()
run_ab() {
    local round name rate
    for ((round = 1; round <= AB_ROUNDS; round++)); do
        for name in chatroom-base chatroom; do
            start_server "$name" || { AB+=("| $name | did not start | | | | | |"); continue; }
            for rate in $RATES; do
                fanout_row "$rate" AB
            done
            stop_pid "$SERVER_PID"
        done
    done
}

ROWS=()
run_server() {
    local name=$1 rate line
    start_server "$name" || { ROWS+=("| $name | did not start | | | | | |"); return 0; }
    for rate in $RATES; do
        fanout_row "$rate" ROWS
    done
    run_slow
    run_churn
    run_rooms
    # Idle memory on a freshly started server: RSS a busy process gives back while the idle
    # members join (the JVM's heap shrinking after the runs above) would count against them.
    stop_pid "$SERVER_PID"
    [ "$IDLE_CONNECTIONS" -gt 0 ] || return 0
    start_server "$name" || { IDLE+=("| $name | $IDLE_CONNECTIONS | did not restart | | |"); return 0; }
    line=$(BENCH_TIMEOUT=$(($(minutes "$IDLE_JOIN_TIMEOUT") * 60 + 600)) bench idle --target "127.0.0.1:$SERVER_PORT" --dialect "$DIALECT" "${CONNECT_OPTS[@]}" \
        --connections "$IDLE_CONNECTIONS" --join-timeout "$IDLE_JOIN_TIMEOUT" --settle "$IDLE_SETTLE" --server-pid "$SERVER_PID" 2>"$RUNDIR/$name-idle.err" | tee "$RUNDIR/$name-idle.out" | grep '^RESULT' || true)
    if [ -n "$line" ]; then
        IDLE+=("| $SERVER_LABEL | $IDLE_CONNECTIONS | $(field join_s "$line") | $(field rss_before_kib "$line") → $(field rss_after_kib "$line") | $(field rss_per_conn_kib "$line") |")
        FIG["$name idle"]=$(field rss_per_conn_kib "$line")
        log "$name idle: $line"
    else
        IDLE+=("| $SERVER_LABEL | $IDLE_CONNECTIONS | failed: $(tail -n 1 "$RUNDIR/$name-idle.err" | tr '|' '/') | | |")
        log "$name idle failed: $(tail -n 1 "$RUNDIR/$name-idle.err")"
    fi
    stop_pid "$SERVER_PID"
}

# The failure of a run, for a table cell: the last line of its stderr, without pipes.
failed_cell() { echo "failed: $(tail -n 1 "$1" | tr '|' '/')"; }

run_slow() {
    local line
    line=$(bench slow --target "127.0.0.1:$SERVER_PORT" --dialect "$DIALECT" "${CONNECT_OPTS[@]}" \
        --members 200 --senders 20 --stalled-pct 1 --rate "$SLOW_RATE" --message-bytes "$SLOW_MESSAGE_BYTES" \
        --duration "$SLOW_DURATION" --warmup "$WARMUP" --rounds "$SLOW_ROUNDS" 2>"$RUNDIR/$name-slow.err" \
        | tee "$RUNDIR/$name-slow.out" | grep '^RESULT' || true)
    if [ -z "$line" ]; then
        SLOW+=("| $SERVER_LABEL | $(failed_cell "$RUNDIR/$name-slow.err") | | | | | |")
        log "$name slow failed: $(tail -n 1 "$RUNDIR/$name-slow.err")"
        return 0
    fi
    FIG["$name lost slow"]=$(($(field lost "$line") + $(field baseline_lost "$line")))
    SLOW+=("| $SERVER_LABEL | $(field baseline_p99_ms "$line") ($(field baseline_p99_ms_by_round "$line")) | $(field p99_ms "$line") ($(field p99_ms_by_round "$line")) | $(field p99_change_pct "$line") | $(field lost "$line") / $(field expected "$line") | $(field dropped "$line") of $(field stalled_total "$line") | $(field first_drop_s "$line") / $(field last_drop_s "$line") |")
    log "$name slow: $line"
}

run_churn() {
    local line
    line=$(bench churn --target "127.0.0.1:$SERVER_PORT" --dialect "$DIALECT" "${CONNECT_OPTS[@]}" \
        --members 200 --senders 20 --rate 10 --churn-rate "$CHURN_RATE" --stay-max "$CHURN_STAY_MAX" \
        --duration "$DURATION" --warmup "$WARMUP" 2>"$RUNDIR/$name-churn.err" \
        | tee "$RUNDIR/$name-churn.out" | grep '^RESULT' || true)
    if [ -z "$line" ]; then
        CHURN+=("| $SERVER_LABEL | $(failed_cell "$RUNDIR/$name-churn.err") | | | | |")
        log "$name churn failed: $(tail -n 1 "$RUNDIR/$name-churn.err")"
        return 0
    fi
    FIG["$name lost churn"]=$(field lost "$line")
    CHURN+=("| $SERVER_LABEL | $(field joins_per_s "$line") | $(field failed_joins "$line") / $(field churn_attempted "$line") | $(field lost "$line") / $(field expected "$line") | $(field p50_ms "$line") / $(field p99_ms "$line") / $(field p999_ms "$line") / $(field max_ms "$line") | $(field disconnects "$line") |")
    log "$name churn: $line"
}

# rooms: the bench reads the server's CPU from /proc/PID/stat itself (--server-pid), over the
# whole step (warm-up, window and drain), divided by every delivery of the step.
run_rooms() {
    local line
    case " $ROOMS_SERVERS " in *" $name "*) ;; *) return 0 ;; esac
    if [[ $name == chatroom* ]] && [ ${#CHATROOM_ROOM_OPTS[@]} -eq 0 ]; then
        ROOMS+=("| $SERVER_LABEL | skipped: this launcher has no --room-creations-per-minute / --private-rate | | | | | |")
        log "$name rooms skipped: the launcher cannot lift its room limits"
        return 0
    fi
    line=$(BENCH_TIMEOUT=$(($(minutes "$ROOMS_JOIN_TIMEOUT") * 60 + 600)) bench rooms --target "127.0.0.1:$SERVER_PORT" --dialect "$DIALECT" "${CONNECT_OPTS[@]}" \
        --members "$ROOMS_MEMBERS" --rooms "$ROOMS_ROOMS" --rooms-per-member "$ROOMS_PER_MEMBER" \
        --senders "$ROOMS_SENDERS" --rate "$ROOMS_RATE" --private-rate "$ROOMS_PRIVATE_RATE" \
        --duration "$DURATION" --warmup "$WARMUP" --join-timeout "$ROOMS_JOIN_TIMEOUT" --server-pid "$SERVER_PID" \
        2>"$RUNDIR/$name-rooms.err" | tee "$RUNDIR/$name-rooms.out" | grep '^RESULT' || true)
    if [ -z "$line" ]; then
        ROOMS+=("| $SERVER_LABEL | $(failed_cell "$RUNDIR/$name-rooms.err") | | | | | |")
        log "$name rooms failed: $(tail -n 1 "$RUNDIR/$name-rooms.err")"
        return 0
    fi
    FIG["$name lost rooms"]=$(field lost "$line")
    ROOMS+=("| $SERVER_LABEL | $(field join_s "$line") | $(field room_lost "$line") / $(field room_expected "$line") | $(field room_p50_ms "$line") / $(field room_p99_ms "$line") / $(field room_max_ms "$line") | $(field private_lost "$line") / $(field private_expected "$line") | $(field private_p50_ms "$line") / $(field private_p99_ms "$line") / $(field private_max_ms "$line") | $(field server_cpu_us_per_delivery "$line") |")
    log "$name rooms: $line"
}

# The issue 15 targets, for chatroom in the IRC dialect against the better of the IRC servers:
# one line each, met or not met with the figures. Figures of runs that failed are missing, and
# a target that needs them says so.
declare -A FIG=()
# One target: `ours` against `factor` × the lower of InspIRCd's and ngIRCd's figure (at most that
# for a factor other than 1, below it for 1).
verdict() { # label ours factor inspircd ngircd
    local label=$1 ours=$2 factor=$3 inspircd=$4 ngircd=$5 number='^[0-9]+([.][0-9]+)?$'
    if ! [[ $ours =~ $number && $inspircd =~ $number && $ngircd =~ $number ]]; then
        echo "- $label: not measured (a run failed or a server was left out)"
        return 0
    fi
    awk -v label="$label" -v ours="$ours" -v factor="$factor" -v a="$inspircd" -v b="$ngircd" 'BEGIN {
        best = a < b ? a : b
        limit = factor * best
        met = factor == 1 ? ours < limit : ours <= limit
        against = factor == 1 ? "" : sprintf(" against %s × %s = %.2f", factor, best, limit)
        printf "- %s: %s%s (InspIRCd %s, ngIRCd %s): %s\n", label, ours, against, a, b, met ? "met" : "NOT met"
    }'
}
targets() {
    local lost=0 runs=0 key
    echo "Issue 15 targets, chatroom in the IRC dialect (chatroom-irc) against InspIRCd and ngIRCd:"
    echo
    verdict "server CPU µs per delivery at A 50/s, at most 0.6 × the better" "${FIG[chatroom-irc cpu 50]:-}" 0.6 \
        "${FIG[inspircd cpu 50]:-}" "${FIG[ngircd cpu 50]:-}"
    verdict "p99 ms at A 50/s, below both" "${FIG[chatroom-irc p99 50]:-}" 1 \
        "${FIG[inspircd p99 50]:-}" "${FIG[ngircd p99 50]:-}"
    verdict "p99 ms at A 10/s, below both" "${FIG[chatroom-irc p99 10]:-}" 1 \
        "${FIG[inspircd p99 10]:-}" "${FIG[ngircd p99 10]:-}"
    if [ "$IDLE_CONNECTIONS" -gt 0 ]; then
        verdict "idle KiB per connection at $IDLE_CONNECTIONS, below both" "${FIG[chatroom-irc idle]:-}" 1 \
            "${FIG[inspircd idle]:-}" "${FIG[ngircd idle]:-}"
    else
        echo "- idle KiB per connection: left out (IDLE_CONNECTIONS=0)"
    fi
    for key in "${!FIG[@]}"; do
        if [[ $key == "chatroom-irc lost "* ]]; then
            runs=$((runs + 1))
            lost=$((lost + ${FIG[$key]:-0}))
        fi
    done
    echo "- nothing lost: $lost deliveries lost in the $runs runs of chatroom-irc that finished" \
        "(scenario A, slow, churn, rooms): $([ "$lost" -eq 0 ] && echo met || echo NOT met)"
}

IDLE=() SLOW=() CHURN=() ROOMS=()
for s in $SERVERS; do
    run_server "$s"
done
if [ -n "$BASE_REF" ]; then
    run_ab
fi

{
    if [ ${#AB[@]} -gt 0 ]; then
        echo "Side by side: chatroom at $BASE_REF and as checked out ($(git -C "$ROOT" rev-parse --short HEAD)),"
        echo "scenario A (200 members, 20 senders), $AB_ROUNDS rounds of base then current, each on a fresh server."
        echo
        echo "| server | run | deliveries/s | lost / expected | p50 / p99 / max ms | server CPU µs/delivery | disconnects |"
        echo "|---|---|---|---|---|---|---|"
        printf '%s\n' "${AB[@]}"
        echo
    fi
    echo "Scenario A: 200 members, 20 senders, $WARMUP warm-up + $DURATION measured; $(nproc) CPUs; $(date -u +%F)."
    echo
    echo "| server | run | deliveries/s | lost / expected | p50 / p99 / max ms | server CPU µs/delivery | disconnects |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "Slow: scenario A at $SLOW_RATE/s with $SLOW_MESSAGE_BYTES-byte messages, $WARMUP warm-up + $SLOW_DURATION measured per run:"
    echo "a baseline, and with 2 of the 200 members (never senders) not reading from the window's start; $SLOW_ROUNDS runs"
    echo "of each kind in the order B S S B B S … (fresh members replace the stalled ones), each kind's latencies pooled."
    echo "p99 and loss are the 198 healthy members' (each round's p99 in brackets); drop times are seconds after the stall."
    echo
    echo "| server | baseline p99 ms (by round) | p99 ms with stalled (by round) | change % | lost / expected | dropped | first / last drop s |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${SLOW[@]}"
    echo
    echo "Churn: scenario A at 10/s; meanwhile $CHURN_RATE members/s join, stay up to $CHURN_STAY_MAX and leave (25 % by closing"
    echo "the socket). Latency and loss are the 200 steady members'."
    echo
    echo "| server | joins/s | failed joins / attempted | lost / expected | p50 / p99 / p99.9 / max ms | disconnects |"
    echo "|---|---|---|---|---|---|"
    printf '%s\n' "${CHURN[@]}"
    echo
    if [ ${#ROOMS[@]} -gt 0 ]; then
        echo "Rooms: $ROOMS_MEMBERS members, each in the lobby and $ROOMS_PER_MEMBER of $ROOMS_ROOMS rooms;"
        echo "$ROOMS_SENDERS senders at $ROOMS_RATE/s into their rooms, $ROOMS_PRIVATE_RATE private messages/s; $WARMUP warm-up + $DURATION measured."
        echo
        echo "| server | join s | rooms lost / expected | rooms p50 / p99 / max ms | private lost / expected | private p50 / p99 / max ms | server CPU µs/delivery |"
        echo "|---|---|---|---|---|---|---|"
        printf '%s\n' "${ROOMS[@]}"
        echo
    fi
    if [ ${#IDLE[@]} -gt 0 ]; then
        echo "| server | idle connections | join s | VmRSS KiB before → after | KiB per connection |"
        echo "|---|---|---|---|---|"
        printf '%s\n' "${IDLE[@]}"
    fi
    if [[ " $SERVERS " == *" chatroom-irc "* ]]; then
        echo
        targets
    fi
} | tee "$OUT"
log "logs and raw output in $RUNDIR"
