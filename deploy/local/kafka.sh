# shellcheck shell=bash
# Apache Kafka, single-node KRaft (broker + controller in one JVM), from the official jars on Maven
# Central, cached in $ECOGATE_CACHE/kafka-<scala>-<version>/libs for every clone on the machine.
# Sourced by infra.sh; needs lib.sh and infra.conf.

#
# Security (ADR 0006): clients connect over SASL_SSL (SCRAM-SHA-512 over TLS) only. The broker's
# certificate comes from a local CA made once with openssl into $KAFKA_TLS_DIR (never in the
# repository); `admin` is the only super user (inter-broker traffic, tools, tests); each service has
# its own principal, and deploy/local/kafka-acls.json says what it may do. The controller listener
# stays on loopback and authenticates with SASL PLAIN as `admin` (KRaft cannot use SCRAM there).
# Passwords: ECOGATE_KAFKA_ADMIN_PASSWORD and ECOGATE_KAFKA_PASSWORD_<SERVICE> from .data/secrets.env.

KAFKA_DIR="$DATA_DIR/kafka"
KAFKA_LOG="$LOG_DIR/kafka.log"
KAFKA_PIDFILE="$RUN_DIR/kafka.pid"
KAFKA_CONFIG="$KAFKA_DIR/server.properties"
# The CA and broker certificate; scratch brokers of tests share the checkout's (ECOGATE_KAFKA_TLS_DIR).
KAFKA_TLS_DIR="${ECOGATE_KAFKA_TLS_DIR:-$KAFKA_DIR/tls}"
KAFKA_CA="$KAFKA_TLS_DIR/ca.pem"
KAFKA_ADMIN_CONFIG="$KAFKA_DIR/admin.properties"
# Written at format time: the storage has SCRAM credentials (a data dir from before has none).
KAFKA_SECURITY_STAMP="$KAFKA_DIR/data/.ecogate-sasl"
# sha256 of the SCRAM users and passwords last written to the cluster.
KAFKA_USERS_STAMP="$KAFKA_DIR/scram-users.sha256"
KAFKA_ACL_TABLE="$SCRIPT_DIR/kafka-acls.json"
KAFKA_PRINCIPALS_FILE="$DATA_DIR/kafka-principals.env"
KAFKA_DEPENDENCY_PLUGIN=3.8.1
KAFKA_SLF4J=1.7.36

kafka_vars() {
  KAFKA_HOME="$ECOGATE_CACHE/kafka-$ECOGATE_KAFKA_SCALA-$ECOGATE_KAFKA_VERSION"
  KAFKA_LIBS="$KAFKA_HOME/libs"
  KAFKA_JAR="$KAFKA_LIBS/kafka_$ECOGATE_KAFKA_SCALA-$ECOGATE_KAFKA_VERSION.jar"
  JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
}

kafka_installed() { [[ -f $KAFKA_JAR && -f $KAFKA_LIBS/.complete ]]; }

# The broker (kafka_<scala>), the command-line tools (kafka-tools: topics, console producer and
# consumer) and the log4j 1.x binding that the binary distribution ships (slf4j-reload4j).
kafka_pom() {
  cat <<POM
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by deploy/local/kafka.sh: resolves the Kafka $ECOGATE_KAFKA_VERSION runtime classpath. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.ecogate</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>$ECOGATE_KAFKA_VERSION</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_$ECOGATE_KAFKA_SCALA</artifactId>
      <version>$ECOGATE_KAFKA_VERSION</version>
      <exclusions>
        <exclusion><groupId>ch.qos.logback</groupId><artifactId>*</artifactId></exclusion>
      </exclusions>
    </dependency>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-tools</artifactId>
      <version>$ECOGATE_KAFKA_VERSION</version>
      <exclusions>
        <exclusion><groupId>ch.qos.logback</groupId><artifactId>*</artifactId></exclusion>
      </exclusions>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-reload4j</artifactId>
      <version>$KAFKA_SLF4J</version>
    </dependency>
  </dependencies>
  <build>
    <pluginManagement>
      <plugins>
        <plugin>
          <groupId>org.apache.maven.plugins</groupId>
          <artifactId>maven-dependency-plugin</artifactId>
          <version>$KAFKA_DEPENDENCY_PLUGIN</version>
        </plugin>
      </plugins>
    </pluginManagement>
  </build>
</project>
POM
}

