{{/*
NetworkPolicies: each service's pods deny everything but what the service uses. Rules are built
from the helpers below and handed to "ecogate-lib.networkPolicy" as YAML lists.
*/}}

{{/* One rule: (dict "direction" "to"|"from" "peers" list "ports" list "udp" bool); no peers: any address on the ports; no ports: every port of the peers. */}}
{{- define "ecogate-lib.rule" -}}
{{- $rule := dict -}}
{{- with .peers }}{{ $_ := set $rule $.direction . }}{{ end -}}
{{- $ports := list -}}
{{- range .ports -}}
{{- $ports = append $ports (dict "protocol" "TCP" "port" .) -}}
{{- if $.udp }}{{ $ports = append $ports (dict "protocol" "UDP" "port" .) }}{{ end -}}
{{- end -}}
{{- with $ports }}{{ $_ := set $rule "ports" . }}{{ end -}}
{{- if $rule }}{{ toYaml (list $rule) }}{{ end -}}
{{- end -}}

{{- define "ecogate-lib.egress.dns" -}}
{{ include "ecogate-lib.rule" (dict "direction" "to" "peers" .Values.global.networkPolicy.dns.peers "ports" .Values.global.networkPolicy.dns.ports "udp" true) }}
{{- end -}}

{{- define "ecogate-lib.egress.kafka" -}}
{{- if .Values.global.operators.kafka }}
{{- $peers := list (dict "podSelector" (dict "matchLabels" (dict "strimzi.io/cluster" (include "ecogate-lib.kafkaCluster" .) "strimzi.io/kind" "Kafka"))) }}
{{ include "ecogate-lib.rule" (dict "direction" "to" "peers" $peers "ports" (list 9093)) }}
{{- else }}
{{ include "ecogate-lib.rule" (dict "direction" "to" "peers" .Values.global.kafka.network.peers "ports" .Values.global.kafka.network.ports) }}
{{- end }}
{{- end -}}

{{- define "ecogate-lib.egress.postgres" -}}
{{- if .Values.global.operators.postgres }}
{{- $peers := list (dict "podSelector" (dict "matchLabels" (dict "cnpg.io/cluster" (include "ecogate-lib.postgresCluster" .)))) }}
{{ include "ecogate-lib.rule" (dict "direction" "to" "peers" $peers "ports" (list 5432)) }}
{{- else }}
{{ include "ecogate-lib.rule" (dict "direction" "to" "peers" .Values.global.postgres.network.peers "ports" .Values.global.postgres.network.ports) }}
{{- end }}
{{- end -}}

{{/* With the MinIO Tenant: its pods' S3 port (a NetworkPolicy sees the pod port, not the Service's 80). */}}
{{- define "ecogate-lib.egress.objectStorage" -}}
{{- if .Values.global.operators.minio }}
{{- $peers := list (dict "podSelector" (dict "matchLabels" (dict "v1.min.io/tenant" (include "ecogate-lib.minioTenant" .)))) }}
{{ include "ecogate-lib.rule" (dict "direction" "to" "peers" $peers "ports" (list 9000)) }}
{{- else }}
{{ include "ecogate-lib.rule" (dict "direction" "to" "peers" .Values.global.objectStorage.network.peers "ports" .Values.global.objectStorage.network.ports) }}
{{- end }}
{{- end -}}

{{- define "ecogate-lib.egress.otlp" -}}
{{- if .Values.global.otlpEndpoint }}
{{ include "ecogate-lib.rule" (dict "direction" "to" "peers" .Values.global.networkPolicy.otlp.peers "ports" .Values.global.networkPolicy.otlp.ports) }}
{{- end }}
{{- end -}}

{{/* To another service of the release: (dict "root" $ "service" "ledger" "ports" (list 8080)). */}}
{{- define "ecogate-lib.egress.peer" -}}
{{- $peers := list (dict "podSelector" (dict "matchLabels" (include "ecogate-lib.peerSelectorLabels" . | fromYaml))) }}
{{ include "ecogate-lib.rule" (dict "direction" "to" "peers" $peers "ports" .ports) }}
{{- end -}}

{{/* The gateway's internal listener: the JWKS every service verifies people's tokens with. */}}
{{- define "ecogate-lib.egress.jwks" -}}
{{ include "ecogate-lib.egress.peer" (dict "root" . "service" "gateway" "ports" (list 8081)) }}
{{- end -}}

{{/* The plant networks (DEVICE_ALLOWED_NETWORKS), every port: cameras and barriers speak HTTP, RTSP, ONVIF on ports of their own. */}}
{{- define "ecogate-lib.egress.devices" -}}
{{- if .Values.global.deviceNetworks }}
{{- $peers := list }}
{{- range .Values.global.deviceNetworks }}
{{- $cidr := ternary . (printf "%s/%s" . (ternary "128" "32" (contains ":" .))) (contains "/" .) }}
{{- $peers = append $peers (dict "ipBlock" (dict "cidr" $cidr)) }}
{{- end }}
{{ include "ecogate-lib.rule" (dict "direction" "to" "peers" $peers "ports" (list)) }}
{{- end }}
{{- end -}}

{{/* From another service of the release: (dict "root" $ "service" "gateway" "ports" (list 8080)). */}}
{{- define "ecogate-lib.ingress.peer" -}}
{{- $peers := list (dict "podSelector" (dict "matchLabels" (include "ecogate-lib.peerSelectorLabels" . | fromYaml))) }}
{{ include "ecogate-lib.rule" (dict "direction" "from" "peers" $peers "ports" .ports) }}
{{- end -}}

{{- define "ecogate-lib.ingress.metrics" -}}
{{ include "ecogate-lib.rule" (dict "direction" "from" "peers" .Values.global.networkPolicy.monitoring.peers "ports" (list 9464)) }}
{{- end -}}

{{- define "ecogate-lib.ingress.ingressController" -}}
{{ include "ecogate-lib.rule" (dict "direction" "from" "peers" .root.Values.global.networkPolicy.ingressController.peers "ports" .ports) }}
{{- end -}}

{{/*
The policy of a service's pods: (dict "root" $ "component" "" "ingress" <rules> "egress" <rules>).
Always allowed besides: Prometheus on the metrics port, DNS; plus the chart's extra rules.
*/}}
{{- define "ecogate-lib.networkPolicy" -}}
{{- if .root.Values.global.networkPolicy.enabled }}
{{- $ingress := trim (printf "%s\n%s" (.ingress | default "") (include "ecogate-lib.ingress.metrics" .root)) }}
{{- with .root.Values.networkPolicy.extraIngress }}
{{- $ingress = printf "%s\n%s" $ingress (toYaml .) }}
{{- end }}
{{- $egress := trim (printf "%s\n%s" (.egress | default "") (include "ecogate-lib.egress.dns" .root)) }}
{{- with .root.Values.networkPolicy.extraEgress }}
{{- $egress = printf "%s\n%s" $egress (toYaml .) }}
{{- end }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "ecogate-lib.componentName" . }}
  labels:
    {{- include "ecogate-lib.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "ecogate-lib.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    {{- include "ecogate-lib.compact" $ingress | nindent 4 }}
  egress:
    {{- include "ecogate-lib.compact" $egress | nindent 4 }}
{{- end }}
{{- end -}}
