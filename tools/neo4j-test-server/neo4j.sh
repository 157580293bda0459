#!/usr/bin/env bash
# Real Neo4j 5.26 LTS community server for tests/CI, from Maven Central jars only.
# No Docker, no download from neo4j.com. See README.md in this folder.
#
#   neo4j.sh fetch
#   neo4j.sh fetch-gds                                   (Graph Data Science jars, see gds/pom.xml)
#   neo4j.sh start  [--port 7687] [--auth USER:PASSWORD | --no-auth] [--heap 1g]
#                   [--pagecache 64m] [--conf key=value]... [--timeout 120] [--gds]
#   neo4j.sh create [same options as start]              (a stopped instance: conf, bin/neo4j, bin/neo4j-admin)
#   neo4j.sh start --port P --existing [--timeout 120]   (start the instance of `create` or `stop --keep` again)
#   neo4j.sh admin  --port P -- <neo4j-admin arguments>  (e.g. database import full ...; the server must be stopped)
#   neo4j.sh stop   [--port P] [--keep] [--timeout 60]   (no --port: stop every instance)
#   neo4j.sh status [--port P]                           (exit 0 iff all listed are running)
#
# Each instance lives in run/<port>/ (home, conf, data, logs, bin, neo4j.pid).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIB="$HERE/target/lib"
RUN_ROOT="$HERE/run"
NEO4J_VERSION_EXPECTED="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$HERE/pom.xml")"
GDS_POM="$HERE/gds/pom.xml"
GDS_DIR="$HERE/target/gds"
GDS_VERSION_EXPECTED="$(sed -n 's:.*<gds.version>\(.*\)</gds.version>.*:\1:p' "$GDS_POM" 2>/dev/null || true)"

die() { echo "neo4j.sh: error: $*" >&2; exit 1; }
log() { echo "neo4j.sh: $*" >&2; }

# --- java ------------------------------------------------------------------
# Neo4j 5.26 runs on Java 17 or 21 only. Honour NEO4J_JAVA / JAVA_HOME, else
# `java` on PATH, else the usual Debian/Temurin locations.
java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n1; }
find_java() {
  local c cands=()
  [[ -n "${NEO4J_JAVA:-}" ]] && cands+=("$NEO4J_JAVA")
  [[ -n "${JAVA_HOME:-}" ]] && cands+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && cands+=("$(command -v java)")
  cands+=(/usr/lib/jvm/java-17-openjdk-*/bin/java /usr/lib/jvm/java-21-openjdk-*/bin/java
          /usr/lib/jvm/temurin-17*/bin/java /usr/lib/jvm/temurin-21*/bin/java)
  for c in "${cands[@]}"; do
    [[ -x "$c" ]] || continue
    case "$(java_major "$c")" in 17|21) echo "$c"; return 0 ;; esac
  done
  die "no Java 17 or 21 found (Neo4j 5.26 needs one; set NEO4J_JAVA=/path/to/bin/java)"
}

# --- fetch -----------------------------------------------------------------
# Maven, quiet, its output on stderr without the colour codes Debian's Maven 3.8 prints even in batch mode.
mvn_quiet() { mvn -q -B -Dstyle.color=never "$@" 2>&1 | sed $'s/\x1b\\[[0-9;]*m//g' >&2; }
have_jars() { compgen -G "$LIB/neo4j-$NEO4J_VERSION_EXPECTED.jar" >/dev/null && compgen -G "$LIB/neo4j-server-$NEO4J_VERSION_EXPECTED.jar" >/dev/null; }
cmd_fetch() {
  command -v mvn >/dev/null 2>&1 || die "mvn not found (apt-get install maven)"
  if have_jars && [[ "$LIB" -nt "$HERE/pom.xml" ]]; then
    log "jars already in $LIB ($(ls "$LIB" | wc -l) files)"; return 0
  fi
  log "resolving Neo4j $NEO4J_VERSION_EXPECTED runtime classpath from Maven Central into $LIB"
  rm -rf "$LIB"
  (cd "$HERE" && mvn_quiet dependency:copy-dependencies) >&2 || die "mvn dependency:copy-dependencies failed"
  have_jars || die "neo4j jars missing from $LIB after mvn"
  touch "$LIB"
  log "ok: $(ls "$LIB" | wc -l) jars, $(du -sh "$LIB" | cut -f1)"
}