kafka_install() {
  kafka_installed && return 0
  command -v mvn >/dev/null 2>&1 || apt_install maven
  local install_log="$LOG_DIR/kafka-install.log" tmp="$KAFKA_HOME/libs.tmp.$$" start=$SECONDS
  mkdir -p "$KAFKA_HOME"
  kafka_pom >"$KAFKA_HOME/pom.xml"
  log "kafka: resolving org.apache.kafka:kafka_$ECOGATE_KAFKA_SCALA:$ECOGATE_KAFKA_VERSION from Maven Central (first use; log $(rel "$install_log"))"
  rm -rf "$tmp"
  if ! mvn -B -q -Dstyle.color=never -f "$KAFKA_HOME/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$tmp" -DincludeScope=runtime >"$install_log" 2>&1 </dev/null 9>&-; then
    rm -rf "$tmp"
    show_log_tail "$install_log"
    die "kafka: mvn could not resolve Kafka $ECOGATE_KAFKA_VERSION; see $(rel "$install_log")"
  fi
  [[ -f $tmp/kafka_$ECOGATE_KAFKA_SCALA-$ECOGATE_KAFKA_VERSION.jar ]] ||
    die "kafka: kafka_$ECOGATE_KAFKA_SCALA-$ECOGATE_KAFKA_VERSION.jar missing after mvn; see $(rel "$install_log")"
  touch "$tmp/.complete"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  log "kafka: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in $KAFKA_LIBS ($((SECONDS - start))s)"
}

kafka_check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "kafka: java not found (Java 17 recommended; set JAVA_HOME or put java on PATH)"
  local major
  major=$("$JAVA" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}' | awk -F. '{print ($1 == "1") ? $2 : $1}')
  [[ $major =~ ^[0-9]+$ ]] && ((major >= 11)) && return 0
  die "kafka: Java 11+ needed (17 recommended), found '$major' ($JAVA)"
}

kafka_write_config() {
  mkdir -p "$KAFKA_DIR/data"
  local pw=$ECOGATE_KAFKA_ADMIN_PASSWORD ks_pw
  ks_pw=$(cat "$KAFKA_TLS_DIR/broker.p12.password")
  # server.properties and admin.properties hold the admin password: readable by this user only.
  (
    umask 077
    cat >"$KAFKA_CONFIG" <<PROPS
# Written by deploy/local/kafka.sh at every start (edit deploy/local/infra.conf instead).
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$ECOGATE_KAFKA_CONTROLLER_PORT
# Clients: SASL_SSL only (SCRAM-SHA-512 over TLS); no PLAINTEXT listener.
listeners=SASL_SSL://127.0.0.1:$ECOGATE_KAFKA_PORT,CONTROLLER://127.0.0.1:$ECOGATE_KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_SSL://127.0.0.1:$ECOGATE_KAFKA_PORT
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$pw";
# The controller listener (loopback): SASL PLAIN as admin, since SCRAM credentials live in the metadata it serves.
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$pw" user_admin="$pw";
ssl.keystore.type=PKCS12
ssl.keystore.location=$KAFKA_TLS_DIR/broker.p12
ssl.keystore.password=$ks_pw
ssl.key.password=$ks_pw
ssl.truststore.type=PEM
ssl.truststore.location=$KAFKA_CA
ssl.client.auth=none
ssl.enabled.protocols=TLSv1.3,TLSv1.2
# Deny by default; only admin is a super user; services get the ACLs of deploy/local/kafka-acls.json.
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=$KAFKA_DIR/data
# Topics are declared by our messaging lib through the admin API: a missing declaration fails.
auto.create.topics.enable=false
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=168
PROPS
    cat >"$KAFKA_ADMIN_CONFIG" <<PROPS
# Written by deploy/local/kafka.sh: the admin client of the command-line tools (--command-config).
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$pw";
ssl.truststore.type=PEM
ssl.truststore.location=$KAFKA_CA
PROPS
  )
  cat >"$KAFKA_DIR/log4j.properties" <<'LOG4J'
# Written by deploy/local/kafka.sh: everything to stdout, which infra.sh sends to .data/logs/kafka.log.
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
LOG4J
  cat >"$KAFKA_DIR/log4j-tools.properties" <<'LOG4J'
# Written by deploy/local/kafka.sh: command-line tools log warnings to stderr only.
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
LOG4J
}

# Runs a Kafka command-line class: kafka_tool CLASS ARGS...
kafka_tool() {
  "$JAVA" -Xmx256m -Dlog4j.configuration="file:$KAFKA_DIR/log4j-tools.properties" -cp "$KAFKA_LIBS/*" "$@"
}

