#!/usr/bin/env bash
# Throughput of synchronous training and of batch inference through Spark for LeNet-5 and the small ResNet on
# Fashion-MNIST, on local[1], local[2] and the two-worker standalone cluster (standalone-cluster.sh), beside the
# single-machine Trainer with 1 and 2 threads (benchmarks' SparkThroughput, one JVM per row). Not a test: run it
# once on a quiet machine. Needs `apt-get install dataset-fashion-mnist`; builds what it needs.
#
#   spark/scripts/benchmark.sh [TRAIN_IMAGES] [BATCH]      # default 12800 images, global batch 64
# Results: spark/target/benchmark/results.txt (key=value lines), table: spark/target/benchmark/table.md
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TRAIN=${1:-12800}
BATCH=${2:-64}
OUT=$ROOT/spark/target/benchmark
mkdir -p "$OUT"
RESULTS=$OUT/results.txt
: > "$RESULTS"
if [ ! -d "$ROOT/spark/target/spark-home/jars" ] || [ ! -f "$ROOT/benchmarks/target/classes/dev/convnet/benchmarks/spark/SparkThroughput.class" ]; then
  (cd "$ROOT" && mvn -B -q -pl spark,benchmarks -am package -DskipTests -Pspark-home)
fi
JAVA_OPTS=$(sed -n 's:.*<spark.java17.options>\(.*\)</spark.java17.options>.*:\1:p' "$ROOT/spark/pom.xml")
JOB_JAR=$ROOT/spark/target/convnet-spark-job.jar
CP="$ROOT/benchmarks/target/classes:$JOB_JAR:$ROOT/spark/target/spark-home/jars/*"
ARGS=(--train "$TRAIN" --batch "$BATCH" --out "$RESULTS")
run() { java $JAVA_OPTS -Xmx4g -cp "$CP" dev.convnet.benchmarks.spark.SparkThroughput "${ARGS[@]}" "$@" 2>>"$OUT/stderr.log"; }

run --mode trainer --threads 1
run --mode trainer --threads 2
run --mode spark --master 'local[1]' --shards 1 --label 'local[1]'
run --mode spark --master 'local[2]' --shards 2 --label 'local[2]'
"$ROOT/spark/scripts/standalone-cluster.sh" --timeout 2400 --run bash -c \
  "java $JAVA_OPTS -Xmx3g -cp '$CP' dev.convnet.benchmarks.spark.SparkThroughput ${ARGS[*]} --mode spark \
   --master \"\$MASTER_URL\" --shards 2 --label 'standalone, 2 workers' --jar \"\$SPARK_JARS\" 2>>'$OUT/stderr.log'"
java -cp "$CP" dev.convnet.benchmarks.spark.SparkThroughputTable "$RESULTS" | tee "$OUT/table.md"
