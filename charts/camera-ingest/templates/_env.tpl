{{/* What the chart sets for camera-ingest (ConfigMap); `config` adds the city's settings. */}}
{{- define "camera-ingest.env" -}}
{{ include "ecogate-lib.kafkaConfig" . }}
{{ include "ecogate-lib.objectStorageConfig" . }}
{{ include "ecogate-lib.authConfig" . }}
{{ include "ecogate-lib.signingConfig" . }}
API_HTTP_HOST: "0.0.0.0"
API_HTTP_PORT: "8081"
BARRIER_CONTROL_URL: {{ include "ecogate-lib.peerUrl" (dict "root" . "service" "barrier-control" "port" 8080) | quote }}
{{- with .Values.global.deviceNetworks }}
DEVICE_ALLOWED_NETWORKS: {{ join "," . | quote }}
{{- end }}
{{- end -}}

{{- define "camera-ingest.secretEnv" -}}
{{ include "ecogate-lib.databaseSecretEnv" . }}
{{ include "ecogate-lib.kafkaSecretEnv" . }}
{{ include "ecogate-lib.objectStorageSecretEnv" . }}
- name: DEVICE_CREDENTIALS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.deviceCredentials.existingSecret }}
      key: {{ .Values.deviceCredentials.key }}
{{- end -}}

{{- define "camera-ingest.volumes" -}}
{{ include "ecogate-lib.authVolumes" (dict "root" . "signing" true) }}
{{ include "ecogate-lib.infraVolumes" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}

{{- define "camera-ingest.volumeMounts" -}}
{{ include "ecogate-lib.authVolumeMounts" (dict "root" . "signing" true) }}
{{ include "ecogate-lib.infraVolumeMounts" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}

{{/*
Everything that reaches out to cameras on its own (ONVIF supervision, Dahua event streams, loading-area
snapshots, the view check) runs in the one supervisor only: in every push receiver it would poll,
attach and snapshot each camera once per replica. The supervisor takes the city's `config` for the
last three; the push receivers always have them off.
*/}}
{{- define "camera-ingest.componentEnv" -}}
- name: ONVIF_SUPERVISION_ENABLED
  value: {{ ternary "true" "false" . | quote }}
{{- if not . }}
{{- range list "DAHUA_EVENT_STREAM_ENABLED" "LOADING_AREA_SNAPSHOTS_ENABLED" "VIEW_CHECK_ENABLED" }}
- name: {{ . }}
  value: "false"
{{- end }}
{{- end }}
{{- end -}}

{{/* One of the two workloads: (dict "root" $ "component" "push"|"supervisor" "env" map). */}}
{{- define "camera-ingest.workload" -}}
{{- $root := .root }}
{{- $supervisor := eq .component "supervisor" }}
{{- $args := dict
  "root" $root
  "component" .component
  "env" .env
  "componentEnv" (include "camera-ingest.componentEnv" $supervisor)
  "secretEnv" (include "camera-ingest.secretEnv" $root)
  "ports" (list (dict "name" "api" "containerPort" 8081))
  "volumes" (include "camera-ingest.volumes" $root)
  "volumeMounts" (include "camera-ingest.volumeMounts" $root) }}
{{- if $supervisor }}
{{- /* One supervisor, never two side by side: each would poll and trigger every ONVIF camera. */}}
{{- $_ := merge $args (dict "workload" $root.Values.supervisor "replicas" 1 "strategy" "Recreate") }}
{{- else }}
{{- $_ := merge $args (dict "workload" $root.Values.push) }}
{{- end }}
{{- include "ecogate-lib.workload" $args }}
{{- end -}}