# --- fetch-gds -------------------------------------------------------------
# Graph Data Science jars into target/gds/, minus every artifact the server already
# has in target/lib (two versions of one library on the classpath break things).
# target/gds/plugins.list names the jars that declare procedures. target/gds/gds.list
# (groupId:artifactId:version of the kept jars) is written last and marks a complete
# fetch.
have_gds() { [[ -f "$GDS_DIR/gds.list" && -f "$GDS_DIR/plugins.list" ]] && compgen -G "$GDS_DIR/proc-$GDS_VERSION_EXPECTED.jar" >/dev/null; }
# `mvn dependency:list` output -> "groupId artifactId version jarfile" per line
list_to_rows() {
  awk '{ sub(/^[ \t]+/, ""); split($1, f, ":"); n = length(f); if (n < 5) next
         g = f[1]; a = f[2]; t = f[3]; v = f[n-1]; c = (n >= 6 ? "-" f[4] : "")
         if (t != "jar") next
         print g, a, v, a "-" v c ".jar" }' "$1"
}
cmd_fetch_gds() {
  command -v mvn >/dev/null 2>&1 || die "mvn not found (apt-get install maven)"
  [[ -f "$GDS_POM" ]] || die "missing $GDS_POM"
  have_jars || cmd_fetch
  if have_gds && [[ "$GDS_DIR/gds.list" -nt "$GDS_POM" && "$GDS_DIR/gds.list" -nt "$HERE/pom.xml" ]]; then
    log "GDS jars already in $GDS_DIR ($(ls "$GDS_DIR"/*.jar | wc -l) jars)"; return 0
  fi
  local build="$HERE/target/gds-build"
  log "resolving GDS $GDS_VERSION_EXPECTED (org.neo4j.gds:proc) from Maven Central into $GDS_DIR"
  rm -rf "$GDS_DIR" "$build"; mkdir -p "$build"
  # mvn output goes to stderr: `start --gds` may call this, and its stdout is meant for eval
  (cd "$HERE" && mvn_quiet dependency:list -DincludeScope=runtime \
      -DoutputFile="$build/server.list") >&2 || die "mvn dependency:list (server) failed"
  (cd "$HERE/gds" && mvn_quiet dependency:list -DincludeScope=runtime \
      -DoutputFile="$build/gds.list" dependency:copy-dependencies) >&2 \
    || die "mvn dependency:copy-dependencies (gds) failed"
  list_to_rows "$build/server.list" > "$build/server.rows"
  list_to_rows "$build/gds.list" > "$build/gds.rows"
  [[ -s "$build/server.rows" && -s "$build/gds.rows" ]] || die "could not parse mvn dependency:list output in $build"
  # drop what the server already provides: same groupId:artifactId (any version), any
  # other org.neo4j module that is not GDS, and any jar file name that is in target/lib
  local g a v f dup=0 kept=()
  while read -r g a v f; do
    if grep -q "^$g $a " "$build/server.rows" \
       || [[ ( "$g" == org.neo4j || "$g" == org.neo4j.* ) && "$g" != org.neo4j.gds ]] \
       || [[ -e "$LIB/$f" ]]; then
      log "skipping $g:$a:$v: already on the server classpath (target/lib)"
      rm -f "$GDS_DIR/$f"; dup=$((dup + 1))
    else
      [[ -f "$GDS_DIR/$f" ]] || die "expected $GDS_DIR/$f after mvn"
      kept+=("$g:$a:$v")
    fi
  done < "$build/gds.rows"
  have_jars || die "server jars missing"
  compgen -G "$GDS_DIR/proc-$GDS_VERSION_EXPECTED.jar" >/dev/null || die "proc-$GDS_VERSION_EXPECTED.jar missing from $GDS_DIR after mvn"
  (( dup == 0 )) || log "warning: removed $dup jar(s) that gds/pom.xml should exclude"
  # jars with procedures/functions/aggregations (META-INF/services/org.neo4j.procedure.*):
  # these go into an instance's plugins/ dir; without unzip or jar, all jars go there
  local lister=""
  if command -v unzip >/dev/null 2>&1; then lister="unzip -Z1"; elif command -v jar >/dev/null 2>&1; then lister="jar tf"; fi
  for f in "$GDS_DIR"/*.jar; do
    # (no grep -q: with pipefail, the lister's SIGPIPE would make a match look like a miss)
    if [[ -z "$lister" ]] || $lister "$f" | grep '^META-INF/services/org\.neo4j\.procedure\.' >/dev/null; then basename "$f"; fi
  done > "$GDS_DIR/plugins.list"
  [[ -n "$lister" ]] || log "warning: neither unzip nor jar found; every GDS jar will go into plugins/ (slower start)"
  grep -qx "proc-community-$GDS_VERSION_EXPECTED.jar" "$GDS_DIR/plugins.list" || die "no procedure jars found in $GDS_DIR"
  printf '%s\n' "${kept[@]}" | sort > "$GDS_DIR/gds.list"
  log "ok: ${#kept[@]} GDS jars, $(du -sh "$GDS_DIR" | cut -f1) in $GDS_DIR"
}

# --- helpers ---------------------------------------------------------------
# Bolt handshake: magic 0x6060B017 + 4 proposals (5.0-5.8, 4.4, none, none).
# Prints the 4-byte version the server picked (e.g. "00000805"), empty on failure.
bolt_handshake() {
  local port="$1"
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "\x60\x60\xb0\x17\x00\x08\x08\x05\x00\x00\x04\x04\x00\x00\x00\x00\x00\x00\x00\x00" >&3
    head -c 4 <&3 | od -An -tx1 | tr -d " \n"
  ' "$port" 2>/dev/null || true
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pid_alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }
read_pid() { [[ -f "$1/neo4j.pid" ]] && cat "$1/neo4j.pid" || true; }
tail_log() {
  local d="$1" f
  for f in "$d/logs/console.log" "$d/logs/debug.log"; do
    [[ -s "$f" ]] || continue
    echo "----- last 40 lines of $f -----" >&2
    tail -n 40 "$f" >&2
  done
}

# --- create / start --------------------------------------------------------
# Options shared by `create` and `start`; sets the globals below.
parse_instance_options() {
  port=7687; auth=""; heap="${NEO4J_HEAP:-1g}"; pagecache="${NEO4J_PAGECACHE:-64m}"; timeout_s=120
  extra=(); gds=0; existing=0
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --port) port="$2"; shift 2 ;;
      --port=*) port="${1#*=}"; shift ;;
      --auth) auth="$2"; shift 2 ;;
      --auth=*) auth="${1#*=}"; shift ;;
      --no-auth) auth=""; shift ;;
      --heap) heap="$2"; shift 2 ;;
      --pagecache) pagecache="$2"; shift 2 ;;
      --conf) extra+=("$2"); shift 2 ;;
      --timeout) timeout_s="$2"; shift 2 ;;
      --gds) gds=1; shift ;;
      --existing) existing=1; shift ;;
      *) die "$cmd: unknown option '$1'" ;;
    esac
  done
  [[ "$port" =~ ^[0-9]+$ ]] || die "bad --port '$port'"
  user=""; pass=""
  if [[ -n "$auth" ]]; then
    [[ "$auth" == *:* ]] || die "--auth wants USER:PASSWORD"
    user="${auth%%:*}"; pass="${auth#*:}"
    [[ "$user" == "neo4j" ]] || die "--auth: only the built-in user 'neo4j' can be given an initial password (got '$user')"
    [[ ${#pass} -ge 8 ]] || die "--auth: Neo4j requires a password of at least 8 characters (dbms.security.auth_minimum_password_length)"
  fi
}

# A fresh instance dir run/PORT/ (deleted first): conf, plugins, initial password, bin/ wrappers, settings.
prepare_instance() {
  local dir="$1" java="$2"
  rm -rf "$dir"
  mkdir -p "$dir/conf" "$dir/data" "$dir/logs" "$dir/plugins" "$dir/import" "$dir/run" "$dir/bin"
  # --gds: all GDS jars go on the classpath, like plugins/* in the tarball's launcher,
  # so that ServiceLoader finds GDS's kernel extensions and settings at startup. The
  # jars that declare procedures or functions are also symlinked into plugins/
  # (server.directories.plugins). Neo4j loads every class of every jar in plugins/
  # to look for procedures. Linking all 130 jars gives the same 411 procedures and
  # 24 functions, but the start takes about 2 s longer and logs "Failed to load"
  # warnings for optional dependencies.
  if [[ $gds == 1 ]]; then
    local j; while read -r j; do ln -s "$GDS_DIR/$j" "$dir/plugins/$j"; done < "$GDS_DIR/plugins.list"
  fi

  local auth_enabled=false; [[ -n "$auth" ]] && auth_enabled=true
  {
    echo "# generated by tools/neo4j-test-server/neo4j.sh (throw-away test instance)"
    echo "server.default_listen_address=127.0.0.1"
    echo "server.default_advertised_address=127.0.0.1"
    echo "server.bolt.enabled=true"
    echo "server.bolt.listen_address=127.0.0.1:$port"
    echo "server.bolt.advertised_address=127.0.0.1:$port"
    echo "server.bolt.tls_level=DISABLED"
    if [[ -n "${NEO4J_HTTP_PORT:-}" ]]; then
      echo "server.http.enabled=true"
      echo "server.http.listen_address=127.0.0.1:$NEO4J_HTTP_PORT"
      echo "server.http.advertised_address=127.0.0.1:$NEO4J_HTTP_PORT"
    else
      echo "server.http.enabled=false"
    fi
    echo "server.https.enabled=false"
    # no server-side routing listener (would bind 7688 and clash between instances)
    echo "dbms.routing.enabled=false"
    echo "dbms.security.auth_enabled=$auth_enabled"
    # tests deliberately send wrong passwords; don't lock the user out after 3 of them
    echo "dbms.security.auth_max_failed_attempts=0"
    # no telemetry / usage reporting / phoning home
    echo "dbms.usage_report.enabled=false"
    echo "client.allow_telemetry=false"
    # small footprint (heap itself is the -Xmx below; the bootloader is not used)
    echo "server.memory.pagecache.size=$pagecache"
    echo "db.tx_log.rotation.retention_policy=1 files"
    echo "db.filewatcher.enabled=false"
    # netty waits a 5 s quiet period per Bolt connector on shutdown; not useful here
    echo "internal.dbms.bolt.netty_server_shutdown_quiet_period=0"
    # on SIGTERM, running transactions get 2 s (default 10 s) before being terminated
    echo "db.shutdown_transaction_end_timeout=2s"
    local kv unrestricted=0
    for kv in "${extra[@]}"; do [[ "$kv" == dbms.security.procedures.unrestricted=* ]] && unrestricted=1; done
    if [[ $gds == 1 && $unrestricted == 0 ]]; then
      # Without this, gds.list, gds.util.asNode and gds.util.asNodes are not loaded:
      # "... is unavailable because it is sandboxed and has dependencies outside of the sandbox".
      # The algorithms and the projection work either way.
      echo "dbms.security.procedures.unrestricted=gds.*"
    fi
    for kv in "${extra[@]}"; do echo "$kv"; done
  } > "$dir/conf/neo4j.conf"

  if [[ -n "$auth" ]]; then
    # Equivalent of `neo4j-admin dbms set-initial-password`: writes data/dbms/auth.ini,
    # which the server reads when it creates the system database on first start.
    NEO4J_HOME="$dir" NEO4J_CONF="$dir/conf" "$java" -cp "$LIB/*" -Dfile.encoding=UTF-8 \
      org.neo4j.cli.AdminTool dbms set-initial-password "$pass" > "$dir/logs/admin.log" 2>&1 \
      || { cat "$dir/logs/admin.log" >&2; die "set-initial-password failed"; }
  fi

  # What `start --existing` needs to start this instance again (after `create`, or `stop --keep`).
  { printf 'heap=%q\npagecache=%q\ngds=%q\nuser=%q\npass=%q\n' "$heap" "$pagecache" "$gds" "$user" "$pass"; } > "$dir/instance.env"

  # bin/neo4j-admin and bin/neo4j, as in a Neo4j installation, so that tools that take a NEO4J_HOME (such as
  # `chokepoint neo4j import --bulk --neo4j-home run/PORT`) can drive this instance like any other.
  local self; self="$HERE/neo4j.sh"
  printf '#!/usr/bin/env bash\n# neo4j-admin of the test instance on port %s (generated by neo4j.sh)\nexec %q admin --port %q -- "$@"\n' \
    "$port" "$self" "$port" > "$dir/bin/neo4j-admin"
  printf '%s\n' '#!/usr/bin/env bash' "# neo4j start|stop|status of the test instance on port $port (generated by neo4j.sh)" \
    "case \"\${1:-}\" in" \
    "  start) exec $(printf %q "$self") start --port $port --existing --timeout \"\${NEO4J_START_TIMEOUT:-300}\" ;;" \
    "  stop) exec $(printf %q "$self") stop --port $port --keep ;;" \
    "  status) exec $(printf %q "$self") status --port $port ;;" \
    "  *) echo \"usage: \$0 start|stop|status\" >&2; exit 2 ;;" \
    "esac" > "$dir/bin/neo4j"
  chmod +x "$dir/bin/neo4j-admin" "$dir/bin/neo4j"
}

# Starts the JVM on an instance dir and waits for a Bolt handshake.
launch_instance() {
  local dir="$1" java="$2"
  local cp="$LIB/*"
  [[ $gds == 1 ]] && cp="$LIB/*:$GDS_DIR/*"
  local jvm=(
    "-Xms${NEO4J_HEAP_INITIAL:-256m}" "-Xmx$heap"
    -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC
    -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields
    -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    --enable-native-access=ALL-UNNAMED
    -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8
    -XX:+ExitOnOutOfMemoryError
  )
  # shellcheck disable=SC2206
  [[ -n "${NEO4J_JAVA_OPTS:-}" ]] && jvm+=($NEO4J_JAVA_OPTS)

  local t0; t0="$(date +%s%N)"
  # setsid: own session/process group, so a Ctrl-C or a test runner's group kill does
  # not hit the server; the inner bash writes its own pid and then execs java.
  setsid bash -c 'echo $$ > "$0/neo4j.pid"; exec "$@"' "$dir" \
    "$java" "${jvm[@]}" -cp "$cp" org.neo4j.server.CommunityEntryPoint \
    --home-dir="$dir" --config-dir="$dir/conf" --console-mode \
    < /dev/null >> "$dir/logs/console.log" 2>&1 &
  local i pid=""
  for i in $(seq 1 50); do pid="$(read_pid "$dir")"; [[ -n "$pid" ]] && break; sleep 0.1; done
  [[ -n "$pid" ]] || die "server process did not start"

  local deadline=$(( $(date +%s) + timeout_s )) v=""
  while :; do
    if ! pid_alive "$pid"; then
      tail_log "$dir"; die "Neo4j exited during startup (port $port); logs in $dir/logs"
    fi
    if port_open "$port"; then
      v="$(bolt_handshake "$port")"
      if [[ -n "$v" && "$v" != "00000000" ]]; then break; fi
    fi
    if (( $(date +%s) >= deadline )); then
      tail_log "$dir"
      stop_one "$dir" 1 30   # TERM, then KILL after 30 s; keeps logs in $dir
      die "Neo4j did not answer a Bolt handshake on 127.0.0.1:$port within ${timeout_s}s"
    fi
    sleep 0.25
  done
  local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  log "Neo4j $NEO4J_VERSION_EXPECTED up on 127.0.0.1:$port in ${ms} ms (pid $pid, bolt $((16#${v:6:2})).$((16#${v:4:2})), auth $([[ -n "$user" ]] && echo "$user:***" || echo disabled)$([[ $gds == 1 ]] && echo ", GDS $GDS_VERSION_EXPECTED"), dir $dir)"
  echo "NEO4J_URI=bolt://127.0.0.1:$port"
  if [[ -n "$user" ]]; then printf 'NEO4J_USER=%q\nNEO4J_PASSWORD=%q\n' "$user" "$pass"; fi
}

check_port_free() {
  local dir="$1" oldpid; oldpid="$(read_pid "$dir")"
  if pid_alive "$oldpid"; then die "an instance is already running on port $port (pid $oldpid); run: $0 stop --port $port"; fi
  port_open "$port" && die "port 127.0.0.1:$port is already in use by another process"
  if [[ -n "${NEO4J_HTTP_PORT:-}" ]]; then port_open "$NEO4J_HTTP_PORT" && die "http port $NEO4J_HTTP_PORT already in use"; fi
  return 0
}

cmd_create() {
  local cmd=create port auth heap pagecache timeout_s extra gds existing user pass
  parse_instance_options "$@"
  [[ $existing == 0 ]] || die "create: --existing is an option of start"
  have_jars || cmd_fetch
  if [[ $gds == 1 ]]; then have_gds || cmd_fetch_gds; fi
  local java; java="$(find_java)"
  local dir="$RUN_ROOT/$port"
  check_port_free "$dir"
  prepare_instance "$dir" "$java"
  log "created a stopped instance in $dir (start it with: $0 start --port $port --existing, or $dir/bin/neo4j start)"
  echo "NEO4J_HOME=$dir"
  echo "NEO4J_URI=bolt://127.0.0.1:$port"
  if [[ -n "$user" ]]; then printf 'NEO4J_USER=%q\nNEO4J_PASSWORD=%q\n' "$user" "$pass"; fi
}

cmd_start() {
  local cmd=start port auth heap pagecache timeout_s extra gds existing user pass
  parse_instance_options "$@"
  local dir="$RUN_ROOT/$port"
  if [[ $existing == 1 ]]; then
    # The instance of `create` or `stop --keep`, with its data and settings (options other than --timeout are ignored).
    [[ -f "$dir/instance.env" && -f "$dir/conf/neo4j.conf" ]] || die "start --existing: no instance in $dir (create it with: $0 create --port $port)"
    # shellcheck disable=SC1091
    source "$dir/instance.env"
  fi
  have_jars || cmd_fetch
  if [[ $gds == 1 ]]; then have_gds || cmd_fetch_gds; fi
  local java; java="$(find_java)"
  check_port_free "$dir"
  [[ $existing == 1 ]] || prepare_instance "$dir" "$java"
  launch_instance "$dir" "$java"
}

# --- admin -----------------------------------------------------------------
# neo4j-admin on an instance (its NEO4J_HOME and conf): `admin --port P -- database import full ...`.
cmd_admin() {
  local port=7687
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --port) port="$2"; shift 2 ;;
      --port=*) port="${1#*=}"; shift ;;
      --) shift; break ;;
      *) break ;;
    esac
  done
  local dir="$RUN_ROOT/$port"
  [[ -f "$dir/conf/neo4j.conf" ]] || die "admin: no instance in $dir (create it with: $0 create --port $port)"
  have_jars || die "server jars missing (run: $0 fetch)"
  local java; java="$(find_java)"
  # The flags the tarball's neo4j-admin script gives the JVM; the heap is the JVM's default unless NEO4J_ADMIN_HEAP.
  local jvm=(
    -XX:+UseParallelGC -XX:-OmitStackTraceInFastThrow -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields
    -XX:+DisableExplicitGC -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
    --enable-native-access=ALL-UNNAMED -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8
  )
  [[ -n "${NEO4J_ADMIN_HEAP:-}" ]] && jvm+=("-Xmx$NEO4J_ADMIN_HEAP")
  NEO4J_HOME="$dir" NEO4J_CONF="$dir/conf" exec "$java" "${jvm[@]}" -cp "$LIB/*" org.neo4j.cli.AdminTool "$@"
}

# --- stop ------------------------------------------------------------------
stop_one() {
  local dir="$1" keep="$2" timeout_s="$3" pid
  pid="$(read_pid "$dir")"
  if pid_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$(( $(date +%s) + timeout_s ))
    while pid_alive "$pid" && (( $(date +%s) < deadline )); do sleep 0.2; done
    if pid_alive "$pid"; then
      log "pid $pid still alive after ${timeout_s}s; SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      while pid_alive "$pid"; do sleep 0.1; done
    fi
    log "stopped instance on port $(basename "$dir") (pid $pid)"
  else
    log "no running instance on port $(basename "$dir")"
  fi
  if [[ "$keep" == 1 ]]; then rm -f "$dir/neo4j.pid"; log "kept $dir"; else rm -rf "$dir"; fi
}
cmd_stop() {
  local port="" keep=0 timeout_s=60
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --port) port="$2"; shift 2 ;;
      --port=*) port="${1#*=}"; shift ;;
      --keep) keep=1; shift ;;
      --timeout) timeout_s="$2"; shift 2 ;;
      *) die "stop: unknown option '$1'" ;;
    esac
  done
  if [[ -n "$port" ]]; then
    [[ -d "$RUN_ROOT/$port" ]] || { log "no instance dir for port $port"; return 0; }
    stop_one "$RUN_ROOT/$port" "$keep" "$timeout_s"; return 0
  fi
  local d found=0
  for d in "$RUN_ROOT"/*/; do
    [[ -d "$d" ]] || continue
    found=1; stop_one "${d%/}" "$keep" "$timeout_s"
  done
  [[ $found == 1 ]] || log "nothing to stop"
}

