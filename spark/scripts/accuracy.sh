#!/usr/bin/env bash
# Fashion-MNIST accuracy of LeNet-5 trained through Spark (synchronous, and parameter averaging every K steps)
# beside the same training on one machine (the examples' job with --threads 2): 5 epochs, AdamW, cosine schedule,
# seed 1, the same global batch. Needs `apt-get install dataset-fashion-mnist` and
# `mvn -B -pl spark -am package -DskipTests -Pspark-home`. Writes spark/target/accuracy/*.log; takes minutes.
#
#   spark/scripts/accuracy.sh [BATCH] [LR] [AVERAGE_EVERY]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BATCH=${1:-256}
LR=${2:-0.002}
K=${3:-4}
DATA=/usr/share/datasets/fashion-mnist
OUT=$ROOT/spark/target/accuracy
mkdir -p "$OUT"
JAVA_OPTS=$(sed -n 's:.*<spark.java17.options>\(.*\)</spark.java17.options>.*:\1:p' "$ROOT/spark/pom.xml")
CP="$ROOT/spark/target/spark-home/jars/*:$ROOT/spark/target/convnet-spark-job.jar"
COMMON=(--data "$DATA" --epochs 5 --batch "$BATCH" --lr "$LR" --seed 1)

echo "one machine: the examples' job, --threads 2"
java -jar "$ROOT/examples/target/convnet-examples.jar" --net lenet5 "${COMMON[@]}" --threads 2 \
  --out "$OUT/single" > "$OUT/single.log" 2>&1
grep "test accuracy" "$OUT/single.log"

echo "Spark local[2], synchronous, 2 shards"
java $JAVA_OPTS -Xmx4g -cp "$CP" dev.convnet.spark.FashionJob --master 'local[2]' --net lenet5 "${COMMON[@]}" \
  --shards 2 --out "$OUT/spark-sync.model" > "$OUT/spark-sync.log" 2>&1
grep "test accuracy" "$OUT/spark-sync.log"

echo "Spark local[2], parameter averaging every $K steps, 2 shards"
java $JAVA_OPTS -Xmx4g -cp "$CP" dev.convnet.spark.FashionJob --master 'local[2]' --net lenet5 "${COMMON[@]}" \
  --shards 2 --average-every "$K" --out "$OUT/spark-average.model" > "$OUT/spark-average.log" 2>&1
grep "test accuracy" "$OUT/spark-average.log"
