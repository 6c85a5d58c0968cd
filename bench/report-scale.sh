#!/usr/bin/env bash
# Times each bean of the report stage on a synthetic run (streamed requests with 64 inter-token
# gaps each, 2% failures, a few invalid lines), so the report's cost can be followed as runs grow.
# Prints seconds per step; asserts nothing.
#
#   bench/report-scale.sh [requests, default 100000] [adapters, default 16]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
mvn -q -f "$home/pom.xml" -pl pipeline -am -DskipTests package >&2
exec java ${REPORT_SCALE_JAVA_OPTS:-} -Djava.awt.headless=true \
  -cp "$home/pipeline/target/classes:$home/pipeline/target/test-classes:$home/pipeline/target/lib/*" dev.multilora.report.ReportScale "$@"