# --- status ----------------------------------------------------------------
cmd_status() {
  local port="" d dirs=() rc=0
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --port) port="$2"; shift 2 ;;
      --port=*) port="${1#*=}"; shift ;;
      *) die "status: unknown option '$1'" ;;
    esac
  done
  if [[ -n "$port" ]]; then dirs=("$RUN_ROOT/$port"); else
    for d in "$RUN_ROOT"/*/; do [[ -d "$d" ]] && dirs+=("${d%/}"); done
  fi
  if [[ ${#dirs[@]} -eq 0 ]]; then echo "no instances"; return 1; fi
  for d in "${dirs[@]}"; do
    local p pid; p="$(basename "$d")"; pid="$(read_pid "$d")"
    if pid_alive "$pid"; then
      local v; v="$(bolt_handshake "$p")"
      local auth; auth="$(sed -n 's/^dbms.security.auth_enabled=//p' "$d/conf/neo4j.conf" 2>/dev/null)"
      if [[ -n "$v" && "$v" != "00000000" ]]; then
        echo "port $p: running (pid $pid, bolt answering, auth_enabled=$auth) NEO4J_URI=bolt://127.0.0.1:$p"
      else
        echo "port $p: process alive (pid $pid) but Bolt not answering"; rc=1
      fi
    else
      echo "port $p: not running"; rc=1
    fi
  done
  return $rc
}

case "${1:-}" in
  fetch) shift; cmd_fetch "$@" ;;
  fetch-gds) shift; cmd_fetch_gds "$@" ;;
  create) shift; cmd_create "$@" ;;
  start) shift; cmd_start "$@" ;;
  admin) shift; cmd_admin "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) shift; cmd_status "$@" ;;
  *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
