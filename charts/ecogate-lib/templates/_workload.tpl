{{/* One probe: (dict "probe" .Values.probes.readiness). An empty path is a TCP check of the http port. */}}
{{- define "ecogate-lib.probe" -}}
{{- $probe := dict "periodSeconds" .probe.periodSeconds "timeoutSeconds" .probe.timeoutSeconds "failureThreshold" .probe.failureThreshold -}}
{{- if .probe.path -}}
{{- $_ := set $probe "httpGet" (dict "path" .probe.path "port" "http") -}}
{{- else -}}
{{- $_ := set $probe "tcpSocket" (dict "port" "http") -}}
{{- end -}}
{{- toYaml $probe -}}
{{- end -}}

{{/* Drops blank lines: the YAML pieces a template joins may leave some. */}}
{{- define "ecogate-lib.compact" -}}
{{- regexReplaceAll "(?m)^[ \t]*\n" (trim .) "" -}}
{{- end -}}

{{/* Replicas on different nodes (soft or hard) and over zones, best effort: (dict "root" $ "component" ...). */}}
{{- define "ecogate-lib.spread" -}}
{{- $mode := .root.Values.scheduling.podAntiAffinity }}
{{- if ne $mode "none" }}
affinity:
  podAntiAffinity:
    {{- if eq $mode "hard" }}
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "ecogate-lib.selectorLabels" . | nindent 12 }}
    {{- else }}
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- include "ecogate-lib.selectorLabels" . | nindent 14 }}
    {{- end }}
{{- end }}
{{- if .root.Values.scheduling.zoneSpread }}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "ecogate-lib.selectorLabels" . | nindent 8 }}
{{- end }}
{{- end -}}

{{/*
A service's Deployment or StatefulSet. Arguments (dict):
  root          the chart's context
  component     "" or the workload's name within the service ("push", "supervisor")
  kind          "Deployment" (default) or "StatefulSet"
  workload      values with resources, and replicaCount/autoscaling where the workload scales
  replicas      a fixed replica count (singletons, shards); else workload.replicaCount
  strategy      "Recreate" for a Deployment that must never run two pods side by side
  env           the ConfigMap's data (its checksum rolls the pods when it changes)
  componentEnv  YAML env entries of this workload only (non-secret)
  secretEnv     YAML env entries from Secrets (by reference)
  envFromSecret a Secret whose keys all become variables, or ""
  ports         extra container ports: list of (dict "name" "containerPort")
  volumes, volumeMounts, initContainers, volumeClaimTemplates   YAML, optional
*/}}
{{- define "ecogate-lib.workload" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $kind := .kind | default "Deployment" -}}
{{- $autoscaled := and .workload.autoscaling .workload.autoscaling.enabled }}
---
apiVersion: apps/v1
kind: {{ $kind }}
metadata:
  name: {{ include "ecogate-lib.componentName" . }}
  labels:
    {{- include "ecogate-lib.labels" . | nindent 4 }}
  {{- with include "ecogate-lib.annotations" $root }}
  annotations:
    {{- . | nindent 4 }}
  {{- end }}
spec:
  {{- if not $autoscaled }}
  replicas: {{ hasKey . "replicas" | ternary .replicas .workload.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "ecogate-lib.selectorLabels" . | nindent 6 }}
  {{- if eq $kind "StatefulSet" }}
  serviceName: {{ include "ecogate-lib.fullname" $root }}-headless
  podManagementPolicy: Parallel
  updateStrategy:
    type: RollingUpdate
  {{- with .volumeClaimTemplates }}
  volumeClaimTemplates:
    {{- . | nindent 4 }}
  {{- end }}
  {{- else if eq (.strategy | default "") "Recreate" }}
  strategy:
    type: Recreate
  {{- else }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  {{- end }}
  template:
    metadata:
      labels:
        {{- include "ecogate-lib.selectorLabels" . | nindent 8 }}
        app.kubernetes.io/part-of: ecogate
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ toYaml .env | sha256sum }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "ecogate-lib.fullname" $root }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
      securityContext:
        {{- include "ecogate-lib.podSecurityContext" $root | nindent 8 }}
      {{- with include "ecogate-lib.imagePullSecrets" $root }}
      {{- . | nindent 6 }}
      {{- end }}
      {{- with $v.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with include "ecogate-lib.spread" . | trim }}
      {{- . | nindent 6 }}
      {{- end }}
      {{- with .initContainers | default "" | trim }}
      initContainers:
        {{- include "ecogate-lib.compact" . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ $root.Chart.Name }}
          image: {{ include "ecogate-lib.image" $root | quote }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            - name: metrics
              containerPort: 9464
              protocol: TCP
            {{- range .ports }}
            - name: {{ .name }}
              containerPort: {{ .containerPort }}
              protocol: TCP
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ include "ecogate-lib.fullname" $root }}
            {{- with .envFromSecret }}
            - secretRef:
                name: {{ . }}
            {{- end }}
          {{- $env := trim (printf "%s\n%s" (.componentEnv | default "") (.secretEnv | default "")) }}
          {{- if $env }}
          env:
            {{- include "ecogate-lib.compact" $env | nindent 12 }}
          {{- end }}
          startupProbe:
            {{- include "ecogate-lib.probe" (dict "probe" $v.probes.startup) | nindent 12 }}
          readinessProbe:
            {{- include "ecogate-lib.probe" (dict "probe" $v.probes.readiness) | nindent 12 }}
          livenessProbe:
            {{- include "ecogate-lib.probe" (dict "probe" $v.probes.liveness) | nindent 12 }}
          resources:
            {{- toYaml .workload.resources | nindent 12 }}
          securityContext:
            {{- include "ecogate-lib.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with .volumeMounts }}
            {{- include "ecogate-lib.compact" . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $v.tmpSizeLimit }}
        {{- with .volumes }}
        {{- include "ecogate-lib.compact" . | nindent 8 }}
        {{- end }}
{{- end -}}