# The service principals: the keys of deploy/local/kafka-acls.json (two-space indented, as Prettier
# writes it), so the table is the only list.
kafka_services() { sed -n 's/^  "\([a-z][a-z0-9-]*\)": {.*/\1/p' "$KAFKA_ACL_TABLE"; }

# ECOGATE_KAFKA_PASSWORD_<SERVICE>: the variable in .data/secrets.env that holds a service's password.
kafka_password_var() {
  local name=${1^^}
  printf 'ECOGATE_KAFKA_PASSWORD_%s' "${name//-/_}"
}

kafka_user_password() {
  local var
  var=$(kafka_password_var "$1")
  printf '%s' "${!var:-}"
}

# Adds the Kafka passwords that $SECRETS_FILE lacks (a file from before ADR 0006, or a new service in
# the ACL table), then loads them. Called by infra.sh's load_secrets.
kafka_secrets() {
  local file=$1 var added=()
  local vars=(ECOGATE_KAFKA_ADMIN_PASSWORD) s
  for s in $(kafka_services); do vars+=("$(kafka_password_var "$s")"); done
  for var in "${vars[@]}"; do
    if ! grep -q "^$var=" "$file"; then
      printf '%s=%s\n' "$var" "$(random_hex 18)" >>"$file"
      added+=("$var")
    fi
  done
  if ((${#added[@]} > 0)); then log "kafka: generated ${added[*]} in $(rel "$file")"; fi
  # shellcheck source=/dev/null
  source "$file"
}

# A local CA and the broker's certificate (127.0.0.1 and localhost), made once with openssl. Clients
# trust ca.pem (KAFKA_TLS_CA_FILE); the broker uses broker.p12, whose password is beside it.
kafka_tls() {
  [[ -s $KAFKA_CA && -s $KAFKA_TLS_DIR/broker.p12 && -s $KAFKA_TLS_DIR/broker.p12.password ]] && return 0
  command -v openssl >/dev/null 2>&1 || die "kafka: openssl is needed once to make the local CA (apt-get install openssl)"
  local tmp="$KAFKA_TLS_DIR.tmp.$$" tls_log="$LOG_DIR/kafka-tls.log"
  log "kafka: making a local CA and a broker certificate for 127.0.0.1/localhost in $(rel "$KAFKA_TLS_DIR")"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  # Plain `&&` chains: `set -e` does not apply inside a subshell on the left of `||`.
  if ! (
    umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -keyout "$tmp/ca.key" -out "$tmp/ca.pem" \
      -subj "/CN=Ecogate local Kafka CA $(repo_hash)" \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign &&
      openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$tmp/broker.key" -out "$tmp/broker.csr" -subj /CN=localhost &&
      printf '%s\n' subjectAltName=IP:127.0.0.1,DNS:localhost basicConstraints=CA:FALSE \
        keyUsage=critical,digitalSignature,keyEncipherment extendedKeyUsage=serverAuth,clientAuth >"$tmp/broker.ext" &&
      openssl x509 -req -sha256 -days 825 -in "$tmp/broker.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" \
        -CAcreateserial -out "$tmp/broker.pem" -extfile "$tmp/broker.ext" &&
      random_hex 18 >"$tmp/broker.p12.password" &&
      openssl pkcs12 -export -name broker -in "$tmp/broker.pem" -inkey "$tmp/broker.key" -certfile "$tmp/ca.pem" \
        -out "$tmp/broker.p12" -passout "file:$tmp/broker.p12.password"
  ) >>"$tls_log" 2>&1; then
    rm -rf "$tmp"
    show_log_tail "$tls_log"
    die "kafka: openssl could not make the local CA; see $(rel "$tls_log")"
  fi
  rm -f "$tmp/broker.csr" "$tmp/ca.srl" "$tmp/broker.ext"
  chmod 644 "$tmp/ca.pem" "$tmp/broker.pem"
  rm -rf "$KAFKA_TLS_DIR"
  mv "$tmp" "$KAFKA_TLS_DIR"
}

# Formats the storage once, with the SCRAM credentials of admin and of every service. The cluster id
# is kept in .data/kafka/cluster.id (and in data/meta.properties), so restarts keep the same cluster.
kafka_format() {
  if [[ -f $KAFKA_DIR/data/meta.properties ]]; then
    [[ -f $KAFKA_SECURITY_STAMP ]] && return 0
    die "kafka: $(rel "$KAFKA_DIR/data") was formatted before Kafka required SASL_SSL (ADR 0006) and has no SCRAM users, so the broker cannot start with it. Delete the local service data with \`bash deploy/local/infra.sh reset\` (credentials stay), then run infra:up again."
  fi
  local id s scram=(--add-scram "SCRAM-SHA-512=[name=admin,password=$ECOGATE_KAFKA_ADMIN_PASSWORD]")
  for s in $(kafka_services); do
    scram+=(--add-scram "SCRAM-SHA-512=[name=$s,password=$(kafka_user_password "$s")]")
  done
  if [[ -s $KAFKA_DIR/cluster.id ]]; then
    id=$(cat "$KAFKA_DIR/cluster.id")
  else
    id=$(kafka_tool kafka.tools.StorageTool random-uuid 2>>"$KAFKA_LOG" | tail -n1)
    [[ -n $id ]] || die "kafka: StorageTool random-uuid printed nothing; see $(rel "$KAFKA_LOG")"
    printf '%s\n' "$id" >"$KAFKA_DIR/cluster.id"
  fi
  log "kafka: formatting storage (cluster id $id) with SCRAM users admin $(kafka_services | paste -sd ' ')"
  kafka_tool kafka.tools.StorageTool format -t "$id" -c "$KAFKA_CONFIG" --ignore-formatted "${scram[@]}" >>"$KAFKA_LOG" 2>&1 ||
    {
      show_log_tail "$KAFKA_LOG"
      die "kafka: StorageTool format failed; see $(rel "$KAFKA_LOG")"
    }
  touch "$KAFKA_SECURITY_STAMP"
  kafka_users_digest >"$KAFKA_USERS_STAMP"
}

kafka_users_digest() {
  local s
  for s in $(kafka_services); do printf '%s=%s\n' "$s" "$(kafka_user_password "$s")"; done | sha256sum | cut -c1-64
}

# The client settings of the admin principal, for kafka-health.js and kafka-acls.js (environment,
# never the command line).
kafka_admin_env() {
  env KAFKA_BROKERS="127.0.0.1:$ECOGATE_KAFKA_PORT" KAFKA_SASL_MECHANISM=scram-sha-512 KAFKA_SASL_USERNAME=admin \
    KAFKA_SASL_PASSWORD="$ECOGATE_KAFKA_ADMIN_PASSWORD" KAFKA_TLS_CA_FILE="$KAFKA_CA" "$@"
}

# After the broker is healthy: service users (only when the table or a password changed since the
# last time), the ACLs of the table (every time; idempotent, removes ACLs the table no longer has),
# and .data/kafka-principals.env, the service passwords for the ACL integration test.
kafka_provision() {
  kafka_vars
  local s t=$SECONDS
  if [[ $(cat "$KAFKA_USERS_STAMP" 2>/dev/null) != "$(kafka_users_digest)" ]]; then
    for s in $(kafka_services); do
      log "kafka: setting the SCRAM password of $s"
      kafka_tool kafka.admin.ConfigCommand --bootstrap-server "127.0.0.1:$ECOGATE_KAFKA_PORT" \
        --command-config "$KAFKA_ADMIN_CONFIG" --alter --entity-type users --entity-name "$s" \
        --add-config "SCRAM-SHA-512=[password=$(kafka_user_password "$s")]" >>"$KAFKA_LOG" 2>&1 ||
        {
          show_log_tail "$KAFKA_LOG"
          die "kafka: could not set the SCRAM user $s; see $(rel "$KAFKA_LOG")"
        }
    done
    kafka_users_digest >"$KAFKA_USERS_STAMP"
  fi
  [[ -f $REPO_ROOT/node_modules/kafkajs/package.json ]] ||
    die "kafka: node_modules/kafkajs is missing, so the ACLs of $(rel "$KAFKA_ACL_TABLE") cannot be applied: run \`npm ci\`, then infra:up again"
  kafka_admin_env node "$SCRIPT_DIR/kafka-acls.js" "$KAFKA_ACL_TABLE" >&2 ||
    die "kafka: applying the ACLs of $(rel "$KAFKA_ACL_TABLE") failed (see above)"
  (
    umask 077
    {
      echo "# Written by deploy/local/infra.sh: one SCRAM principal per service (deploy/local/kafka-acls.json)."
      for s in $(kafka_services); do printf 'KAFKA_PASSWORD_%s=%s\n' "$(kafka_password_var "$s" | sed 's/^ECOGATE_KAFKA_PASSWORD_//')" "$(kafka_user_password "$s")"; done
    } >"$KAFKA_PRINCIPALS_FILE.tmp"
    mv "$KAFKA_PRINCIPALS_FILE.tmp" "$KAFKA_PRINCIPALS_FILE"
  )
  log "kafka: principals and ACLs in place ($((SECONDS - t))s)"
}

kafka_cluster_id() {
  sed -n 's/^cluster\.id=//p' "$KAFKA_DIR/data/meta.properties" 2>/dev/null || true
}

kafka_pid() { read_pid "$KAFKA_PIDFILE"; }

kafka_running() { pid_matches "$(kafka_pid)" "$KAFKA_CONFIG"; }

# Healthy = the broker answers a metadata request over SASL_SSL as admin: kafkajs (node_modules) in
# ~0.3s, else the JVM tool BrokerApiVersionsCommand (~3s) before `npm ci` ran.
kafka_health() {
  port_open "$ECOGATE_KAFKA_PORT" || return 1
  if command -v node >/dev/null 2>&1 && [[ -f $REPO_ROOT/node_modules/kafkajs/package.json ]]; then
    kafka_admin_env node "$SCRIPT_DIR/kafka-health.js" "127.0.0.1:$ECOGATE_KAFKA_PORT" 5000
  else
    kafka_vars
    timeout 30 "$JAVA" -Xmx128m -Dlog4j.configuration="file:$KAFKA_DIR/log4j-tools.properties" -cp "$KAFKA_LIBS/*" \
      kafka.admin.BrokerApiVersionsCommand --bootstrap-server "127.0.0.1:$ECOGATE_KAFKA_PORT" \
      --command-config "$KAFKA_ADMIN_CONFIG" >/dev/null
  fi
}

kafka_start() {
  kafka_vars
  mkdir -p "$KAFKA_DIR" "$LOG_DIR" "$RUN_DIR"
  [[ -n ${ECOGATE_KAFKA_ADMIN_PASSWORD:-} ]] || die "kafka: ECOGATE_KAFKA_ADMIN_PASSWORD is not set (.data/secrets.env)"
  if kafka_running; then
    grep -q '^listeners=SASL_SSL://' "$KAFKA_CONFIG" ||
      die "kafka: the running broker (pid $(kafka_pid)) predates SASL_SSL (ADR 0006): run infra:down, then \`bash deploy/local/infra.sh reset\` and infra:up"
    log "kafka: already running (pid $(kafka_pid))"
    return 0
  fi
  rm -f "$KAFKA_PIDFILE"
  require_free_port "$ECOGATE_KAFKA_PORT" kafka
  require_free_port "$ECOGATE_KAFKA_CONTROLLER_PORT" "kafka controller"
  kafka_check_java
  kafka_install
  kafka_tls
  kafka_write_config
  rotate_log "$KAFKA_LOG"
  kafka_format
  log "kafka: starting $ECOGATE_KAFKA_VERSION on SASL_SSL://127.0.0.1:$ECOGATE_KAFKA_PORT (controller $ECOGATE_KAFKA_CONTROLLER_PORT)"
  spawn "$KAFKA_PIDFILE" "$KAFKA_LOG" "$JAVA" \
    "-Xms$ECOGATE_KAFKA_HEAP" "-Xmx$ECOGATE_KAFKA_HEAP" \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent \
    -Djava.awt.headless=true \
    "-Dlog4j.configuration=file:$KAFKA_DIR/log4j.properties" "-Dkafka.logs.dir=$LOG_DIR" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG"
}

kafka_wait() { wait_healthy kafka "$KAFKA_LOG" kafka_running kafka_health; }

kafka_stop() {
  if ! kafka_running; then
    rm -f "$KAFKA_PIDFILE"
    log "kafka: not running"
    return 0
  fi
  log "kafka: stopping (pid $(kafka_pid))"
  stop_pid "$(kafka_pid)" kafka 60
  rm -f "$KAFKA_PIDFILE"
}

kafka_status() {
  kafka_vars
  local pid='-' health=down
  if kafka_running; then
    pid=$(kafka_pid)
    if kafka_health >/dev/null 2>&1; then health=healthy; else health=unhealthy; fi
  fi
  status_line kafka "$pid" "$ECOGATE_KAFKA_PORT/$ECOGATE_KAFKA_CONTROLLER_PORT" "$health" "$KAFKA_LOG" \
    "$ECOGATE_KAFKA_VERSION, SASL_SSL, cluster $(kafka_cluster_id)"
  [[ $health == healthy ]]
}

kafka_reset() { rm -rf "$KAFKA_DIR" "$KAFKA_PIDFILE" "$KAFKA_PRINCIPALS_FILE"; }
