{{/* The service's ServiceAccount: no token mounted, none needed (no service talks to the API server). */}}
{{- define "ecogate-lib.serviceAccount" }}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "ecogate-lib.fullname" . }}
  labels:
    {{- include "ecogate-lib.labels" (dict "root" .) | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: false
{{- end -}}

{{/*
The ConfigMap of a service: the listeners (all interfaces inside the pod; the NetworkPolicy decides
who reaches them), logging and telemetry, then the service's own settings: (dict "root" $ "env" map),
where env holds what the chart computes and `.Values.config` what the city sets.
*/}}
{{- define "ecogate-lib.configData" -}}
{{- $v := .root.Values -}}
{{- $data := dict
  "HTTP_HOST" "0.0.0.0"
  "HTTP_PORT" "8080"
  "METRICS_HOST" "0.0.0.0"
  "METRICS_PORT" "9464"
  "LOG_LEVEL" ($v.logLevel | default $v.global.logLevel)
-}}
{{- with $v.global.otlpEndpoint }}{{ $_ := set $data "OTEL_EXPORTER_OTLP_ENDPOINT" . }}{{ end -}}
{{- range $key, $value := .env }}{{ $_ := set $data $key (toString $value) }}{{ end -}}
{{- range $key, $value := $v.config }}{{ $_ := set $data $key (toString $value) }}{{ end -}}
{{- toYaml $data -}}
{{- end -}}

{{- define "ecogate-lib.configMap" }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "ecogate-lib.fullname" .root }}
  labels:
    {{- include "ecogate-lib.labels" (dict "root" .root) | nindent 4 }}
data:
  {{- include "ecogate-lib.configData" . | nindent 2 }}
{{- end -}}

{{/*
A Service: (dict "root" $ "component" "" "name" "<suffix or empty>" "ports" list "type" "ClusterIP"
"annotations" map "externalTrafficPolicy" "" "loadBalancerSourceRanges" list "metrics" bool).
Ports: (dict "name" "port" "targetPort"), targetPort defaulting to the name.
*/}}
{{- define "ecogate-lib.service" -}}
{{- $type := .type | default "ClusterIP" }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "ecogate-lib.componentName" (dict "root" .root "component" .name) }}
  labels:
    {{- include "ecogate-lib.labels" (dict "root" .root "component" .component) | nindent 4 }}
    {{- if .metrics }}
    ecogate.io/metrics: "true"
    {{- end }}
  {{- with .annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ $type }}
  {{- if and (ne $type "ClusterIP") .externalTrafficPolicy }}
  externalTrafficPolicy: {{ .externalTrafficPolicy }}
  {{- end }}
  {{- with .loadBalancerSourceRanges }}
  {{- if eq $type "LoadBalancer" }}
  loadBalancerSourceRanges:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- end }}
  selector:
    {{- include "ecogate-lib.selectorLabels" (dict "root" .root "component" .component) | nindent 4 }}
  ports:
    {{- range .ports }}
    - name: {{ .name }}
      port: {{ .port }}
      targetPort: {{ .targetPort | default .name }}
      protocol: TCP
    {{- end }}
    {{- if .metrics }}
    - name: metrics
      port: 9464
      targetPort: metrics
      protocol: TCP
    {{- end }}
{{- end -}}

{{/* A StatefulSet's governing Service (headless), for the recorder shards: (dict "root" $ "component" ""). */}}
{{- define "ecogate-lib.headlessService" }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "ecogate-lib.fullname" .root }}-headless
  labels:
    {{- include "ecogate-lib.labels" . | nindent 4 }}
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector:
    {{- include "ecogate-lib.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: 8080
      targetPort: http
      protocol: TCP
{{- end -}}

{{/* PodDisruptionBudget: (dict "root" $ "component" "" "workload" values-with-podDisruptionBudget). */}}
{{- define "ecogate-lib.pdb" -}}
{{- $pdb := .workload.podDisruptionBudget }}
{{- if $pdb.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "ecogate-lib.componentName" . }}
  labels:
    {{- include "ecogate-lib.labels" . | nindent 4 }}
spec:
  {{- if ne (toString $pdb.minAvailable) "" }}
  minAvailable: {{ $pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ $pdb.maxUnavailable | default 1 }}
  {{- end }}
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels:
      {{- include "ecogate-lib.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/* HorizontalPodAutoscaler on CPU: (dict "root" $ "component" "" "workload" values-with-autoscaling "kind" "Deployment"). */}}
{{- define "ecogate-lib.hpa" -}}
{{- $hpa := .workload.autoscaling }}
{{- if and $hpa $hpa.enabled }}
{{- if gt (int $hpa.minReplicas) (int $hpa.maxReplicas) }}
{{- fail (printf "%s: autoscaling.minReplicas (%v) is above maxReplicas (%v)" .root.Chart.Name $hpa.minReplicas $hpa.maxReplicas) }}
{{- end }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "ecogate-lib.componentName" . }}
  labels:
    {{- include "ecogate-lib.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: {{ .kind | default "Deployment" }}
    name: {{ include "ecogate-lib.componentName" . }}
  minReplicas: {{ $hpa.minReplicas }}
  maxReplicas: {{ $hpa.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $hpa.targetCPUUtilizationPercentage }}
  behavior:
    scaleDown:
      # Gate traffic comes in waves (shift changes); keep capacity for a while after one.
      stabilizationWindowSeconds: 600
{{- end }}
{{- end -}}

{{/* ServiceMonitor of the service's metrics port (monitoring.coreos.com/v1), with `global.serviceMonitor.enabled`. */}}
{{- define "ecogate-lib.serviceMonitor" -}}
{{- if .Values.global.serviceMonitor.enabled }}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "ecogate-lib.fullname" . }}
  labels:
    {{- include "ecogate-lib.labels" (dict "root" .) | nindent 4 }}
    {{- with .Values.global.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "ecogate-lib.selectorLabels" (dict "root" .) | nindent 6 }}
      ecogate.io/metrics: "true"
  endpoints:
    - port: metrics
      path: /metrics
      interval: {{ .Values.global.serviceMonitor.interval }}
      scheme: http
{{- end }}
{{- end -}}

{{/* An Ingress to one of the service's Services: (dict "root" $ "service" <name> "port" <name> "ingress" values "extraAnnotations" map). */}}
{{- define "ecogate-lib.ingress" -}}
{{- $ing := .ingress }}
{{- if $ing.enabled }}
{{- if not $ing.host }}
{{- fail (printf "%s: the Ingress needs a host" .root.Chart.Name) }}
{{- end }}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ .service }}
  labels:
    {{- include "ecogate-lib.labels" (dict "root" .root) | nindent 4 }}
  {{- $annotations := merge (dict) ($ing.annotations | default dict) (.extraAnnotations | default dict) }}
  {{- with $annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $ing.className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- with $ing.tlsSecretName }}
  tls:
    - hosts:
        - {{ $ing.host }}
      secretName: {{ . }}
  {{- end }}
  rules:
    - host: {{ $ing.host }}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {{ .service }}
                port:
                  name: {{ .port }}
{{- end }}
{{- end -}}
