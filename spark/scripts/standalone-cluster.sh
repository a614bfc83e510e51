#!/usr/bin/env bash
# A real multi-process Spark cluster on this machine, on loopback only: Spark's own standalone Master and two
# Workers, each a separate JVM started from the Spark jars that Maven downloaded (spark/target/spark-home/jars, made
# by `mvn -pl spark -am package -Pspark-home`), then a job submitted to spark://127.0.0.1:7077. Everything is
# bounded in time and stopped afterwards, whatever happens.
#
#   spark/scripts/standalone-cluster.sh [--timeout SECONDS] [--worker-memory 2g] [-- FashionJob options...]
#   spark/scripts/standalone-cluster.sh --run COMMAND...   # runs COMMAND instead, with MASTER_URL and SPARK_JARS set
#
# Default job: dev.convnet.spark.FashionJob from spark/target/convnet-spark-job.jar through SparkSubmit (what the
# spark-submit script runs), so `-- --epochs 1 --train-limit 6400` passes options to it. Logs: spark/target/cluster.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HOME_DIR=$ROOT/spark/target/spark-home
JOB_JAR=$ROOT/spark/target/convnet-spark-job.jar
LOGS=$ROOT/spark/target/cluster
TIMEOUT=1200
WORKER_MEMORY=2g
RUN=()
JOB_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) TIMEOUT=$2; shift 2 ;;
    --worker-memory) WORKER_MEMORY=$2; shift 2 ;;
    --run) shift; RUN=("$@"); break ;;
    --) shift; JOB_ARGS=("$@"); break ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done

if [ ! -d "$HOME_DIR/jars" ] || [ ! -f "$JOB_JAR" ]; then
  echo "building the job jar and the Spark jars folder (mvn -pl spark -am package -DskipTests -Pspark-home)"
  (cd "$ROOT" && mvn -B -q -pl spark -am package -DskipTests -Pspark-home)
fi
touch "$HOME_DIR/RELEASE" # a distribution's marker: Spark's launcher then takes the jars from SPARK_HOME/jars
mkdir -p "$LOGS"

export SPARK_HOME=$HOME_DIR
export SPARK_SCALA_VERSION=2.13
export SPARK_LOCAL_IP=127.0.0.1        # every Spark server (and web UI) binds to loopback only
export SPARK_LOCAL_HOSTNAME=127.0.0.1
export SPARK_NO_DAEMONIZE=1
# the JVM flags Spark 3.5 needs on Java 17, kept once in spark/pom.xml (spark.java17.options)
JAVA_OPTS=$(sed -n 's:.*<spark.java17.options>\(.*\)</spark.java17.options>.*:\1:p' "$ROOT/spark/pom.xml")
CP="$HOME_DIR/jars/*"
PIDS=()

stop_all() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap stop_all EXIT INT TERM

wait_for() { # wait_for LOGFILE PATTERN SECONDS WHAT
  for _ in $(seq 1 "$(($3 * 5))"); do
    if grep -q "$2" "$1" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  echo "error: $4 did not start within $3 s; see $1" >&2
  tail -20 "$1" >&2 || true
  exit 1
}

if (exec 3<>/dev/tcp/127.0.0.1/7077) 2>/dev/null; then
  echo "error: something already listens on 127.0.0.1:7077" >&2
  exit 1
fi

java $JAVA_OPTS -Xmx512m -cp "$CP" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port 7077 --webui-port 0 > "$LOGS/master.log" 2>&1 &
PIDS+=($!)
wait_for "$LOGS/master.log" "I have been elected leader" 120 "the Spark master"
echo "master: spark://127.0.0.1:7077 (pid ${PIDS[0]})"

for i in 1 2; do
  mkdir -p "$LOGS/worker$i"
  java $JAVA_OPTS -Xmx512m -cp "$CP" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --port 0 --webui-port 0 --cores 1 --memory "$WORKER_MEMORY" --work-dir "$LOGS/worker$i" \
    spark://127.0.0.1:7077 > "$LOGS/worker$i.log" 2>&1 &
  PIDS+=($!)
done
wait_for "$LOGS/worker1.log" "Successfully registered with master" 120 "worker 1"
wait_for "$LOGS/worker2.log" "Successfully registered with master" 120 "worker 2"
echo "workers: 2 (1 core, $WORKER_MEMORY each; pids ${PIDS[1]} ${PIDS[2]})"

export MASTER_URL=spark://127.0.0.1:7077
export SPARK_JARS=$JOB_JAR
status=0
if [ ${#RUN[@]} -gt 0 ]; then
  timeout "$TIMEOUT" "${RUN[@]}" &
else
  timeout "$TIMEOUT" java $JAVA_OPTS -Xmx2g -cp "$CP" org.apache.spark.deploy.SparkSubmit \
    --master "$MASTER_URL" --deploy-mode client --class dev.convnet.spark.FashionJob \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 --conf spark.ui.enabled=false \
    --executor-memory 1500m "$JOB_JAR" "${JOB_ARGS[@]}" &
fi
JOB=$!
PIDS=("$JOB" "${PIDS[@]}") # stopped first; waiting in the background lets a signal stop everything at once
wait "$JOB" || status=$?
if [ "$status" = 124 ]; then
  echo "error: the job did not finish within $TIMEOUT s (--timeout)" >&2
fi
exit "$status"
