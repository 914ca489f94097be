{{/* What the chart sets for barrier-control (ConfigMap); `config` adds the city's settings. */}}
{{- define "barrier-control.env" -}}
{{ include "ecogate-lib.kafkaConfig" . }}
{{ include "ecogate-lib.authConfig" . }}
{{ include "ecogate-lib.signingConfig" . }}
BARRIER_GATES_FILE: {{ printf "/etc/ecogate/gates/%s" .Values.gates.key | quote }}
LEDGER_URL: {{ include "ecogate-lib.peerUrl" (dict "root" . "service" "ledger" "port" 8080) | quote }}
{{- with .Values.global.deviceNetworks }}
DEVICE_ALLOWED_NETWORKS: {{ join "," . | quote }}
{{- end }}
{{- end -}}

{{- define "barrier-control.secretEnv" -}}
{{ include "ecogate-lib.databaseSecretEnv" . }}
{{ include "ecogate-lib.kafkaSecretEnv" . }}
{{- end -}}

{{- define "barrier-control.volumes" -}}
- name: gates
  configMap:
    name: {{ .Values.gates.configMap }}
    items:
      - key: {{ .Values.gates.key }}
        path: {{ .Values.gates.key }}
{{ include "ecogate-lib.authVolumes" (dict "root" . "signing" true) }}
{{ include "ecogate-lib.infraVolumes" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}

{{- define "barrier-control.volumeMounts" -}}
- name: gates
  mountPath: /etc/ecogate/gates
  readOnly: true
{{ include "ecogate-lib.authVolumeMounts" (dict "root" . "signing" true) }}
{{ include "ecogate-lib.infraVolumeMounts" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}
