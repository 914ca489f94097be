# shellcheck shell=bash
# Apache Kafka, single-node KRaft (broker + controller in one JVM), from the official jars on Maven
# Central, cached in $ECOGATE_CACHE/kafka-<scala>-<version>/libs for every clone on the machine.
# Sourced by infra.sh; needs lib.sh and infra.conf.

KAFKA_DIR="$DATA_DIR/kafka"
KAFKA_LOG="$LOG_DIR/kafka.log"
KAFKA_PIDFILE="$RUN_DIR/kafka.pid"
KAFKA_CONFIG="$KAFKA_DIR/server.properties"
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
  cat >"$KAFKA_CONFIG" <<PROPS
# Written by deploy/local/kafka.sh at every start (edit deploy/local/infra.conf instead).
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$ECOGATE_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$ECOGATE_KAFKA_PORT,CONTROLLER://127.0.0.1:$ECOGATE_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$ECOGATE_KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
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

# Formats the storage once. The cluster id is kept in .data/kafka/cluster.id (and in
# data/meta.properties), so restarts keep the same cluster.
kafka_format() {
  [[ -f $KAFKA_DIR/data/meta.properties ]] && return 0
  local id
  if [[ -s $KAFKA_DIR/cluster.id ]]; then
    id=$(cat "$KAFKA_DIR/cluster.id")
  else
    id=$(kafka_tool kafka.tools.StorageTool random-uuid 2>>"$KAFKA_LOG" | tail -n1)
    [[ -n $id ]] || die "kafka: StorageTool random-uuid printed nothing; see $(rel "$KAFKA_LOG")"
    printf '%s\n' "$id" >"$KAFKA_DIR/cluster.id"
  fi
  log "kafka: formatting storage (cluster id $id)"
  kafka_tool kafka.tools.StorageTool format -t "$id" -c "$KAFKA_CONFIG" --ignore-formatted >>"$KAFKA_LOG" 2>&1 ||
    {
      show_log_tail "$KAFKA_LOG"
      die "kafka: StorageTool format failed; see $(rel "$KAFKA_LOG")"
    }
}

kafka_cluster_id() {
  sed -n 's/^cluster\.id=//p' "$KAFKA_DIR/data/meta.properties" 2>/dev/null || true
}

kafka_pid() { read_pid "$KAFKA_PIDFILE"; }

kafka_running() { pid_matches "$(kafka_pid)" "$KAFKA_CONFIG"; }

# Healthy = the broker answers a metadata request: kafkajs (node_modules) in ~0.3s, else the JVM
# tool BrokerApiVersionsCommand (~3s) before `npm ci` ran.
kafka_health() {
  port_open "$ECOGATE_KAFKA_PORT" || return 1
  if command -v node >/dev/null 2>&1 && [[ -f $REPO_ROOT/node_modules/kafkajs/package.json ]]; then
    node "$SCRIPT_DIR/kafka-health.js" "127.0.0.1:$ECOGATE_KAFKA_PORT" 5000
  else
    kafka_vars
    timeout 30 "$JAVA" -Xmx128m -Dlog4j.configuration="file:$KAFKA_DIR/log4j-tools.properties" -cp "$KAFKA_LIBS/*" \
      kafka.admin.BrokerApiVersionsCommand --bootstrap-server "127.0.0.1:$ECOGATE_KAFKA_PORT" >/dev/null
  fi
}

kafka_start() {
  kafka_vars
  mkdir -p "$KAFKA_DIR" "$LOG_DIR" "$RUN_DIR"
  if kafka_running; then
    log "kafka: already running (pid $(kafka_pid))"
    return 0
  fi
  rm -f "$KAFKA_PIDFILE"
  require_free_port "$ECOGATE_KAFKA_PORT" kafka
  require_free_port "$ECOGATE_KAFKA_CONTROLLER_PORT" "kafka controller"
  kafka_check_java
  kafka_install
  kafka_write_config
  rotate_log "$KAFKA_LOG"
  kafka_format
  log "kafka: starting $ECOGATE_KAFKA_VERSION on 127.0.0.1:$ECOGATE_KAFKA_PORT (controller $ECOGATE_KAFKA_CONTROLLER_PORT)"
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
    "$ECOGATE_KAFKA_VERSION, cluster $(kafka_cluster_id)"
  [[ $health == healthy ]]
}

kafka_reset() { rm -rf "$KAFKA_DIR" "$KAFKA_PIDFILE"; }
