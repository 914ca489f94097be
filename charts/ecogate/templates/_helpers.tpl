{{/* Labels of the umbrella's own objects (the operator resources). */}}
{{- define "ecogate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Values.global.imageTag | default .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: ecogate
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Data outlives the release: `helm uninstall` leaves these resources (retention floors, ADR 0007). */}}
{{- define "ecogate.keep" -}}
helm.sh/resource-policy: keep
{{- end -}}

{{/* A Kubernetes name for a topic: lower case, dots and dashes only. */}}
{{- define "ecogate.topicResourceName" -}}
{{- regexReplaceAll "[^a-z0-9.-]" (lower .) "-" | trunc 253 | trimSuffix "-" | trimSuffix "." -}}
{{- end -}}
